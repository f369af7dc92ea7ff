import { Module, type DynamicModule } from '@nestjs/common';
import { devSigningKey, GatewayConfig } from '../config/env.js';
import { DevTokenController } from './dev-token.controller.js';
import { DevTokenMinter } from './dev-token.minter.js';

/** Development helpers; GatewayModule imports this only in dev mode. */
@Module({})
export class DevModule {
  static register(config: GatewayConfig): DynamicModule {
    return {
      module: DevModule,
      controllers: [DevTokenController],
      providers: [{ provide: DevTokenMinter, useValue: new DevTokenMinter(devSigningKey(config)) }],
    };
  }
}
