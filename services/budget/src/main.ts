import { serviceMain } from '@baton/platform/service-main';

await serviceMain('budget', async () => {
  const { BudgetConfig } = await import('./config/env.js');
  const { AppModule } = await import('./app.module.js');
  return { Config: BudgetConfig, module: (config) => AppModule.register(config) };
});
