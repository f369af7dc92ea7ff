import { HolidayList, HolidaysKey, PutHolidaysBody, ResourcesRpc } from '@baton/contracts';
import { RpcClient, type RpcCallContext } from '@baton/platform';
import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '../auth/permissions.js';
import { CallContext } from '../http/call-context.decorator.js';
import { ApiBackendCall } from '../openapi/api-problems.decorator.js';

const PATH = 'holidays/:location/:year';

/** Public holidays per work location and year: non-working days for everyone at that location. */
@ApiTags('people')
@Controller()
export class HolidaysController {
  constructor(private readonly rpc: RpcClient) {}

  @Put(PATH)
  @RequirePermission('resource:write')
  @ApiOperation({
    operationId: 'putHolidays',
    summary: 'Set the public holidays of a location for a year (replaces the list)',
  })
  @ApiParam({ name: 'location', type: String, example: 'DE-BY' })
  @ApiParam({ name: 'year', type: Number, example: 2027 })
  @ApiOkResponse({ type: HolidayList })
  @ApiBackendCall(400, 413, 415)
  put(
    @Param() key: HolidaysKey,
    @Body() body: PutHolidaysBody,
    @CallContext() ctx: RpcCallContext,
  ): Promise<HolidayList> {
    return this.rpc.send(ResourcesRpc.holidaysPut, { ...key, body }, ctx);
  }

  @Get(PATH)
  @RequirePermission('resource:read')
  @ApiOperation({ operationId: 'getHolidays', summary: 'The public holidays of a location for a year' })
  @ApiParam({ name: 'location', type: String, example: 'DE-BY' })
  @ApiParam({ name: 'year', type: Number, example: 2027 })
  @ApiOkResponse({ type: HolidayList })
  @ApiBackendCall(400)
  get(@Param() key: HolidaysKey, @CallContext() ctx: RpcCallContext): Promise<HolidayList> {
    return this.rpc.send(ResourcesRpc.holidaysGet, key, ctx);
  }
}
