import { serviceMain } from '@baton/platform/service-main';

await serviceMain('risk', async () => {
  const { RiskConfig } = await import('./config/env.js');
  const { AppModule } = await import('./app.module.js');
  return { Config: RiskConfig, module: (config) => AppModule.register(config) };
});
