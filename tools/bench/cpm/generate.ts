/**
 * Seeded random project networks for the CPM benchmark, straight into the engine's typed arrays.
 * Acyclic by construction: every dependency runs from a lower to a higher rank, and ranks are
 * shuffled onto task indices so that index order is not topological order. Predecessors are
 * mostly near their successor in rank (as in real plans, where work follows recent work), with
 * an occasional long link.
 */
import { DEPENDENCY_CODE, type NetworkArrays } from '@baton/scheduling';

/** mulberry32: a small, fast, seedable PRNG returning floats in [0, 1). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Dependency type mix: 70 % FS, 10 % each of SS, FF and SF. */
function pickType(r: number): number {
  if (r < 0.7) return DEPENDENCY_CODE.FS;
  if (r < 0.8) return DEPENDENCY_CODE.SS;
  if (r < 0.9) return DEPENDENCY_CODE.FF;
  return DEPENDENCY_CODE.SF;
}

export interface GeneratedNetwork extends NetworkArrays {
  duration: Float64Array;
  from: Int32Array;
  to: Int32Array;
  type: Uint8Array;
  lag: Float64Array;
}

export function generateNetwork(taskCount: number, dependencyCount: number, seed: number): GeneratedNetwork {
  const random = prng(seed);
  const n = taskCount;
  // rank → task index: a Fisher–Yates shuffle.
  const indexOfRank = new Int32Array(n);
  for (let r = 0; r < n; r++) indexOfRank[r] = r;
  for (let r = n - 1; r > 0; r--) {
    const k = Math.floor(random() * (r + 1));
    const t = indexOfRank[r];
    indexOfRank[r] = indexOfRank[k];
    indexOfRank[k] = t;
  }

  const duration = new Float64Array(n);
  for (let i = 0; i < n; i++) duration[i] = random() < 0.05 ? 0 : 1 + Math.floor(random() * 20);

  const m = n > 1 ? dependencyCount : 0;
  const from = new Int32Array(m);
  const to = new Int32Array(m);
  const type = new Uint8Array(m);
  const lag = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    const toRank = 1 + Math.floor(random() * (n - 1));
    const span = random() < 0.05 ? toRank : Math.min(toRank, 50);
    const fromRank = toRank - 1 - Math.floor(random() * span);
    from[k] = indexOfRank[fromRank];
    to[k] = indexOfRank[toRank];
    type[k] = pickType(random());
    lag[k] = random() < 0.7 ? 0 : Math.floor(random() * 9) - 3; // leads down to −3, lags up to 5
  }
  return { duration, from, to, type, lag };
}
