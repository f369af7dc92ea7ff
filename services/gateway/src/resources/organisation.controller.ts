import {
  AssetList,
  AssetResponse,
  ContractList,
  ContractResponse,
  CreateAssetRequest,
  CreateContractRequest,
  CreateTeamRequest,
  CreateVendorRequest,
  NameFilterRequest,
  ResourcesRpc,
  TeamList,
  TeamResponse,
  UpdateTeamBody,
  VendorList,
  VendorResponse,
} from '@baton/contracts';
import { RpcClient, type RpcCallContext } from '@baton/platform';
import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags, OmitType } from '@nestjs/swagger';
import { RequirePermission } from '../auth/permissions.js';
import { CallContext } from '../http/call-context.decorator.js';
import { UuidParamPipe } from '../http/uuid-param.pipe.js';
import { ApiIdParam } from '../openapi/api-http.decorators.js';
import { ApiBackendCall } from '../openapi/api-problems.decorator.js';

/** the contract body: the vendor comes from the path */
export class CreateContractBody extends OmitType(CreateContractRequest, ['vendorId'] as const) {}

/** Teams, non-human resources (equipment, rooms, licences), vendors and their contracts. */
@ApiTags('organisation')
@Controller()
export class OrganisationController {
  constructor(private readonly rpc: RpcClient) {}

  @Post('teams')
  @HttpCode(201)
  @RequirePermission('resource:write')
  @ApiOperation({ operationId: 'createTeam', summary: 'Create a team of people' })
  @ApiCreatedResponse({ type: TeamResponse })
  @ApiBackendCall(400, 409, 413, 415)
  createTeam(@Body() body: CreateTeamRequest, @CallContext() ctx: RpcCallContext): Promise<TeamResponse> {
    return this.rpc.send(ResourcesRpc.teamCreate, body, ctx);
  }

  @Get('teams')
  @RequirePermission('resource:read')
  @ApiOperation({ operationId: 'listTeams', summary: 'Teams with their members' })
  @ApiOkResponse({ type: TeamList })
  @ApiBackendCall()
  listTeams(@Query() query: NameFilterRequest, @CallContext() ctx: RpcCallContext): Promise<TeamList> {
    return this.rpc.send(ResourcesRpc.teamList, query, ctx);
  }

  @Patch('teams/:id')
  @RequirePermission('resource:write')
  @ApiOperation({ operationId: 'updateTeam', summary: 'Change a team (memberIds replaces the members)' })
  @ApiIdParam('team')
  @ApiOkResponse({ type: TeamResponse })
  @ApiBackendCall(400, 404, 409, 413, 415)
  updateTeam(
    @Param('id', UuidParamPipe) id: string,
    @Body() changes: UpdateTeamBody,
    @CallContext() ctx: RpcCallContext,
  ): Promise<TeamResponse> {
    return this.rpc.send(ResourcesRpc.teamUpdate, { id, changes }, ctx);
  }

  @Post('assets')
  @HttpCode(201)
  @RequirePermission('resource:write')
  @ApiOperation({
    operationId: 'createAsset',
    summary: 'Add a non-human resource (equipment, room, licence) with its capacity',
  })
  @ApiCreatedResponse({ type: AssetResponse })
  @ApiBackendCall(400, 413, 415)
  createAsset(@Body() body: CreateAssetRequest, @CallContext() ctx: RpcCallContext): Promise<AssetResponse> {
    return this.rpc.send(ResourcesRpc.assetCreate, body, ctx);
  }

  @Get('assets')
  @RequirePermission('resource:read')
  @ApiOperation({ operationId: 'listAssets', summary: 'Non-human resources' })
  @ApiOkResponse({ type: AssetList })
  @ApiBackendCall()
  listAssets(@Query() query: NameFilterRequest, @CallContext() ctx: RpcCallContext): Promise<AssetList> {
    return this.rpc.send(ResourcesRpc.assetList, query, ctx);
  }

  @Post('vendors')
  @HttpCode(201)
  @RequirePermission('resource:write')
  @ApiOperation({ operationId: 'createVendor', summary: 'Add a vendor' })
  @ApiCreatedResponse({ type: VendorResponse })
  @ApiBackendCall(400, 409, 413, 415)
  createVendor(
    @Body() body: CreateVendorRequest,
    @CallContext() ctx: RpcCallContext,
  ): Promise<VendorResponse> {
    return this.rpc.send(ResourcesRpc.vendorCreate, body, ctx);
  }

  @Get('vendors')
  @RequirePermission('resource:read')
  @ApiOperation({ operationId: 'listVendors', summary: 'Vendors' })
  @ApiOkResponse({ type: VendorList })
  @ApiBackendCall()
  listVendors(@Query() query: NameFilterRequest, @CallContext() ctx: RpcCallContext): Promise<VendorList> {
    return this.rpc.send(ResourcesRpc.vendorList, query, ctx);
  }

  @Post('vendors/:id/contracts')
  @HttpCode(201)
  @RequirePermission('resource:write')
  @ApiOperation({
    operationId: 'createContract',
    summary: 'Record a contract: contracted roles, rates, monthly capacity, dates',
  })
  @ApiIdParam('vendor')
  @ApiCreatedResponse({ type: ContractResponse })
  @ApiBackendCall(400, 404, 409, 413, 415)
  createContract(
    @Param('id', UuidParamPipe) vendorId: string,
    @Body() body: CreateContractBody,
    @CallContext() ctx: RpcCallContext,
  ): Promise<ContractResponse> {
    return this.rpc.send(ResourcesRpc.contractCreate, { ...body, vendorId }, ctx);
  }

  @Get('vendors/:id/contracts')
  @RequirePermission('resource:read')
  @ApiOperation({ operationId: 'listContracts', summary: 'A vendor’s contracts' })
  @ApiIdParam('vendor')
  @ApiOkResponse({ type: ContractList })
  @ApiBackendCall(400, 404)
  listContracts(
    @Param('id', UuidParamPipe) vendorId: string,
    @CallContext() ctx: RpcCallContext,
  ): Promise<ContractList> {
    return this.rpc.send(ResourcesRpc.contractList, { vendorId }, ctx);
  }
}
