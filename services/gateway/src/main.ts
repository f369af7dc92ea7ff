import { serviceMain } from '@baton/platform/service-main';

await serviceMain('gateway', async () => {
  const { GatewayConfig } = await import('./config/env.js');
  const { listenGateway } = await import('./bootstrap.js');
  const { GatewayPersistence } = await import('./app.module.js');
  return { Config: GatewayConfig, start: listenGateway, persistence: GatewayPersistence };
});
