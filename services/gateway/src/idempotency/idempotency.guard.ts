import { ErrorCode } from '@baton/contracts';
import { LOGGER, type Logger } from '@baton/platform';
import {
  Inject,
  Injectable,
  type ExecutionContext,
  type CanActivate,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PRINCIPAL_KEY, type RequestWithPrincipal } from '../auth/principal.js';
import { GatewayConfig } from '../config/env.js';
import { ProblemException } from '../problem/problem.exception.js';
import { IdempotencyRepository } from './idempotency.repository.js';
import { IdempotentReplay } from './idempotent-replay.js';
import { IDEMPOTENCY_KEY_PATTERN, requestHash } from './request-hash.js';
import { idempotencyScope, openResponse, sealResponse, type IdempotencyScope } from './response-seal.js';

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
/** the response headers a replay gives back with the stored status and body */
const REPLAYED_HEADERS = ['content-type', 'location', 'etag', 'link', 'cache-control'];
const CLAIM = Symbol('idempotency-claim');
const PRUNE_EVERY_MS = 10 * 60 * 1000;

interface Claim {
  scope: IdempotencyScope;
  requestHash: string;
}

type ClaimedRequest = FastifyRequest & RequestWithPrincipal & { [CLAIM]?: Claim };

/**
 * `Idempotency-Key` on every POST, scoped per tenant + principal + key: a guard registered after
 * the auth and rate-limit guards (module order), so it sees the principal and runs before the
 * handler. (A guard rather than an interceptor: one global interceptor puts every request of
 * every route through Nest's rxjs pipeline, a tenth of the gateway's CPU on a read.) The first
 * request claims the key; its response (status < 500) is stored
 * in an onSend hook before it leaves, so a retry that follows at once already finds it:
 * - same key, same method + path + canonical body → the stored response, `Idempotent-Replayed: true`;
 * - same key, another request → 422 IDEMPOTENCY_KEY_REUSED (field `Idempotency-Key`);
 * - same key while the first is still running → 409 IDEMPOTENCY_KEY_IN_USE;
 * - a 5xx (or a response that is not text) is not stored: the key is released for a retry.
 * A holder that vanished (crash, client gone) loses its claim after IDEMPOTENCY_LOCK_SECONDS;
 * keys expire after IDEMPOTENCY_TTL_HOURS. The table holds a SHA-256 of the key and the response
 * sealed with a key derived from the raw key (response-seal.ts): some responses carry a one-time
 * secret, and the database alone must not reveal it.
 */
@Injectable()
export class IdempotencyGuard implements CanActivate, OnModuleInit, OnModuleDestroy {
  private pruneTimer?: NodeJS.Timeout;

  constructor(
    adapterHost: HttpAdapterHost,
    private readonly repo: IdempotencyRepository,
    private readonly config: GatewayConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    // registered while Fastify is not ready yet (providers are built before init), like HttpDrain
    // callback style: requests without a claim (nearly all) cost a property read, no promise
    adapterHost.httpAdapter
      .getInstance<FastifyInstance>()
      .addHook('onSend', (request, reply, payload, done) => {
        const claim = (request as ClaimedRequest)[CLAIM];
        if (!claim) return done(null, payload);
        void this.store(request as ClaimedRequest, claim, reply, payload).then(() => done(null, payload));
      });
  }

  onModuleInit(): void {
    // at start and with every prune: rows stored in clear by an earlier version (or by one of its
    // replicas still running during a rolling upgrade) are sealed (IdempotencyRepository)
    this.sealLegacyRows();
    this.pruneTimer = setInterval(() => {
      this.repo
        .pruneExpired()
        .catch((err: unknown) => this.logger.warn({ err }, 'pruning idempotency keys failed'));
      this.sealLegacyRows();
    }, PRUNE_EVERY_MS).unref();
  }

