import { serviceMain } from '@baton/platform/service-main';

await serviceMain('reporting', async () => {
  const { ReportingConfig } = await import('./config/env.js');
  const { AppModule, ReportingPersistence } = await import('./app.module.js');
  return { Config: ReportingConfig, module: (config) => AppModule.register(config), persistence: ReportingPersistence };
});
