import { ErrorCode, type Role } from '@baton/contracts';
import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { isUUID } from 'class-validator';
import type { FastifyRequest } from 'fastify';
import { ProblemException } from '../problem/problem.exception.js';
import {
  AuthenticationFailed,
  CREDENTIAL_VERIFIERS,
  type CredentialVerifier,
} from './credential-verifier.js';
import { COMPACT_JWS } from './dev-token.verifier.js';
import { REQUIRED_PERMISSION, rolesGrant, type RequiredPermission } from './permissions.js';
import { PRINCIPAL_KEY, REFUSED_PRINCIPAL_KEY, type Principal, type RequestWithPrincipal } from './principal.js';
import {
  PROJECT_RESOURCE,
  projectRolesMayGrant,
  ResourceProjects,
  type ProjectResourceOptions,
} from './project-resource.js';
import { IS_PUBLIC } from './public.decorator.js';

const BEARER = /^Bearer[ ]+([^\s]+)[ ]*$/i;

/** 403 problem+json naming the missing permission */
export class PermissionDenied extends ProblemException {
  constructor(detail: string) {
    super({ status: 403, code: ErrorCode.Forbidden, detail });
  }
}

/**
 * Global guard, authentication then authorisation. Every handler needs
 * `Authorization: Bearer <credential>` unless marked `@Public()`; the verifiers decide who the
 * caller is (`bat_…` API keys, dev tokens, OIDC tokens). Then the handler's
 * `@RequirePermission` must be granted by the caller's tenant-wide roles, or by roles assigned
 * for the project the route names (see PermissionOptions.projectParam), or, on a route marked
 * `@ProjectResource(kind)`, for the project of the object it addresses (looked up only when the
 * tenant-wide roles fall short and some project role could grant the permission). A handler
 * without a declared permission is refused (and PermissionAudit stops the gateway at start-up anyway).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(CREDENTIAL_VERIFIERS) private readonly verifiers: CredentialVerifier[],
    private readonly resourceProjects: ResourceProjects,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = ctx.switchToHttp().getRequest<FastifyRequest & RequestWithPrincipal>();
    const principal = await this.authenticate(request.headers.authorization);
    const required = this.reflector.getAllAndOverride<RequiredPermission | undefined>(
      REQUIRED_PERMISSION,
      targets,
    );
    try {
      if (!required) throw new PermissionDenied('This endpoint declares no permission, so nobody may call it');
      const params = request.params as Record<string, string> | undefined;
      // tenant-wide grants (the common case) never reach the lookup: projectRoles is then usually unset
      const resource =
        principal.projectRoles &&
        required.permission !== 'platform:admin' &&
        !rolesGrant(principal.actor.roles, required.permission) &&
        projectRolesMayGrant(principal, required.permission)
          ? this.reflector.get<ProjectResourceOptions | undefined>(PROJECT_RESOURCE, ctx.getHandler())
          : undefined;
      const resourceProject = resource
        ? await this.resourceProjects.projectOf(
            principal,
            resource,
            params?.[resource.param],
            String(request.id),
          )
        : undefined;
      request[PRINCIPAL_KEY] = authorise(principal, required, params, resourceProject);
    } catch (err) {
      // the audit log records refused mutating requests too (AuditWriter)
      request[REFUSED_PRINCIPAL_KEY] = principal;
      throw err;
    }
    return true;
  }

  private async authenticate(header: string | undefined): Promise<Principal> {
    if (!header)
      throw new AuthenticationFailed('Authentication is required: send Authorization: Bearer <token>', false);
    const credential = BEARER.exec(header)?.[1];
    if (!credential) throw new AuthenticationFailed('The Authorization header must be "Bearer <token>"');
    const verifier = this.verifiers.find((v) => v.handles(credential));
    if (verifier) return verifier.verify(credential);
    if (COMPACT_JWS.test(credential)) {
      throw new AuthenticationFailed(
        'No authentication method is configured for tokens on this gateway (set OIDC_ISSUER and OIDC_AUDIENCE, or AUTH_DEV_MODE=true with AUTH_DEV_SIGNING_KEY for development)',
        false,
      );
    }
    throw new AuthenticationFailed('the bearer token is not of a kind this gateway accepts');
  }
}

/**
 * The principal the handler sees, or 403. Project-scoped roles count only when the route names
 * that project, or addresses an object of it (`resourceProjectId`, resolved by the guard); they
 * are then added to the actor's roles, so the service sees what was granted.
 */
export function authorise(
  principal: Principal,
  required: RequiredPermission,
  params: Record<string, string> | undefined,
  resourceProjectId?: string,
): Principal {
  const { permission } = required;
  if (permission === 'platform:admin') {
    if (principal.platformAdmin) return principal;
    throw new PermissionDenied('Only platform administrators (PLATFORM_ADMIN_SUBJECTS) may do this');
  }
  if (rolesGrant(principal.actor.roles, permission)) return principal;
  const projectId = resourceProjectId ?? params?.[required.projectParam ?? 'projectId'];
  const projectRoles: readonly Role[] =
    (projectId && isUUID(projectId) && principal.projectRoles?.[projectId]) || [];
  if (projectRoles.length && rolesGrant(projectRoles, permission)) {
    const roles = [...new Set([...principal.actor.roles, ...projectRoles])];
    return { ...principal, actor: { ...principal.actor, roles } };
  }
  throw new PermissionDenied(
    `This needs the permission "${permission}", which the caller's roles do not grant`,
  );
}
