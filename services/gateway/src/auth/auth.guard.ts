import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { AuthenticationFailed, CREDENTIAL_VERIFIERS, type CredentialVerifier } from './credential-verifier.js';
import { PRINCIPAL_KEY, type RequestWithPrincipal } from './principal.js';
import { IS_PUBLIC } from './public.decorator.js';

const BEARER = /^Bearer[ ]+([^\s]+)[ ]*$/i;

/**
 * Global guard: every handler needs `Authorization: Bearer <credential>` unless marked
 * `@Public()`. The verifiers decide who the caller is; authorisation by role comes later, so
 * for now any authenticated caller may call every endpoint, and the roles travel to services.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(CREDENTIAL_VERIFIERS) private readonly verifiers: CredentialVerifier[],
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [ctx.getHandler(), ctx.getClass()])) return true;
    if (this.verifiers.length === 0) {
      throw new AuthenticationFailed(
        'No authentication method is configured on this gateway (set AUTH_DEV_MODE=true with AUTH_DEV_SIGNING_KEY for development)',
        false,
      );
    }
    const request = ctx.switchToHttp().getRequest<FastifyRequest & RequestWithPrincipal>();
    const header = request.headers.authorization;
    if (!header) throw new AuthenticationFailed('Authentication is required: send Authorization: Bearer <token>', false);
    const credential = BEARER.exec(header)?.[1];
    if (!credential) throw new AuthenticationFailed('The Authorization header must be "Bearer <token>"');
    const verifier = this.verifiers.find((v) => v.handles(credential));
    if (!verifier) throw new AuthenticationFailed('the bearer token is not of a kind this gateway accepts');
    request[PRINCIPAL_KEY] = await verifier.verify(credential);
    return true;
  }
}
