import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyReply } from 'fastify';
import type { StoredResponse } from './idempotency.repository.js';

export const REPLAYED_HEADER = 'Idempotent-Replayed';

/** Thrown by the interceptor when a request repeats a completed one: the filter answers with it. */
export class IdempotentReplay extends Error {
  constructor(readonly response: StoredResponse) {
    super('idempotent replay');
    this.name = 'IdempotentReplay';
  }
}

/**
 * Sends a stored response again (status, body, its headers) with `Idempotent-Replayed: true`.
 * A filter rather than the interceptor's return value, so the handler's own status code and
 * `@Res()` handling play no part in it.
 */
@Catch(IdempotentReplay)
export class IdempotentReplayFilter implements ExceptionFilter {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  catch(replay: IdempotentReplay, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const adapter = this.adapterHost.httpAdapter;
    for (const [name, value] of Object.entries(replay.response.headers))
      adapter.setHeader(reply, name, value);
    adapter.setHeader(reply, REPLAYED_HEADER, 'true');
    adapter.reply(reply, replay.response.body, replay.response.status);
  }
}
