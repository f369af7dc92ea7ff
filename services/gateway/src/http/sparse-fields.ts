/**
 * Sparse fieldsets on wide lists: `?fields=subject,email` returns only those members of each
 * item (and always `id`). The list DTO validates the names (`@IsIn(fields, { each: true })`),
 * so an unknown field is a 400 naming `fields`.
 */
export function pickFields<T extends { id: string }>(
  items: T[],
  fields: readonly string[] | undefined,
): Partial<T>[] {
  if (!fields?.length) return items;
  const keep = new Set<string>(['id', ...fields]);
  return items.map(
    (item) => Object.fromEntries(Object.entries(item).filter(([k]) => keep.has(k))) as Partial<T>,
  );
}
