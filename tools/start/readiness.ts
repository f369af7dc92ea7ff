// Decides when the platform is up: the gateway answers /readyz with 200 and its system status
// lists every service as 'up'. Polled every 250 ms until a deadline.

export interface ReadinessCheck {
  /** e.g. http://127.0.0.1:3000 */
  origin: string;
  token: string;
  services: readonly string[];
  timeoutMs: number;
  /** Stop waiting early (the launcher is shutting down). */
  cancelled?: () => boolean;
}

export interface ReadinessResult {
  ready: boolean;
  /** Services not seen 'up' at the last poll, with what was seen instead. */
  notUp: Array<{ name: string; seen: string }>;
}

interface StatusBody {
  services?: Array<{ name?: unknown; status?: unknown }>;
}

const POLL_MS = 250;

export async function waitUntilReady(check: ReadinessCheck): Promise<ReadinessResult> {
  const deadline = Date.now() + check.timeoutMs;
  let last: ReadinessResult = {
    ready: false,
    notUp: check.services.map((name) => ({ name, seen: 'no answer yet' })),
  };
  while (Date.now() < deadline && !check.cancelled?.()) {
    last = await pollOnce(check);
    if (last.ready) return last;
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
  return last;
}

export async function pollOnce({ origin, token, services }: ReadinessCheck): Promise<ReadinessResult> {
  const everyone = (seen: string) => ({ ready: false, notUp: services.map((name) => ({ name, seen })) });
  const readyz = await get(`${origin}/readyz`);
  if (readyz.error) return everyone(`gateway not answering (${readyz.error})`);
  if (readyz.status !== 200)
    return { ready: false, notUp: [{ name: 'gateway', seen: `/readyz answered ${readyz.status}` }] };

  const status = await get(`${origin}/api/v1/system/status`, token);
  if (status.error || status.status !== 200) {
    return everyone(`/api/v1/system/status: ${status.error ?? `HTTP ${status.status}`}`);
  }
  return judge(status.body as StatusBody, services);
}

/**
 * Every service must be listed as 'up'. The gateway itself counts as up once /readyz said 200,
 * whether or not the status lists it.
 */
export function judge(body: StatusBody, services: readonly string[]): ReadinessResult {
  const seen = new Map<string, string>();
  for (const s of body?.services ?? []) if (typeof s.name === 'string') seen.set(s.name, String(s.status));
  const notUp = services
    .filter((name) => !(name === 'gateway' && !seen.has(name)))
    .filter((name) => seen.get(name) !== 'up')
    .map((name) => ({
      name,
      seen: seen.has(name) ? `status '${seen.get(name)}'` : 'not listed in /api/v1/system/status',
    }));
  return { ready: notUp.length === 0, notUp };
}

async function get(
  url: string,
  token?: string,
): Promise<{ status?: number; body?: unknown; error?: string }> {
  try {
    const res = await fetch(url, {
      headers: token ? { authorization: `Bearer ${token}`, accept: 'application/json' } : {},
      signal: AbortSignal.timeout(2000),
    });
    const text = await res.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    return { status: res.status, body };
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause?.code;
    return { error: cause ?? (err as Error).name };
  }
}
