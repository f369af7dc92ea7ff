/**
 * Calendar dates as whole days since 1970-01-01 ("epoch days"), in UTC so that no time zone or
 * daylight-saving change can shift a day. ISO strings (`YYYY-MM-DD`) only at the edges.
 */

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `2026-03-02` → epoch day; `undefined` when the string is not a real calendar date. */
export function parseIsoDate(iso: string): number | undefined {
  const match = typeof iso === 'string' ? ISO_DATE.exec(iso) : null;
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day)
    return undefined;
  return ms / MS_PER_DAY;
}

/** Epoch day → `YYYY-MM-DD`. */
export function formatIsoDate(epochDay: number): string {
  return new Date(epochDay * MS_PER_DAY).toISOString().slice(0, 10);
}

/** ISO weekday of an epoch day: 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
export function isoWeekday(epochDay: number): number {
  return ((((epochDay + 3) % 7) + 7) % 7) + 1;
}
