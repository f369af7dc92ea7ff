import { getMetadataStorage } from 'class-validator';

type Storage = ReturnType<typeof getMetadataStorage>;
type Lookup = Storage['getTargetValidationMetadatas'];

const cached = new WeakSet<Storage>();

/**
 * Memoises class-validator's per-class metadata lookup, which on every `validate()` (of every
 * nested object) walks the metadata of every decorated class in the process to find the target's
 * ancestors: with Baton's few hundred contract classes that was most of the cost of validating a
 * small RPC payload. The answer for a class changes only when metadata is added, so every `add…`
 * of the storage empties the cache. Idempotent; `validate.ts` installs it.
 */
export function cacheValidationMetadata(storage: Storage = getMetadataStorage()): void {
  if (cached.has(storage)) return;
  cached.add(storage);
  let byTarget = new Map<unknown, Map<string, ReturnType<Lookup>>>();
  for (const name of ['addValidationMetadata', 'addConstraintMetadata', 'addValidationSchema'] as const) {
    const add = storage[name].bind(storage) as (arg: never) => void;
    storage[name] = ((arg: never) => {
      byTarget = new Map();
      add(arg);
    }) as never;
  }
  const lookup: Lookup = storage.getTargetValidationMetadatas.bind(storage);
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    const key = `${schema}\u0000${always}\u0000${strictGroups}\u0000${groups?.join('\u0001') ?? ''}`;
    let forTarget = byTarget.get(target);
    if (!forTarget) byTarget.set(target, (forTarget = new Map()));
    let metadatas = forTarget.get(key);
    if (!metadatas) forTarget.set(key, (metadatas = lookup(target, schema, always, strictGroups, groups)));
    return metadatas;
  };
}
