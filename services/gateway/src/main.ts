// The gateway process. Telemetry first, so that http and pg are instrumented before they load;
// everything else is imported afterwards.
import { initTelemetry } from '@baton/platform/telemetry';

await initTelemetry('gateway');

const { closeOnSignals, loadConfigOrExit, runMigrateCommand, createLogger } = await import('@baton/platform');
const { GatewayConfig } = await import('./config/env.js');
const config = loadConfigOrExit(GatewayConfig, 'gateway');
const logger = createLogger('gateway', config.LOG_LEVEL);

if (process.argv[2] === 'migrate') {
  try {
    await runMigrateCommand({ service: 'gateway', config });
    process.exit(0);
  } catch (err) {
    logger.fatal({ err }, 'migration failed');
    process.exit(1);
  }
}

try {
  const { createGatewayApp } = await import('./bootstrap.js');
  const app = await createGatewayApp(config, { logger });
  // SIGTERM/SIGINT: HTTP stops taking requests and finishes in-flight ones, then NATS drains
  // and the pool closes (see HttpDrain and the platform lifecycle).
  await app.listen(config.PORT, config.HOST);
  closeOnSignals(app, logger);
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? 'localhost' : config.HOST;
  logger.info(
    { url: `http://${host}:${port}`, docs: `http://${host}:${port}/docs`, devMode: config.AUTH_DEV_MODE },
    `gateway listening on http://${host}:${port}`,
  );
} catch (err) {
  logger.fatal({ err }, 'failed to start');
  process.exit(1);
}
