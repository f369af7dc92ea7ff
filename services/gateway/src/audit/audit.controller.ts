import { encodeCursor, ValidationFailedError } from '@baton/platform';
import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PRINCIPAL_KEY, type RequestWithPrincipal } from '../auth/principal.js';
import { RequirePermission } from '../auth/permissions.js';
import { DEFAULT_PAGE_SIZE } from '@baton/contracts';
import { setNextLink } from '../http/representation.js';
import { LinkHeader } from '../openapi/api-http.decorators.js';
import { ApiBackendCall } from '../openapi/api-problems.decorator.js';
import { AuditEventPage, AuditEventResponse, ListAuditEventsQuery } from './audit.dto.js';
import { AuditRepository, type AuditEventRow } from './audit.repository.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function decodeAuditCursor(cursor: string): { at: string; id: string } {
  try {
    const c = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as {
      s?: string;
      v?: unknown;
      id?: unknown;
    };
    if (
      c.s === '-occurredAt' &&
      typeof c.v === 'string' &&
      !Number.isNaN(Date.parse(c.v)) &&
      typeof c.id === 'string' &&
      UUID.test(c.id)
    ) {
      return { at: c.v, id: c.id };
    }
  } catch {
    // fall through
  }
  throw new ValidationFailedError([{ field: 'cursor', message: 'cursor is not valid for this list' }]);
}

const toResponse = (r: AuditEventRow): AuditEventResponse => ({
  id: r.id,
  occurredAt: r.occurredAt.toISOString(),
  tenantId: r.tenantId,
  actor: { id: r.actorId, authMethod: r.authMethod },
  method: r.method,
  route: r.route,
  operationId: r.operationId,
  targetId: r.targetId,
  status: r.status,
  requestId: r.requestId,
});

/** The audit log of the caller's tenant, newest first. Read-only: there is no way to change it. */
@ApiTags('audit')
@Controller('audit-events')
export class AuditController {
  constructor(private readonly repo: AuditRepository) {}

  @Get()
  @RequirePermission('audit:read')
  @ApiOperation({
    operationId: 'listAuditEvents',
    summary: 'List audit events (every mutating request), newest first',
    description:
      'Append-only: events cannot be changed or deleted through the API. Written within about AUDIT_FLUSH_MS of the response.',
  })
  @ApiOkResponse({ type: AuditEventPage, headers: LinkHeader })
  @ApiBackendCall(400, 403)
  async list(
    @Query() query: ListAuditEventsQuery,
    @Req() request: FastifyRequest & RequestWithPrincipal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AuditEventPage> {
    const principal = request[PRINCIPAL_KEY]!;
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.repo.list({
      tenantId: principal.tenantId,
      actorId: query.actorId,
      operationId: query.operationId,
      targetId: query.targetId,
      method: query.method,
      requestId: query.requestId,
      from: query.from ? new Date(query.from) : undefined,
      to: query.to ? new Date(query.to) : undefined,
      after: query.cursor ? decodeAuditCursor(query.cursor) : undefined,
      limit: limit + 1,
    });
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    const nextCursor =
      rows.length > limit && last
        ? encodeCursor({ s: '-occurredAt', v: last.occurredAt.toISOString(), id: last.id })
        : null;
    setNextLink(request, reply, nextCursor);
    return { items: items.map(toResponse), nextCursor };
  }
}
