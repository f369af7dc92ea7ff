import { Injectable, type CanActivate, type ExecutionContext, type OnModuleDestroy } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PRINCIPAL_KEY, type RequestWithPrincipal } from '../auth/principal.js';
import { GatewayConfig } from '../config/env.js';
import { ProblemException } from '../problem/problem.exception.js';
import { RateLimitPolicies } from './rate-limit.policies.js';
import { rateLimitHeaders, TokenBuckets } from './token-bucket.js';

const SWEEP_EVERY_MS = 60_000;

/**
 * Rate limits per principal (user or API key) and per tenant: two token buckets, both must have
 * a token. Every authenticated response carries `RateLimit-Policy` and `RateLimit`; a refused
 * request gets 429 problem+json with `Retry-After`. Buckets live in this replica's memory: with
 * N replicas behind a balancer a caller gets about N times the configured rate, so configure
 * per-replica values (the wanted total divided by N). Unauthenticated requests are not counted
 * here (they never reach a backend); this guard runs after the auth guard (module order).
 */
@Injectable()
export class RateLimitGuard implements CanActivate, OnModuleDestroy {
  private readonly buckets = new TokenBuckets();
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly config: GatewayConfig,
    private readonly policies: RateLimitPolicies,
  ) {
    this.sweeper = setInterval(() => this.sweep(), SWEEP_EVERY_MS).unref();
  }

  canActivate(ctx: ExecutionContext): boolean {
    if (!this.config.RATE_LIMIT_ENABLED) return true;
    const http = ctx.switchToHttp();
    const principal = http.getRequest<FastifyRequest & RequestWithPrincipal>()[PRINCIPAL_KEY];
    if (!principal) return true; // a public route
    const limits = this.policies.forTenant(principal.tenantId);
    const decision = this.buckets.take(
      [`t:${principal.tenantId}`, `p:${principal.tenantId}:${principal.actor.id}`],
      limits.ordered,
      Date.now(),
    );
    const reply = http.getResponse<FastifyReply>();
    reply
      .header('RateLimit-Policy', limits.policyHeader)
      .header('RateLimit', rateLimitHeaders(limits.ordered, decision.remaining).limit);
    if (decision.allowed) return true;
    throw new ProblemException(
      {
        status: 429,
        code: 'RATE_LIMITED',
        title: 'Too many requests',
        detail: `Rate limit exceeded; retry after ${decision.retryAfterSeconds} s`,
      },
      { 'Retry-After': String(decision.retryAfterSeconds) },
    );
  }

  onModuleDestroy(): void {
    clearInterval(this.sweeper);
  }

  private sweep(): void {
    this.buckets.sweep((key) => {
      const tenantId = key.split(':', 2)[1] ?? '';
      const limits = this.policies.forTenant(tenantId);
      return key.startsWith('t:') ? limits.tenant : limits.principal;
    }, Date.now());
  }
}
