import { serviceMain } from '@baton/platform/service-main';

await serviceMain('planning', async () => {
  const { PlanningConfig } = await import('./config/env.js');
  const { AppModule, PlanningPersistence } = await import('./app.module.js');
  return { Config: PlanningConfig, module: (config) => AppModule.register(config), persistence: PlanningPersistence };
});
