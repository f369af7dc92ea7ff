import { describe, expect, it } from '@jest/globals';
import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { TracerProvider } from '@opentelemetry/sdk-trace';
import { Writable } from 'node:stream';
import { createLogger } from './logger.js';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { lines, stream };
}

describe('createLogger', () => {
  it('writes JSON lines with the service and, inside a span, its trace and span ids', () => {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    const tracer = new TracerProvider().getTracer('test');
    const { lines, stream } = capture();
    const logger = createLogger('planning', 'info', stream);

    logger.info('outside');
    const span = tracer.startSpan('work');
    context.with(trace.setSpan(context.active(), span), () => logger.info({ projectId: 'p1' }, 'inside'));
    span.end();

    expect(lines[0]).toMatchObject({ service: 'planning', msg: 'outside', level: 30 });
    expect(lines[0]).not.toHaveProperty('trace_id');
    expect(lines[1]).toMatchObject({
      msg: 'inside',
      projectId: 'p1',
      trace_id: span.spanContext().traceId,
      span_id: span.spanContext().spanId,
    });
    context.disable();
  });

  it('redacts credentials', () => {
    const { lines, stream } = capture();
    createLogger('gateway', 'info', stream).info({ headers: { authorization: 'Bearer secret' } }, 'req');
    expect(JSON.stringify(lines[0])).not.toContain('secret');
  });
});
