import { devSigningKeyBytes } from '@baton/platform';
import { Module, type DynamicModule } from '@nestjs/common';
import { GatewayConfig } from '../config/env.js';
import { DEV_SIGNING_KEY, DevTokenController } from './dev-token.controller.js';

/** Development helpers; GatewayModule imports this only in dev mode (config validation guarantees the key). */
@Module({})
export class DevModule {
  static register(config: GatewayConfig): DynamicModule {
    return {
      module: DevModule,
      controllers: [DevTokenController],
      providers: [{ provide: DEV_SIGNING_KEY, useValue: devSigningKeyBytes(config.AUTH_DEV_SIGNING_KEY ?? '') }],
    };
  }
}
