import { Transform } from 'class-transformer';
import { registerDecorator, type ValidationOptions } from 'class-validator';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date `YYYY-MM-DD` (rejects 2026-02-30 and timestamps). */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: `$property must be a calendar date (YYYY-MM-DD)`, ...options },
      validator: { validate: isCalendarDate },
    });
}

/** Query strings carry lists as `a,b`; RPC messages carry arrays. Accept both. */
export const CommaList = () =>
  Transform(({ value }) =>
    typeof value === 'string' ? value.split(',').map((s) => s.trim()).filter(Boolean) : value,
  );

/** Query strings carry booleans as text; only `true`/`false` are accepted, anything else fails validation. */
export const BooleanFlag = () =>
  Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value));

/** Query strings carry numbers as text. */
export const IntegerParam = () =>
  Transform(({ value }) => (typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value));
