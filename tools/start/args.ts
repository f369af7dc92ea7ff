import { parseArgs } from 'node:util';

export interface StartOptions {
  /** Load the demo portfolio once the platform is ready. */
  demo: boolean;
  /** Gateway port asked for with --port (PORT and 3000 are the fallbacks). */
  port?: number;
  help: boolean;
}

export const USAGE = `Usage: npm start [-- --demo] [-- --port N]

  --demo      load a small demo portfolio through the API once everything is up
  --port N    gateway port (default: $PORT, else 3000; a free one if that is taken)

Environment: DATABASE_URL and NATS_URL use existing servers instead of starting them;
HOST (default 127.0.0.1), LOG_LEVEL (default info), AUTH_DEV_SIGNING_KEY.`;

export function parseStartArgs(argv: string[]): StartOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      demo: { type: 'boolean', default: false },
      port: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  return {
    demo: values.demo,
    help: values.help,
    port: values.port === undefined ? undefined : parsePort(values.port, '--port'),
  };
}

export function parsePort(text: string, what: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new Error(`${what} must be a port number (1-65535), got "${text}"`);
  return port;
}
