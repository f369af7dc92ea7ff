import { devSigningKeyBytes } from '@baton/platform';
import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD, DiscoveryModule } from '@nestjs/core';
import { ApiKeyVerifier } from '../api-keys/api-key.verifier.js';
import { GatewayConfig } from '../config/env.js';
import { AuthGuard } from './auth.guard.js';
import { CREDENTIAL_VERIFIERS, type CredentialVerifier } from './credential-verifier.js';
import { DevTokenVerifier } from './dev-token.verifier.js';
import { JwtPrincipalResolver } from './jwt-principal.js';
import { OidcVerifier } from './oidc.verifier.js';
import { PermissionAudit } from './permission-audit.js';
import { ResourceProjects } from './project-resource.js';
import { RoleDirectory } from './role-directory.js';

/** whether OIDC bearer tokens are accepted (issuer and audience configured) */
export const oidcEnabled = (config: GatewayConfig) =>
  config.OIDC_ISSUER !== undefined && config.OIDC_AUDIENCE !== undefined;

/**
 * The global auth guard, the verifiers this configuration enables (API keys always; dev tokens
 * with AUTH_DEV_MODE; OIDC with OIDC_ISSUER + OIDC_AUDIENCE), the role directory and the
 * start-up audit of declared permissions. Global, so the users and API-key modules can clear
 * the caches after a change.
 */
@Module({})
export class AuthModule {
  static register(config: GatewayConfig): DynamicModule {
    return {
      module: AuthModule,
      global: true,
      imports: [DiscoveryModule],
      providers: [
        RoleDirectory,
        ResourceProjects,
        ApiKeyVerifier,
        {
          provide: JwtPrincipalResolver,
          inject: [RoleDirectory],
          useFactory: (directory: RoleDirectory) =>
            new JwtPrincipalResolver(directory, config.PLATFORM_ADMIN_SUBJECTS),
        },
        {
          provide: CREDENTIAL_VERIFIERS,
          inject: [ApiKeyVerifier, JwtPrincipalResolver],
          useFactory: (apiKeys: ApiKeyVerifier, resolver: JwtPrincipalResolver): CredentialVerifier[] => {
            const oidc = oidcEnabled(config);
            return [
              apiKeys,
              ...(config.AUTH_DEV_MODE
                ? [
                    new DevTokenVerifier(
                      devSigningKeyBytes(config.AUTH_DEV_SIGNING_KEY ?? ''),
                      resolver,
                      oidc,
                    ),
                  ]
                : []),
              ...(oidc ? [new OidcVerifier(config, resolver)] : []),
            ];
          },
        },
        { provide: APP_GUARD, useClass: AuthGuard },
        PermissionAudit,
      ],
      exports: [RoleDirectory, ApiKeyVerifier],
    };
  }
}
