import { Actor, ErrorCode, RequestEnvelope, type RpcContract, type RpcReply } from '@baton/contracts';
import type { Msg, Subscription } from '@nats-io/nats-core';
import { Inject, Injectable } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { SpanKind } from '@opentelemetry/api';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { Logger } from 'pino';
import { toErrorBody, ValidationFailedError } from '../errors/domain-error.js';
import { toFieldErrors, validatePayload } from '../errors/validate.js';
import { HealthService } from '../health/health.service.js';
import { NatsClient } from '../nats/nats-client.js';
import { fromNatsHeaders } from '../nats/nats-headers.js';
import { OUTCOME_OK, outcomeLabel } from '../metrics/labels.js';
import { Metrics } from '../metrics/metrics.js';
import { LOGGER, PLATFORM_OPTIONS, type ResolvedPlatformOptions } from '../platform-options.js';
import { extractTraceContext, withSpan } from '../telemetry/tracing.js';
import { REQUEST_ID_HEADER } from './rpc-client.js';
import { isWellFormedEnvelope } from './envelope-check.js';
import { RPC_HANDLER, type RpcContext } from './rpc-handler.decorator.js';

type HandlerFn = (payload: unknown, ctx: RpcContext) => Promise<unknown>;

interface Route {
  contract: RpcContract<unknown, unknown>;
  handle: HandlerFn;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** health and other system requests: no tenant */
interface SystemEnvelope {
  actor: Actor;
  data: unknown;
}

/**
 * Answers this service's request/reply subjects. Subscribes each `@RpcHandler` in the service's
 * queue group (replicas share the load), validates envelope and payload before the handler sees
 * anything, and always replies: the result, or `{ code, message, details }`.
 */
@Injectable()
export class RpcServer {
  private readonly subscriptions: Subscription[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private routes: Route[] = [];

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly nats: NatsClient,
    private readonly health: HealthService,
    private readonly metrics: Metrics,
    @Inject(PLATFORM_OPTIONS) private readonly options: ResolvedPlatformOptions,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** the handlers found in the application (for start-up logs and tests) */
  discover(): Route[] {
    // every service answers its health subject
    const routes: Route[] = [{ contract: this.health.contract, handle: () => this.health.report() }];
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object') continue;
      const proto = Object.getPrototypeOf(instance) as object;
      for (const name of this.scanner.getAllMethodNames(proto)) {
        const method = instance[name] as HandlerFn;
        const contract = Reflect.getMetadata(RPC_HANDLER, method) as
          RpcContract<unknown, unknown> | undefined;
        if (contract) routes.push({ contract, handle: method.bind(instance) as HandlerFn });
      }
    }
    const seen = new Set<string>();
    for (const r of routes) {
      if (seen.has(r.contract.subject)) throw new Error(`two handlers for ${r.contract.subject}`);
      seen.add(r.contract.subject);
    }
    return routes;
  }

  start(): void {
    this.routes = this.discover();
    for (const route of this.routes) {
      const sub = this.nats.connection.subscribe(this.nats.subject(route.contract.subject), {
        queue: this.options.service,
        callback: (err, msg) => {
          if (err) {
            this.logger.error({ err, subject: route.contract.subject }, 'subscription error');
            return;
          }
          const work = this.handle(route, msg).finally(() => this.inFlight.delete(work));
          this.inFlight.add(work);
        },
      });
      this.subscriptions.push(sub);
    }
    this.logger.info({ subjects: this.routes.map((r) => r.contract.subject) }, 'answering requests');
  }

  /** Stop taking new requests, then wait (bounded) for the ones being handled. */
  async stop(timeoutMs: number): Promise<void> {
    for (const sub of this.subscriptions) sub.unsubscribe();
    this.subscriptions.length = 0;
    const pending = [...this.inFlight];
    if (pending.length === 0) return;
    this.logger.info({ pending: pending.length }, 'waiting for in-flight requests');
    await Promise.race([Promise.allSettled(pending), new Promise((r) => setTimeout(r, timeoutMs).unref())]);
  }

  private async handle(route: Route, msg: Msg): Promise<void> {
    const started = performance.now();
    const carrier = fromNatsHeaders(msg.headers);
    const requestId = carrier[REQUEST_ID_HEADER] || undefined;
    const subject = route.contract.subject;
    const reply = await withSpan(
      `process ${subject}`,
      {
        kind: SpanKind.SERVER,
        parent: extractTraceContext(carrier),
        attributes: {
          'messaging.system': 'nats',
          'messaging.destination.name': subject,
          'baton.request_id': requestId ?? '',
        },
      },
      async (span): Promise<RpcReply<unknown>> => {
        try {
          const ctx = await this.unwrap(route.contract, msg.data, requestId);
          span.setAttribute('baton.tenant_id', ctx.context.tenantId ?? '');
          const data = await route.handle(ctx.payload, ctx.context);
          return { ok: true, data };
        } catch (err) {
          const error = toErrorBody(err);
          // typed errors are answers; only the unexpected ones are ours to log, with the stack
          if (error.code === ErrorCode.Internal)
            this.logger.error({ err, subject, requestId }, 'handler failed');
          span.setAttribute('baton.error.code', error.code);
          return { ok: false, error };
        }
      },
    );
    if (msg.reply) msg.respond(encoder.encode(JSON.stringify(reply)));
    const outcome = reply.ok ? OUTCOME_OK : outcomeLabel(reply.error.code);
    this.metrics.observeRpcServer(subject, outcome, (performance.now() - started) / 1000);
  }

  private async unwrap(contract: RpcContract<unknown, unknown>, raw: Uint8Array, requestId?: string) {
    let body: unknown;
    try {
      body = JSON.parse(decoder.decode(raw));
    } catch {
      throw new ValidationFailedError(
        [{ field: '', message: 'message is not JSON' }],
        'The message is not valid',
      );
    }
    if (body === null || typeof body !== 'object') {
      throw new ValidationFailedError(
        [{ field: '', message: 'message must be a JSON object' }],
        'The message is not valid',
      );
    }
    if (contract.tenantScoped && !isWellFormedEnvelope(body)) {
      const envelope = plainToInstance(RequestEnvelope, body);
      const errors = await validate(envelope, { forbidUnknownValues: false });
      if (errors.length > 0) {
        throw new ValidationFailedError(
          toFieldErrors(errors).map((e) => ({ ...e, field: `envelope.${e.field}` })),
          'The message envelope is not valid',
        );
      }
    }
    const env = body as SystemEnvelope & { tenantId?: string };
    const payload = await validatePayload(contract.request, env.data ?? {});
    return {
      payload,
      context: { tenantId: env.tenantId as string, actor: env.actor, requestId } satisfies RpcContext,
    };
  }
}
