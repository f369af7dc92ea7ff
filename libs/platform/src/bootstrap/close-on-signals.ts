import type { INestApplicationContext } from '@nestjs/common';
import type { Logger } from 'pino';

/**
 * SIGTERM/SIGINT → graceful shutdown (stop taking work, finish in-flight, drain NATS, close the
 * pool — the application's shutdown hooks), then exit 0; exit 1 if shutdown fails. A second
 * signal exits at once. Used instead of Nest's enableShutdownHooks, which re-raises the signal
 * after cleanup, so an orderly stop could not be told from a kill by its exit status.
 */
export function closeOnSignals(app: INestApplicationContext, logger: Logger): void {
  let closing = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (closing) {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(130);
    }
    closing = true;
    logger.info({ signal }, 'signal received');
    app.close().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
