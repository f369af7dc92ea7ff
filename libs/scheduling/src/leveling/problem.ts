/**
 * The resource-constrained project scheduling problem (RCPSP) as Baton states it, its validation,
 * and its compiled form: tasks renumbered in a topological order, predecessor/successor lists and
 * resource demands in flat typed arrays (CSR layout), ready for the schedule generation scheme.
 */

/** A renewable resource: `capacity` units are available on every day. */
export interface LevelingResource {
  readonly id: string;
  readonly capacity: number;
}

/** A task of `duration` whole days using `demands[resourceId]` units of each resource every day it runs. */
export interface LevelingTask {
  readonly id: string;
  readonly duration: number;
  readonly demands?: Readonly<Record<string, number>>;
}

/** Finish-to-start: `to` starts no earlier than `from` finishes plus `lag` days (negative: a lead). */
export interface LevelingDependency {
  readonly from: string;
  readonly to: string;
  readonly lag?: number;
}

export interface LevelingProblem {
  readonly resources: readonly LevelingResource[];
  readonly tasks: readonly LevelingTask[];
  readonly dependencies: readonly LevelingDependency[];
}

export type LevelingErrorCode =
  | 'INVALID_VALUE'
  | 'DUPLICATE_ID'
  | 'UNKNOWN_RESOURCE'
  | 'UNKNOWN_TASK'
  | 'DEMAND_EXCEEDS_CAPACITY'
  | 'CYCLE';

/**
 * A problem that cannot be leveled. `field` is the JSON path of the offending item (e.g.
 * `tasks[3].demands.R9`); `ids` names the tasks/resources involved (for a cycle: the tasks on it).
 */
export class LevelingError extends Error {
  constructor(
    readonly code: LevelingErrorCode,
    readonly field: string,
    message: string,
    readonly ids: readonly string[] = [],
  ) {
    super(message);
    this.name = 'LevelingError';
  }
}

/** One direction of the precedence graph: for each task, the tasks it waits for, with their lags. */
export interface Graph {
  /** `preds[predStart[j] .. predStart[j+1])` are the tasks j waits for in this direction. */
  readonly predStart: Int32Array;
  readonly preds: Int32Array;
  readonly lags: Int32Array;
}

/** The problem in internal numbering: internal index i is a topological rank (predecessors first). */
export interface CompiledProblem {
  readonly n: number;
  readonly resourceCount: number;
  readonly duration: Int32Array;
  readonly capacity: Float64Array;
  /** Demands of task j: resources `demRes[demStart[j] .. demStart[j+1])` with amounts `demAmount`. */
  readonly demStart: Int32Array;
  readonly demRes: Int32Array;
  readonly demAmount: Float64Array;
  /** Forward graph (waits for predecessors) and backward graph (waits for successors). */
  readonly forward: Graph;
  readonly backward: Graph;
  /** A bound on the makespan of any serial-scheme schedule, in either direction. */
  readonly horizon: number;
  /** internal index → index in `problem.tasks`, and back. */
  readonly toExternal: Int32Array;
  readonly toInternal: Int32Array;
}

const isNonNegInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const isNonNegFinite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

function invalid(field: string, message: string, ids: string[] = []): LevelingError {
  return new LevelingError('INVALID_VALUE', field, `${field}: ${message}`, ids);
}

