import { serviceMain } from '@baton/platform/service-main';

await serviceMain('resources', async () => {
  const { ResourcesConfig } = await import('./config/env.js');
  const { AppModule, ResourcesPersistence } = await import('./app.module.js');
  return {
    Config: ResourcesConfig,
    module: (config) => AppModule.register(config),
    persistence: ResourcesPersistence,
  };
});
