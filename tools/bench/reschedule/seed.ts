import { randomUUID } from 'node:crypto';
import type pg from 'pg';

export interface SeedOptions {
  tenantId: string;
  projectId: string;
  tasks: number;
  deps: number;
  seed?: number;
}

/** a small deterministic PRNG (mulberry32), so every run seeds the same network */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TYPES = ['FS', 'FS', 'FS', 'FS', 'FS', 'FS', 'FS', 'FS', 'SS', 'SS', 'FF', 'SF'] as const;

/**
 * Seeds a project's WBS straight into planning's tables: one summary task per 100 tasks, each
 * with 99 work tasks (durations 1–10 working days), and `deps` dependencies of mixed types, each
 * from a task up to 60 places earlier (so the network is acyclic and long chains run through it).
 * Two INSERTs through unnest arrays. Returns a work task in the middle of the network to change.
 */
export async function seedNetwork(client: pg.Client, o: SeedOptions) {
  const rnd = prng(o.seed ?? 42);
  const groups = Math.max(1, Math.round(o.tasks / 100));
  const perGroup = Math.floor(o.tasks / groups) - 1;
  const ids: string[] = [];
  const parents: (string | null)[] = [];
  const positions: number[] = [];
  const paths: string[] = [];
  const names: string[] = [];
  const kinds: string[] = [];
  const durations: number[] = [];
  const leaves: string[] = [];
  for (let g = 0; g < groups; g++) {
    const summary = randomUUID();
    ids.push(summary);
    parents.push(null);
    positions.push(g);
    paths.push(`{${g + 1}}`);
    names.push(`Work package ${g + 1}`);
    kinds.push('summary');
    durations.push(0);
    for (let k = 0; k < perGroup; k++) {
      const id = randomUUID();
      ids.push(id);
      parents.push(summary);
      positions.push(k);
      paths.push(`{${g + 1},${k + 1}}`);
      names.push(`Task ${g + 1}.${k + 1}`);
      kinds.push('task');
      durations.push(1 + Math.floor(rnd() * 10));
      leaves.push(id);
    }
  }
  await client.query(
    `INSERT INTO planning.task (id, tenant_id, project_id, parent_id, position, wbs_path, name, kind, duration)
     SELECT u.id, $1, $2, u.parent, u.pos, u.path::int[], u.name, u.kind, u.dur
     FROM unnest($3::uuid[], $4::uuid[], $5::int[], $6::text[], $7::text[], $8::text[], $9::int[]) AS u(id, parent, pos, path, name, kind, dur)`,
    [o.tenantId, o.projectId, ids, parents, positions, paths, names, kinds, durations],
  );

  const pairs = new Set<string>();
  const pred: string[] = [];
  const succ: string[] = [];
  const types: string[] = [];
  const lags: number[] = [];
  while (pred.length < o.deps) {
    const k = 1 + Math.floor(rnd() * (leaves.length - 1));
    const j = Math.max(0, k - 1 - Math.floor(rnd() * 60));
    const key = `${j}:${k}`;
    if (pairs.has(key)) continue;
    pairs.add(key);
    pred.push(leaves[j]!);
    succ.push(leaves[k]!);
    types.push(TYPES[Math.floor(rnd() * TYPES.length)]!);
    lags.push(rnd() < 0.8 ? 0 : Math.floor(rnd() * 3));
  }
  await client.query(
    `INSERT INTO planning.dependency (id, tenant_id, predecessor_id, successor_id, predecessor_project_id, successor_project_id, type, lag)
     SELECT gen_random_uuid(), $1, u.p, u.s, $2, $2, u.t, u.l FROM unnest($3::uuid[], $4::uuid[], $5::text[], $6::int[]) AS u(p, s, t, l)`,
    [o.tenantId, o.projectId, pred, succ, types, lags],
  );
  await client.query('ANALYZE planning.task');
  await client.query('ANALYZE planning.dependency');
  return {
    taskCount: ids.length,
    dependencyCount: pred.length,
    changeTaskId: leaves[Math.floor(leaves.length / 2)]!,
  };
}
