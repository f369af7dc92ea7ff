import { LOGGER, type Logger } from '@baton/platform';
import { Inject, Injectable, type BeforeApplicationShutdown, type OnModuleDestroy } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { isUUID } from 'class-validator';
import { PRINCIPAL_KEY, REFUSED_PRINCIPAL_KEY, type RequestWithPrincipal } from '../auth/principal.js';
import { GatewayConfig } from '../config/env.js';
import { AuditRepository, type AuditEventRow } from './audit.repository.js';
import { OperationIndex } from './operation-index.js';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const MAX_BATCH = 500;
const RETRIES = 3;
/** beyond this many unwritten events (the database is down), new ones are logged instead of kept */
const MAX_BUFFERED = 50_000;

/** the id of the object a request is about: the `:id` route parameter, or what `Location` points at */
export function targetIdOf(params: unknown, location: unknown): string | null {
  const id = (params as Record<string, unknown> | undefined)?.id;
  if (typeof id === 'string' && id.length > 0) return id.slice(0, 256);
  if (typeof location === 'string') {
    const last = location.split('?')[0]!.split('/').filter(Boolean).pop();
    if (last) return last.slice(0, 256);
  }
  return null;
}

/** the platform admins' routes: the tenant they change (`/tenants/:id…`, or the new one's `Location`) */
const TENANT_ROUTES = '/api/v1/tenants';

/**
 * The tenant an event is filed under: the caller's, except on the platform admins' tenant routes,
 * where it is the tenant created or changed, so that tenant's admins see who changed it (a
 * platform admin may act from another tenant, or from none at all).
 */
export function auditTenantOf(route: string, callerTenantId: string, targetId: string | null): string {
  if ((route === TENANT_ROUTES || route.startsWith(`${TENANT_ROUTES}/`)) && targetId && isUUID(targetId))
    return targetId;
  return callerTenantId;
}

/**
 * Appends every authenticated mutating request (POST, PUT, PATCH, DELETE) to the audit log:
 * who (actor, auth method), tenant, what (method, route template, operationId), target id,
 * result (status), request id, time. Recorded in Fastify's onResponse hook, i.e. after the
 * response went out, whatever the outcome (403, 409, 5xx included), and written in batches
 * every AUDIT_FLUSH_MS. A failed write is retried; events that still cannot be written are
 * logged at error level in full, never dropped silently. Shutdown flushes what is buffered.
 * Requests refused by authorisation (403) are recorded with the caller the guard authenticated;
 * requests refused before authentication (401) carry no tenant and are not recorded here
 * (the request log has them).
 */
@Injectable()
export class AuditWriter implements OnModuleDestroy, BeforeApplicationShutdown {
  private buffer: AuditEventRow[] = [];
  private timer?: NodeJS.Timeout;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    adapterHost: HttpAdapterHost,
    private readonly repo: AuditRepository,
    private readonly operations: OperationIndex,
    private readonly config: GatewayConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    adapterHost.httpAdapter.getInstance<FastifyInstance>().addHook('onResponse', (request, reply, done) => {
      if (MUTATING.has(request.method)) this.record(request as FastifyRequest & RequestWithPrincipal, reply);
      done();
    });
  }

  record(request: FastifyRequest & RequestWithPrincipal, reply: FastifyReply): void {
    if (!MUTATING.has(request.method)) return;
    const principal = request[PRINCIPAL_KEY] ?? request[REFUSED_PRINCIPAL_KEY];
    if (!principal) return;
    const route = request.routeOptions?.url ?? request.url.split('?')[0]!;
    const targetId = targetIdOf(request.params, reply.getHeader('location'));
    this.add({
      id: randomUUID(),
      occurredAt: new Date(),
      tenantId: auditTenantOf(route, principal.tenantId, targetId),
      actorId: principal.actor.id,
      authMethod: principal.method,
      method: request.method,
      route,
      operationId: this.operations.operationId(request.method, route),
      targetId,
      status: reply.statusCode,
      requestId: String(request.id),
    });
  }

  add(event: AuditEventRow): void {
    if (this.buffer.length >= MAX_BUFFERED) {
      this.logger.error({ auditEvent: event }, 'audit buffer full: audit event not written');
      return;
    }
    this.buffer.push(event);
    if (this.buffer.length >= MAX_BATCH) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), this.config.AUDIT_FLUSH_MS);
  }

  /** writes everything buffered so far (batches run one after another) */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.flushing = this.flushing.then(() => this.drain());
    return this.flushing;
  }

  async onModuleDestroy(): Promise<void> {
    await this.flush();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.flush();
  }

  private async drain(): Promise<void> {
    while (this.buffer.length > 0) {
      const batch = this.buffer.splice(0, MAX_BATCH);
      await this.write(batch);
    }
  }

  private async write(batch: AuditEventRow[]): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.repo.insertMany(batch);
        return;
      } catch (err) {
        if (attempt >= RETRIES) {
          this.logger.error(
            { err, auditEvents: batch },
            `audit events could not be written (${batch.length})`,
          );
          return;
        }
        this.logger.warn({ err, attempt, events: batch.length }, 'writing audit events failed; retrying');
        await new Promise((r) => setTimeout(r, 100 * 2 ** attempt));
      }
    }
  }
}
