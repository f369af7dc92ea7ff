import { serviceMain } from '@baton/platform/service-main';

await serviceMain('quality', async () => {
  const { QualityConfig } = await import('./config/env.js');
  const { AppModule } = await import('./app.module.js');
  return { Config: QualityConfig, module: (config) => AppModule.register(config) };
});
