/**
 * Resource-free CPM quantities of a compiled problem (earliest starts, latest finishes against the
 * critical-path length), the classic priority rules of the serial scheme, the critical-path and
 * resource lower bounds, and turning any priority into a precedence-feasible activity list.
 */
import type { CompiledProblem } from './problem.js';

export type PriorityRule = 'LFT' | 'LST' | 'MTS' | 'GRPW' | 'MSLK' | 'SPT';
export const PRIORITY_RULES: readonly PriorityRule[] = ['LFT', 'LST', 'MTS', 'GRPW', 'MSLK', 'SPT'];

export interface TimeWindows {
  /** Earliest starts ignoring resources. */
  readonly es: Int32Array;
  /** Latest finishes ignoring resources, against the critical-path length. */
  readonly lf: Int32Array;
  /** The critical-path length: no schedule is shorter. */
  readonly cpLength: number;
}

export function timeWindows(p: CompiledProblem): TimeWindows {
  const { n, duration, forward, backward } = p;
  const es = new Int32Array(n);
  let cpLength = 0;
  for (let j = 0; j < n; j++) {
    let t = 0;
    for (let e = forward.predStart[j]; e < forward.predStart[j + 1]; e++) {
      const i = forward.preds[e];
      t = Math.max(t, es[i] + duration[i] + forward.lags[e]);
    }
    es[j] = t;
    cpLength = Math.max(cpLength, t + duration[j]);
  }
  // Latest finish: backward over the reverse topological order (successors have larger indices).
  const lf = new Int32Array(n);
  for (let j = n - 1; j >= 0; j--) {
    let f = cpLength;
    for (let e = backward.predStart[j]; e < backward.predStart[j + 1]; e++) {
      const k = backward.preds[e];
      f = Math.min(f, lf[k] - duration[k] - backward.lags[e]);
    }
    lf[j] = f;
  }
  return { es, lf, cpLength };
}

/**
 * The better of the critical-path bound and the resource (energy) bound: for every resource, the
 * total demand-days divided by the capacity, rounded up.
 */
export function lowerBound(p: CompiledProblem, windows: TimeWindows): number {
  let lb = windows.cpLength;
  const work = new Float64Array(p.resourceCount);
  for (let j = 0; j < p.n; j++) {
    for (let q = p.demStart[j]; q < p.demStart[j + 1]; q++)
      work[p.demRes[q]] += p.demAmount[q] * p.duration[j];
  }
  for (let r = 0; r < p.resourceCount; r++) {
    if (p.capacity[r] > 0) lb = Math.max(lb, Math.ceil(work[r] / p.capacity[r] - 1e-9));
  }
  return lb;
}

/** Priority values for a rule, lower = scheduled earlier. */
export function priorityValues(p: CompiledProblem, w: TimeWindows, rule: PriorityRule): Float64Array {
  const { n, duration, backward } = p;
  const v = new Float64Array(n);
  switch (rule) {
    case 'LFT':
      for (let j = 0; j < n; j++) v[j] = w.lf[j];
      break;
    case 'LST':
      for (let j = 0; j < n; j++) v[j] = w.lf[j] - duration[j];
      break;
    case 'MSLK':
      for (let j = 0; j < n; j++) v[j] = w.lf[j] - duration[j] - w.es[j];
      break;
    case 'SPT':
      for (let j = 0; j < n; j++) v[j] = duration[j];
      break;
    case 'GRPW':
      for (let j = 0; j < n; j++) {
        let rpw = duration[j];
        for (let e = backward.predStart[j]; e < backward.predStart[j + 1]; e++)
          rpw += duration[backward.preds[e]];
        v[j] = -rpw;
      }
      break;
    case 'MTS': {
      const counts = totalSuccessors(p);
      for (let j = 0; j < n; j++) v[j] = -counts[j];
      break;
    }
    default: {
      const never: never = rule;
      throw new Error(`unknown priority rule ${String(never)}`);
    }
  }
  return v;
}

/** Number of (transitive) successors of every task, with bitsets; capped to 4,000 tasks (else out-degree). */
function totalSuccessors(p: CompiledProblem): Int32Array {
  const { n, backward } = p;
  const out = new Int32Array(n);
  if (n > 4000) {
    for (let j = 0; j < n; j++) out[j] = backward.predStart[j + 1] - backward.predStart[j];
    return out;
  }
  const words = (n + 31) >>> 5;
  const bits = new Uint32Array(n * words);
  for (let j = n - 1; j >= 0; j--) {
    const row = j * words;
    for (let e = backward.predStart[j]; e < backward.predStart[j + 1]; e++) {
      const k = backward.preds[e];
      bits[row + (k >>> 5)] |= 1 << (k & 31);
      for (let w = 0; w < words; w++) bits[row + w] |= bits[k * words + w];
    }
    let c = 0;
    for (let w = 0; w < words; w++) {
      let x = bits[row + w];
      while (x !== 0) {
        x &= x - 1;
        c++;
      }
    }
    out[j] = c;
  }
  return out;
}

/**
 * A precedence-feasible activity list: the serial scheme's rule "among the tasks whose
 * predecessors are all listed, take the one with the lowest value" (ties by topological index),
 * with a binary heap, O((n + m) log n).
 */
export function listFromPriority(p: CompiledProblem, value: Float64Array): Int32Array {
  const { n, forward, backward } = p;
  const rem = new Int32Array(n);
  for (let j = 0; j < n; j++) rem[j] = forward.predStart[j + 1] - forward.predStart[j];
  const heap = new Int32Array(n);
  let size = 0;
  const less = (a: number, b: number): boolean => value[a] < value[b] || (value[a] === value[b] && a < b);
  const push = (j: number): void => {
    let i = size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!less(j, heap[parent])) break;
      heap[i] = heap[parent];
      i = parent;
    }
    heap[i] = j;
  };
  const pop = (): number => {
    const top = heap[0];
    const last = heap[--size];
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= size) break;
      if (c + 1 < size && less(heap[c + 1], heap[c])) c++;
      if (!less(heap[c], last)) break;
      heap[i] = heap[c];
      i = c;
    }
    heap[i] = last;
    return top;
  };
  for (let j = 0; j < n; j++) if (rem[j] === 0) push(j);
  const list = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    const j = pop();
    list[k] = j;
    for (let e = backward.predStart[j]; e < backward.predStart[j + 1]; e++) {
      const s = backward.preds[e];
      if (--rem[s] === 0) push(s);
    }
  }
  return list;
}
