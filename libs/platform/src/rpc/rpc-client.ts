import { ErrorCode, type Actor, type RpcContract, type RpcReply } from '@baton/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import type { BaseConfig } from '../config/base-config.js';
import { OUTCOME_OK, outcomeLabel } from '../metrics/labels.js';
import { Metrics } from '../metrics/metrics.js';
import { NatsClient } from '../nats/nats-client.js';
import { NoRespondersError, RequestTimeoutError } from '../nats/request-mux.js';
import { toNatsHeaders } from '../nats/nats-headers.js';
import { BASE_CONFIG } from '../platform-options.js';
import { injectTraceContext, withSpan } from '../telemetry/tracing.js';
import { RpcError } from './rpc-error.js';

export interface RpcCallContext {
  /** required for tenant-scoped contracts */
  tenantId?: string;
  actor: Actor;
  /** correlates gateway logs, service logs and problem+json */
  requestId?: string;
  timeoutMs?: number;
}

/** NATS header carrying the gateway's request id (lower-case: headers are read back lower-cased) */
export const REQUEST_ID_HEADER = 'baton-request-id';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * The typed way to call another service: `rpc.send(PlanningRpc.projectGet, { id }, ctx)`.
 * Every call has a timeout; a missing service fails at once with SERVICE_UNAVAILABLE, a slow
 * one with TIMEOUT; the service's typed errors arrive as RpcError with their code.
 */
@Injectable()
export class RpcClient {
  constructor(
    private readonly nats: NatsClient,
    @Inject(BASE_CONFIG) private readonly config: BaseConfig,
    private readonly metrics: Metrics,
  ) {}

  async send<Req, Res>(contract: RpcContract<Req, Res>, data: Req, ctx: RpcCallContext): Promise<Res> {
    const started = performance.now();
    let outcome = OUTCOME_OK;
    try {
      return await this.request(contract, data, ctx);
    } catch (err) {
      outcome = outcomeLabel(err instanceof RpcError ? err.code : undefined);
      throw err;
    } finally {
      this.metrics.observeRpcClient(contract.subject, outcome, (performance.now() - started) / 1000);
    }
  }

  private request<Req, Res>(contract: RpcContract<Req, Res>, data: Req, ctx: RpcCallContext): Promise<Res> {
    const subject = contract.subject;
    return withSpan(
      `send ${subject}`,
      {
        kind: SpanKind.CLIENT,
        attributes: {
          'messaging.system': 'nats',
          'messaging.destination.name': subject,
          'messaging.operation.type': 'send',
        },
      },
      async (span) => {
        const carrier: Record<string, string> = ctx.requestId ? { [REQUEST_ID_HEADER]: ctx.requestId } : {};
        injectTraceContext(carrier);
        const envelope = contract.tenantScoped
          ? { tenantId: ctx.tenantId, actor: ctx.actor, data }
          : { actor: ctx.actor, data };
        const timeout = ctx.timeoutMs ?? this.config.RPC_TIMEOUT_MS;
        let raw: Uint8Array;
        try {
          const msg = await this.nats.request(
            this.nats.subject(subject),
            encoder.encode(JSON.stringify(envelope)),
            {
              timeoutMs: timeout,
              headers: toNatsHeaders(carrier),
            },
          );
          raw = msg.data;
        } catch (err) {
          throw this.transportError(err, subject, timeout);
        }
        const reply = JSON.parse(decoder.decode(raw)) as RpcReply<Res>;
        if (!reply.ok) {
          span.setAttribute('baton.error.code', reply.error.code);
          if (reply.error.code === ErrorCode.Internal) span.setStatus({ code: SpanStatusCode.ERROR });
          throw new RpcError(reply.error.code, reply.error.message, reply.error.details, subject);
        }
        return reply.data;
      },
    );
  }

  private transportError(err: unknown, subject: string, timeout: number): RpcError {
    const service = subject.split('.')[2] ?? 'service';
    if (err instanceof NoRespondersError) {
      return new RpcError(
        ErrorCode.ServiceUnavailable,
        `The ${service} service is not available`,
        { service },
        subject,
      );
    }
    if (err instanceof RequestTimeoutError) {
      return new RpcError(
        ErrorCode.Timeout,
        `The ${service} service did not answer within ${timeout} ms`,
        { service, timeoutMs: timeout },
        subject,
      );
    }
    return new RpcError(
      ErrorCode.ServiceUnavailable,
      `The ${service} service could not be reached (${(err as Error)?.message ?? 'messaging error'})`,
      { service },
      subject,
    );
  }
}