  private sealLegacyRows(): void {
    this.repo
      .sealLegacyRows()
      .then((n) => {
        if (n > 0)
          this.logger.info({ rows: n }, 'sealed idempotency keys stored in clear by an earlier version');
      })
      .catch((err: unknown) => this.logger.warn({ err }, 'sealing idempotency keys stored in clear failed'));
  }

  onModuleDestroy(): void {
    clearInterval(this.pruneTimer);
  }

  canActivate(ctx: ExecutionContext): boolean | Promise<boolean> {
    const request = ctx.switchToHttp().getRequest<ClaimedRequest>();
    if (request.method !== 'POST') return true;
    const header = request.headers[IDEMPOTENCY_KEY_HEADER];
    const principal = request[PRINCIPAL_KEY];
    if (header === undefined || !principal) return true;
    const key = Array.isArray(header) ? header[0] : header;
    if (key === undefined || !IDEMPOTENCY_KEY_PATTERN.test(key)) {
      throw new ProblemException({
        status: 400,
        code: ErrorCode.ValidationFailed,
        detail:
          'The Idempotency-Key header must be 1 to 255 printable ASCII characters without spaces (a uuid is best)',
        errors: [
          { field: 'Idempotency-Key', message: 'must be 1 to 255 printable ASCII characters without spaces' },
        ],
      });
    }
    const scope = idempotencyScope(principal.tenantId, principal.actor.id, key);
    return this.claim(request, scope).then(() => true);
  }

  private async claim(request: ClaimedRequest, scope: IdempotencyScope): Promise<void> {
    const hash = requestHash(request.method, request.url, request.body);
    const outcome = await this.repo.claim(
      scope,
      { hash, method: request.method, path: request.url },
      this.config.IDEMPOTENCY_LOCK_SECONDS,
      this.config.IDEMPOTENCY_TTL_HOURS,
    );
    switch (outcome.kind) {
      case 'claimed':
        request[CLAIM] = { scope, requestHash: hash };
        return;
      case 'replay':
        throw new IdempotentReplay({ status: outcome.status, ...openResponse(scope, hash, outcome.sealed) });
      case 'mismatch':
        throw new ProblemException({
          status: 422,
          code: 'IDEMPOTENCY_KEY_REUSED',
          title: 'Idempotency key reused',
          detail:
            'This Idempotency-Key was used for a different request (method, path or body); use a new key for a new request',
          extensions: {
            errors: [{ field: 'Idempotency-Key', message: 'already used for a different request' }],
          },
        });
      case 'in-flight':
        throw new ProblemException(
          {
            status: 409,
            code: 'IDEMPOTENCY_KEY_IN_USE',
            title: 'Idempotency key in use',
            detail: 'A request with this Idempotency-Key is still being processed; retry shortly',
            extensions: {
              errors: [{ field: 'Idempotency-Key', message: 'a request with this key is in progress' }],
            },
          },
          { 'Retry-After': '1' },
        );
    }
  }

  private async store(
    request: ClaimedRequest,
    { scope, requestHash: hash }: Claim,
    reply: FastifyReply,
    payload: unknown,
  ): Promise<void> {
    request[CLAIM] = undefined;
    const status = reply.statusCode;
    const body =
      typeof payload === 'string'
        ? payload
        : Buffer.isBuffer(payload)
          ? payload.toString('utf8')
          : payload == null
            ? ''
            : undefined;
    try {
      if (status >= 500 || body === undefined) {
        await this.repo.release(scope);
      } else {
        const headers: Record<string, string> = {};
        for (const name of REPLAYED_HEADERS) {
          const value = reply.getHeader(name);
          if (value !== undefined) headers[name] = String(value);
        }
        await this.repo.complete(scope, status, sealResponse(scope, hash, { headers, body }));
      }
    } catch (err) {
      // the response still goes out; a retry finds the claim until its lease ends
      this.logger.error(
        { err, requestId: request.id, keyHash: scope.keyHash },
        'storing the idempotent response failed',
      );
    }
  }
}
