import { DEFAULT_PAGE_SIZE, type Page } from '@baton/contracts';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { ValidationFailedError } from '../errors/domain-error.js';

/**
 * Keyset (cursor) pagination, the one convention every list uses. A sort such as `-createdAt`
 * orders by (column, id) so ties are stable; the cursor encodes the sort and the last row's
 * (value, id), and the next page continues strictly after it. Pages stay correct while rows
 * are inserted, and each page costs an index range scan, not an OFFSET.
 */
export interface KeysetOptions<T> {
  /** e.g. `name` or `-createdAt` */
  sort: string;
  /** sort field → SQL column (qualified with the alias), e.g. { name: 'p.name' } */
  columns: Record<string, string>;
  /** SQL of the unique tie-breaker, e.g. `p.id` */
  idColumn: string;
  limit?: number;
  cursor?: string;
  /** read the sort value and id of a row (to build the next cursor) */
  keyOf: (row: T, field: string) => [unknown, string];
}

interface CursorBody {
  s: string;
  v: unknown;
  id: string;
}

export function encodeCursor(body: CursorBody): string {
  return Buffer.from(JSON.stringify(body)).toString('base64url');
}

export function decodeCursor(cursor: string, sort: string): CursorBody {
  try {
    const body = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as CursorBody;
    if (body && body.s === sort && typeof body.id === 'string' && 'v' in body) return body;
  } catch {
    // fall through
  }
  throw new ValidationFailedError([{ field: 'cursor', message: 'cursor is not valid for this list and sort' }]);
}

export async function paginate<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, o: KeysetOptions<T>): Promise<Page<T>> {
  const desc = o.sort.startsWith('-');
  const field = desc ? o.sort.slice(1) : o.sort;
  const column = o.columns[field];
  if (!column) throw new ValidationFailedError([{ field: 'sort', message: `sort must be one of ${Object.keys(o.columns).join(', ')}` }]);
  const limit = o.limit ?? DEFAULT_PAGE_SIZE;
  const dir = desc ? 'DESC' : 'ASC';
  if (o.cursor) {
    const c = decodeCursor(o.cursor, o.sort);
    qb.andWhere(`(${column}, ${o.idColumn}) ${desc ? '<' : '>'} (:keysetValue, :keysetId)`, {
      keysetValue: c.v,
      keysetId: c.id,
    });
  }
  qb.orderBy(column, dir).addOrderBy(o.idColumn, dir).limit(limit + 1);
  const rows = await qb.getMany();
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  const nextCursor =
    rows.length > limit && last
      ? encodeCursor({ s: o.sort, v: o.keyOf(last, field)[0], id: o.keyOf(last, field)[1] })
      : null;
  return { items, nextCursor };
}

/** A user's search text as a literal inside `ILIKE '%…%'` (its `%`, `_` and backslash match themselves). */
export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}
