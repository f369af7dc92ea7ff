import type { ValueTransformer } from 'typeorm';

/** Postgres `numeric` arrives as a string (exact decimal); these columns hold small hour counts. */
export const NumericColumn: ValueTransformer = {
  to: (v: number | null | undefined) => v,
  from: (v: string | null) => (v === null ? null : Number(v)),
};
