import { DemoTenants } from '@baton/contracts';
import { devSigningKeyBytes } from '@baton/platform';
import { Injectable, Module, type DynamicModule, type OnApplicationBootstrap } from '@nestjs/common';
import { GatewayConfig } from '../config/env.js';
import { TenantsModule } from '../tenants/tenants.module.js';
import { TenantsService } from '../tenants/tenants.service.js';
import { DEV_SIGNING_KEY, DevTokenController } from './dev-token.controller.js';

/** Dev mode: the demo tenants `npm start` prints tokens for exist in the gateway's tenant table. */
@Injectable()
class DemoTenantsSeed implements OnApplicationBootstrap {
  constructor(private readonly tenants: TenantsService) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.tenants.ensure(Object.values(DemoTenants));
  }
}

/** Development helpers; GatewayModule imports this only in dev mode (config validation guarantees the key). */
@Module({})
export class DevModule {
  static register(config: GatewayConfig): DynamicModule {
    return {
      module: DevModule,
      imports: [TenantsModule],
      controllers: [DevTokenController],
      providers: [
        { provide: DEV_SIGNING_KEY, useValue: devSigningKeyBytes(config.AUTH_DEV_SIGNING_KEY ?? '') },
        DemoTenantsSeed,
      ],
    };
  }
}