/** Validates the problem and compiles it; throws a {@link LevelingError} naming the first bad item. */
export function compileProblem(problem: LevelingProblem): CompiledProblem {
  const { resources, tasks, dependencies } = problem;
  if (!Array.isArray(resources)) throw invalid('resources', 'must be an array');
  if (!Array.isArray(tasks)) throw invalid('tasks', 'must be an array');
  if (!Array.isArray(dependencies)) throw invalid('dependencies', 'must be an array');

  const resIndex = new Map<string, number>();
  resources.forEach((r, i) => {
    if (typeof r?.id !== 'string' || r.id === '')
      throw invalid(`resources[${i}].id`, 'must be a non-empty string');
    if (resIndex.has(r.id)) {
      throw new LevelingError(
        'DUPLICATE_ID',
        `resources[${i}].id`,
        `resources[${i}].id: duplicate resource "${r.id}"`,
        [r.id],
      );
    }
    if (!isNonNegFinite(r.capacity))
      throw invalid(`resources[${i}].capacity`, 'must be a finite number ≥ 0', [r.id]);
    resIndex.set(r.id, i);
  });

  const n = tasks.length;
  const taskIndex = new Map<string, number>();
  const demandTriples: number[][] = [];
  tasks.forEach((t, i) => {
    if (typeof t?.id !== 'string' || t.id === '')
      throw invalid(`tasks[${i}].id`, 'must be a non-empty string');
    if (taskIndex.has(t.id)) {
      throw new LevelingError('DUPLICATE_ID', `tasks[${i}].id`, `tasks[${i}].id: duplicate task "${t.id}"`, [
        t.id,
      ]);
    }
    taskIndex.set(t.id, i);
    if (!isNonNegInt(t.duration))
      throw invalid(`tasks[${i}].duration`, 'must be a whole number of days ≥ 0', [t.id]);
    const list: number[] = [];
    if (t.demands !== undefined) {
      if (t.demands === null || typeof t.demands !== 'object' || Array.isArray(t.demands)) {
        throw invalid(`tasks[${i}].demands`, 'must be an object of resource id → units', [t.id]);
      }
      for (const [rid, amount] of Object.entries(t.demands)) {
        const field = `tasks[${i}].demands.${rid}`;
        const r = resIndex.get(rid);
        if (r === undefined) {
          throw new LevelingError(
            'UNKNOWN_RESOURCE',
            field,
            `${field}: task "${t.id}" uses unknown resource "${rid}"`,
            [t.id, rid],
          );
        }
        if (!isNonNegFinite(amount)) throw invalid(field, 'must be a finite number ≥ 0', [t.id, rid]);
        if (amount > resources[r].capacity && t.duration > 0) {
          throw new LevelingError(
            'DEMAND_EXCEEDS_CAPACITY',
            field,
            `${field}: task "${t.id}" needs ${amount} of resource "${rid}" per day but its capacity is ${resources[r].capacity}, so no schedule exists`,
            [t.id, rid],
          );
        }
        if (amount > 0 && t.duration > 0) list.push(r, amount);
      }
    }
    demandTriples.push(list);
  });

  // Edges, validated; duplicates between the same pair keep the largest lag.
  const edgeLag = new Map<number, number>();
  dependencies.forEach((d, k) => {
    const from = taskIndex.get(d?.from);
    const to = taskIndex.get(d?.to);
    if (from === undefined) {
      throw new LevelingError(
        'UNKNOWN_TASK',
        `dependencies[${k}].from`,
        `dependencies[${k}].from: unknown task "${String(d?.from)}"`,
        [String(d?.from)],
      );
    }
    if (to === undefined) {
      throw new LevelingError(
        'UNKNOWN_TASK',
        `dependencies[${k}].to`,
        `dependencies[${k}].to: unknown task "${String(d?.to)}"`,
        [String(d?.to)],
      );
    }
    const lag = d.lag ?? 0;
    if (typeof lag !== 'number' || !Number.isInteger(lag))
      throw invalid(`dependencies[${k}].lag`, 'must be a whole number of days');
    if (from === to) {
      throw new LevelingError(
        'CYCLE',
        `dependencies[${k}]`,
        `dependencies[${k}]: task "${d.from}" depends on itself`,
        [d.from],
      );
    }
    const key = from * n + to;
    const prev = edgeLag.get(key);
    if (prev === undefined || lag > prev) edgeLag.set(key, lag);
  });

  // Topological order (Kahn, smallest input index first so the numbering is stable).
  const outDeg = new Int32Array(n + 1);
  const inDeg = new Int32Array(n);
  for (const key of edgeLag.keys()) {
    outDeg[Math.floor(key / n)]++;
    inDeg[key % n]++;
  }
  const succStart = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) succStart[i + 1] = succStart[i] + outDeg[i];
  const succ = new Int32Array(edgeLag.size);
  const succLag = new Int32Array(edgeLag.size);
  const fill = succStart.slice(0, n);
  for (const [key, lag] of edgeLag) {
    const from = Math.floor(key / n);
    succ[fill[from]] = key % n;
    succLag[fill[from]++] = lag;
  }
  const toExternal = new Int32Array(n);
  const toInternal = new Int32Array(n).fill(-1);
  const remaining = inDeg.slice();
  const queue: number[] = [];
  for (let i = 0; i < n; i++) if (remaining[i] === 0) queue.push(i);
  let placed = 0;
  for (let head = 0; head < queue.length; head++) {
    const i = queue[head];
    toInternal[i] = placed;
    toExternal[placed++] = i;
    for (let e = succStart[i]; e < succStart[i + 1]; e++) if (--remaining[succ[e]] === 0) queue.push(succ[e]);
  }
  if (placed < n) throw cycleError(tasks, succStart, succ, toInternal);

  // Internal arrays.
  const R = resources.length;
  const duration = new Int32Array(n);
  const demStart = new Int32Array(n + 1);
  for (let j = 0; j < n; j++) {
    const ext = toExternal[j];
    duration[j] = tasks[ext].duration;
    demStart[j + 1] = demStart[j] + demandTriples[ext].length / 2;
  }
  const demRes = new Int32Array(demStart[n]);
  const demAmount = new Float64Array(demStart[n]);
  for (let j = 0; j < n; j++) {
    const list = demandTriples[toExternal[j]];
    for (let q = 0; q < list.length; q += 2) {
      demRes[demStart[j] + q / 2] = list[q];
      demAmount[demStart[j] + q / 2] = list[q + 1];
    }
  }
  const capacity = Float64Array.from(resources, (r) => r.capacity);
  const edges: [number, number, number][] = [];
  let horizon = 0;
  for (let j = 0; j < n; j++) horizon += duration[j];
  const maxLag = new Int32Array(n);
  for (const [key, lag] of edgeLag) {
    const from = toInternal[Math.floor(key / n)];
    edges.push([from, toInternal[key % n], lag]);
    if (lag > maxLag[from]) maxLag[from] = lag;
  }
  for (let j = 0; j < n; j++) horizon += maxLag[j];
  return {
    n,
    resourceCount: R,
    duration,
    capacity,
    demStart,
    demRes,
    demAmount,
    forward: buildGraph(n, edges, false),
    backward: buildGraph(n, edges, true),
    horizon: horizon + 1,
    toExternal,
    toInternal,
  };
}

