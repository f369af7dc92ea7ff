import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { checkLiteralHost, guardedLookup, TargetRefused } from './ssrf.js';

export interface SendResult {
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

const USER_AGENT = 'Baton-Webhooks/1';
/** a receiver's answer is read (and dropped) up to this size, so the socket can be reused */
const MAX_RESPONSE_BYTES = 64 * 1024;

/**
 * One POST of a signed webhook. No redirects are followed (a 3xx counts as a failure), the
 * receiver must answer within `timeoutMs`, and the address connected to is checked against the
 * SSRF rules at connect time (guardedLookup), so DNS rebinding after subscription is refused too.
 */
export function sendWebhook(
  target: string,
  headers: Record<string, string>,
  body: string,
  opts: { timeoutMs: number; allowPrivate: boolean },
): Promise<SendResult> {
  const started = performance.now();
  const done = (statusCode: number | null, error: string | null): SendResult => ({
    statusCode,
    error,
    durationMs: Math.round(performance.now() - started),
  });
  let url: URL;
  try {
    url = new URL(target);
    checkLiteralHost(url, opts.allowPrivate);
  } catch (err) {
    return Promise.resolve(
      done(null, err instanceof TargetRefused ? `refused: ${err.message}` : 'invalid URL'),
    );
  }
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    const req = request(
      url,
      {
        method: 'POST',
        headers: {
          ...headers,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'user-agent': USER_AGENT,
        },
        lookup: guardedLookup(opts.allowPrivate) as never,
        timeout: opts.timeoutMs,
        signal: AbortSignal.timeout(opts.timeoutMs),
      },
      (res) => {
        let read = 0;
        res.on('data', (chunk: Buffer) => {
          read += chunk.length;
          if (read > MAX_RESPONSE_BYTES) res.destroy();
        });
        res.on('end', () => resolve(done(res.statusCode ?? null, null)));
        res.on('close', () => resolve(done(res.statusCode ?? null, null)));
        res.on('error', () => resolve(done(res.statusCode ?? null, null)));
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${opts.timeoutMs} ms`)));
    req.on('error', (err: NodeJS.ErrnoException) => {
      const reason =
        err.code === 'ESSRF'
          ? `refused: ${err.message}`
          : err.name === 'AbortError'
            ? `no answer within ${opts.timeoutMs} ms`
            : err.message;
      resolve(done(null, reason.slice(0, 500)));
    });
    req.end(body);
  });
}
