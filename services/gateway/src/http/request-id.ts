import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const REQUEST_ID_HEADER = 'x-request-id';
const SANE_REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;

/**
 * The request id: a caller's (or a proxy's) `X-Request-Id` when it is short and harmless, so one
 * id follows a request through every hop; otherwise a fresh uuid. Never trusted for anything
 * but correlation.
 */
export function requestIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value !== undefined && SANE_REQUEST_ID.test(value) ? value : randomUUID();
}

/** Fastify's `genReqId` */
export const genReqId = (req: IncomingMessage): string => requestIdFrom(req.headers[REQUEST_ID_HEADER]);
