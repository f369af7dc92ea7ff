import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { PRINCIPAL_KEY, type Principal, type RequestWithPrincipal } from './principal.js';

/** The authenticated caller of a protected handler: `{ tenantId, actor: { id, roles } }`. */
export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  const principal = ctx.switchToHttp().getRequest<RequestWithPrincipal>()[PRINCIPAL_KEY];
  // The guard runs before every protected handler; reaching here without it is a wiring bug.
  if (!principal) throw new Error('CurrentPrincipal used on a handler the auth guard did not authenticate');
  return principal;
});
