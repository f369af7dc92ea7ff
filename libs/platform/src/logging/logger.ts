import { trace } from '@opentelemetry/api';
import type { LoggerService } from '@nestjs/common';
import { hostname } from 'node:os';
import { pino, type Logger } from 'pino';

export type { Logger } from 'pino';

/**
 * JSON logs (one object a line) with the active trace and span ids, so a log line can be
 * found from a trace and the other way round.
 */
export function createLogger(service: string, level = 'info', destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service, pid: process.pid, host: hostname() },
      timestamp: pino.stdTimeFunctions.isoTime,
      messageKey: 'msg',
      formatters: { level: (label, number) => ({ level: number, levelName: label }) },
      mixin() {
        const ctx = trace.getActiveSpan()?.spanContext();
        return ctx && ctx.traceFlags !== undefined && ctx.traceId !== '00000000000000000000000000000000'
          ? { trace_id: ctx.traceId, span_id: ctx.spanId }
          : {};
      },
      redact: { paths: ['*.password', '*.token', '*.authorization', 'req.headers.authorization'], censor: '[redacted]' },
    },
    destination,
  );
}

/** Nest's logger interface over pino, so framework messages are JSON lines too. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, context?: string) {
    this.logger.info({ context }, String(message));
  }
  error(message: unknown, stack?: string, context?: string) {
    this.logger.error({ context, stack }, message instanceof Error ? message.message : String(message));
  }
  warn(message: unknown, context?: string) {
    this.logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string) {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string) {
    this.logger.trace({ context }, String(message));
  }
  fatal(message: unknown, context?: string) {
    this.logger.fatal({ context }, String(message));
  }
}
