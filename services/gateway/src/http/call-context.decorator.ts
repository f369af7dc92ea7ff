import type { RpcCallContext } from '@baton/platform';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { PRINCIPAL_KEY, type Principal, type RequestWithPrincipal } from '../auth/principal.js';

/** What a service learns about an HTTP call: the token's tenant and actor, and the request id. */
export function callContextOf(principal: Principal, requestId: string): RpcCallContext {
  return {
    tenantId: principal.tenantId,
    actor: { id: principal.actor.id, roles: [...principal.actor.roles] },
    requestId,
  };
}

/** The RpcCallContext of the authenticated request, for `rpc.send(contract, data, ctx)`. */
export const CallContext = createParamDecorator((_: unknown, ctx: ExecutionContext): RpcCallContext => {
  const request = ctx.switchToHttp().getRequest<FastifyRequest & RequestWithPrincipal>();
  const principal = request[PRINCIPAL_KEY];
  if (!principal) throw new Error('CallContext used on a handler the auth guard did not authenticate');
  return callContextOf(principal, String(request.id));
});
