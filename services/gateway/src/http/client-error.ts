import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import { PROBLEM_CONTENT_TYPE } from '../problem/problem-details.js';
import { toProblem } from '../problem/to-problem.js';

/** what Node's HTTP parser's refusals mean to a client: status and detail */
function describe(code: string | undefined): { status: number; detail: string } {
  switch (code) {
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return { status: 408, detail: 'The request was not received in time' };
    case 'HPE_HEADER_OVERFLOW':
      return { status: 431, detail: 'The request headers are too large' };
    case 'HPE_INVALID_HEADER_TOKEN':
      return {
        status: 400,
        detail:
          'A request header name or value holds a character that is not allowed (e.g. a control character)',
      };
    default:
      return { status: 400, detail: 'The request is not valid HTTP/1.1' };
  }
}

/**
 * Fastify's `clientErrorHandler`: a request Node cannot parse (a control character in a header,
 * headers too large, too slow) never reaches a route or the exception filter, and Fastify's
 * default answers `{"error":"Bad Request","message":"Client Error"}` as application/json. This
 * answers problem+json like every other error, then closes the connection as that default does.
 * There is no request yet: no `instance`, and a fresh request id (nothing else logs it).
 */
export function problemClientErrorHandler(err: Error & { code?: string }, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  if (socket.writable) {
    const { status, detail } = describe(err.code);
    const { body } = toProblem(
      { statusCode: status, message: detail },
      { instance: '', requestId: randomUUID() },
    );
    const { instance: _, ...problem } = body;
    const json = JSON.stringify(problem);
    socket.write(
      `HTTP/1.1 ${status} ${problem.title}\r\n` +
        `Content-Type: ${PROBLEM_CONTENT_TYPE}; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(json)}\r\n` +
        `Cache-Control: no-store\r\nConnection: close\r\nX-Request-Id: ${problem.requestId}\r\n\r\n${json}`,
    );
  }
  socket.destroy(err);
}