function buildGraph(n: number, edges: readonly [number, number, number][], reversed: boolean): Graph {
  const predStart = new Int32Array(n + 1);
  for (const [a, b] of edges) predStart[(reversed ? a : b) + 1]++;
  for (let i = 0; i < n; i++) predStart[i + 1] += predStart[i];
  const preds = new Int32Array(edges.length);
  const lags = new Int32Array(edges.length);
  const fill = predStart.slice(0, n);
  for (const [a, b, lag] of edges) {
    const owner = reversed ? a : b;
    preds[fill[owner]] = reversed ? b : a;
    lags[fill[owner]++] = lag;
  }
  return { predStart, preds, lags };
}

/** Finds one cycle among the tasks Kahn's pass could not place and names its tasks in order. */
function cycleError(
  tasks: readonly LevelingTask[],
  succStart: Int32Array,
  succ: Int32Array,
  placed: Int32Array,
): LevelingError {
  const n = tasks.length;
  const state = new Uint8Array(n); // 0 new, 1 on stack, 2 done
  const parent = new Int32Array(n).fill(-1);
  for (let root = 0; root < n; root++) {
    if (placed[root] >= 0 || state[root] !== 0) continue;
    const stack: [number, number][] = [[root, succStart[root]]];
    state[root] = 1;
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      const [v, e] = top;
      if (e === succStart[v + 1]) {
        state[v] = 2;
        stack.pop();
        continue;
      }
      top[1]++;
      const w = succ[e];
      if (placed[w] >= 0 || state[w] === 2) continue;
      if (state[w] === 1) {
        const ids: string[] = [];
        for (let x = v; x !== w; x = parent[x]) ids.push(tasks[x].id);
        ids.push(tasks[w].id);
        ids.reverse();
        return new LevelingError(
          'CYCLE',
          'dependencies',
          `dependencies: cycle ${[...ids, ids[0]].join(' → ')}`,
          ids,
        );
      }
      parent[w] = v;
      state[w] = 1;
      stack.push([w, succStart[w]]);
    }
  }
  return new LevelingError('CYCLE', 'dependencies', 'dependencies: cycle', []);
}
