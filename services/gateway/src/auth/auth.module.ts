import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { devSigningKeyBytes } from '@baton/platform';
import { GatewayConfig } from '../config/env.js';
import { AuthGuard } from './auth.guard.js';
import { CREDENTIAL_VERIFIERS, type CredentialVerifier } from './credential-verifier.js';
import { DevTokenVerifier } from './dev-token.verifier.js';
import { cachedVerifier } from './verification-cache.js';

/** The global auth guard and the verifiers this configuration enables. */
@Module({})
export class AuthModule {
  static register(config: GatewayConfig): DynamicModule {
    const verifiers: CredentialVerifier[] = [];
    if (config.AUTH_DEV_MODE) verifiers.push(new DevTokenVerifier(devSigningKeyBytes(config.AUTH_DEV_SIGNING_KEY ?? '')));
    return {
      module: AuthModule,
      providers: [
        { provide: CREDENTIAL_VERIFIERS, useValue: verifiers.map((v) => cachedVerifier(v)) },
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
    };
  }
}
