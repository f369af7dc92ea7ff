/**
 * Delay before retry number `attempt` (1 = the first retry): base · 2^(attempt-1), capped, of
 * which half is fixed and half random ("equal jitter"). Receivers recovering from an outage are
 * not hit by every sender at once, and each gap is at least as long as the previous one could be.
 */
export function retryDelayMs(
  attempt: number,
  baseMs: number,
  maxMs: number,
  random: () => number = Math.random,
): number {
  const exp = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exp / 2 + random() * (exp / 2));
}
