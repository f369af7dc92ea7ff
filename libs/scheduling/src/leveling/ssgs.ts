/**
 * The serial schedule generation scheme (SSGS) over a time-indexed resource profile, and
 * forward–backward improvement (double justification). This is the inner loop of leveling: every
 * candidate schedule the search looks at goes through {@link SerialScheduler.run}.
 */
import type { CompiledProblem, Graph } from './problem.js';

/** Two demands that differ by less than this are treated as equal (capacities may be fractional). */
const EPS = 1e-9;

/**
 * Holds the scratch memory of one problem: the remaining capacity per (day, resource) as one
 * Float64Array laid out resource-major (`avail[r * H + day]`), reset by refilling the touched
 * prefix of each row, and the buffers the justification passes need. Not re-entrant.
 */
export class SerialScheduler {
  /** Number of serial-scheme passes run so far (each forward or backward pass counts one). */
  schedules = 0;
  /** Remaining capacity, resource-major: `avail[r * H + day]`. */
  private readonly avail: Float64Array;
  private readonly H: number;
  /** Per demand entry: the row offset of its resource, and its amount less a rounding tolerance. */
  private readonly demBase: Int32Array;
  private readonly demNeed: Float64Array;
  private readonly demAmount: Float64Array;
  private used = 0;
  private readonly back: Int32Array;
  private readonly order: Int32Array;
  private readonly counts: Int32Array;
  private readonly repairSeen: Uint8Array;
  private readonly repairRem: Int32Array;
  private readonly repairStack: Int32Array;
  /** True when some dependency has a negative lag: a successor may start before its predecessor. */
  readonly hasLeads: boolean;

  constructor(readonly p: CompiledProblem) {
    const R = p.resourceCount;
    this.H = p.horizon + 1;
    this.avail = new Float64Array(this.H * R);
    for (let r = 0; r < R; r++) this.avail.fill(p.capacity[r], r * this.H, (r + 1) * this.H);
    this.demBase = Int32Array.from(p.demRes, (r) => r * this.H);
    this.demNeed = Float64Array.from(p.demAmount, (a) => a - EPS);
    this.demAmount = p.demAmount;
    this.back = new Int32Array(p.n);
    this.order = new Int32Array(p.n);
    this.counts = new Int32Array(p.horizon + 2);
    this.repairSeen = new Uint8Array(p.n);
    this.repairRem = new Int32Array(p.n);
    this.repairStack = new Int32Array(p.n);
    this.hasLeads = p.forward.lags.some((lag) => lag < 0);
  }

  /**
   * Serial SGS: takes the tasks in `order` (each after everything it waits for in graph `g`) and
   * starts each at the earliest day where its predecessors are done and every resource it uses has
   * room for its whole duration. Writes the starts into `out` and returns the makespan.
   */
  run(order: Int32Array, g: Graph, out: Int32Array): number {
    const { n, duration, demStart } = this.p;
    const { predStart, preds, lags } = g;
    const { avail, demBase, demNeed, demAmount, H } = this;
    if (this.used > 0) {
      for (let r = 0; r < this.p.resourceCount; r++) avail.fill(this.p.capacity[r], r * H, r * H + this.used);
    }
    this.schedules++;
    let makespan = 0;
    for (let k = 0; k < n; k++) {
      const j = order[k];
      let t = 0;
      for (let e = predStart[j], e1 = predStart[j + 1]; e < e1; e++) {
        const i = preds[e];
        const f = out[i] + duration[i] + lags[e];
        if (f > t) t = f;
      }
      const d = duration[j];
      const q0 = demStart[j];
      const q1 = demStart[j + 1];
      if (d > 0 && q1 > q0) {
        // Find the latest day in the window [t, t+d) where some resource lacks room, scanning each
        // resource's row from the window's end; restart just after it, remembering that the days
        // already checked beyond it fit. One resource-major row per resource keeps scans contiguous.
        let okUntil = t;
        for (;;) {
          const end = t + d;
          let conflict = okUntil - 1;
          for (let q = q0; q < q1; q++) {
            const base = demBase[q];
            const need = demNeed[q];
            let tau = end - 1;
            while (tau > conflict && avail[base + tau] >= need) tau--;
            if (tau > conflict) conflict = tau;
          }
          if (conflict < okUntil) break;
          okUntil = end;
          t = conflict + 1;
        }
        const end = t + d;
        for (let q = q0; q < q1; q++) {
          const base = demBase[q];
          const amount = demAmount[q];
          for (let tau = t; tau < end; tau++) avail[base + tau] -= amount;
        }
      }
      out[j] = t;
      if (t + d > makespan) makespan = t + d;
    }
    this.used = makespan;
    return makespan;
  }

  /**
   * Forward–backward improvement: schedules `list` forward into `starts`, then repeatedly
   * right-justifies (backward pass in decreasing finish order) and left-justifies again (forward
   * pass in increasing start order) while the makespan shrinks. Leaves in `list` the order of the
   * final forward schedule (so the caller can keep it) and returns its makespan.
   */
  improve(list: Int32Array, starts: Int32Array, maxRounds = 4): number {
    const { forward, backward } = this.p;
    const back = this.back;
    let makespan = this.run(list, forward, starts);
    for (let round = 0; round < maxRounds; round++) {
      // Backward: in mirrored time a task's start is makespan − finish; ties in reverse index.
      this.sortByTime(starts, makespan, true, this.order);
      if (this.hasLeads) this.repair(this.order, backward, forward);
      const mBack = this.run(this.order, backward, back);
      this.sortByTime(back, mBack, false, list);
      if (this.hasLeads) this.repair(list, forward, backward);
      const next = this.run(list, forward, starts);
      if (next >= makespan) {
        makespan = next;
        break;
      }
      makespan = next;
    }
    return makespan;
  }

  /**
   * Orders tasks by mirrored start `m − s[j] − d[j]` (counting sort, O(n + m)); ties by index,
   * ascending or (`reverse`) descending, which keeps the order topological when lags are ≥ 0.
   */
  private sortByTime(s: Int32Array, m: number, reverse: boolean, out: Int32Array): void {
    const { n, duration } = this.p;
    const counts = this.counts;
    counts.fill(0, 0, m + 2);
    for (let j = 0; j < n; j++) counts[m - s[j] - duration[j] + 1]++;
    for (let t = 1; t <= m + 1; t++) counts[t] += counts[t - 1];
    if (reverse) {
      for (let j = n - 1; j >= 0; j--) out[counts[m - s[j] - duration[j]]++] = j;
    } else {
      for (let j = 0; j < n; j++) out[counts[m - s[j] - duration[j]]++] = j;
    }
  }

  /**
   * With negative lags (leads) a later task may start before its predecessor; this makes `order`
   * topological for `g` again, moving each task right after the last thing it waits for (O(n + m)).
   * `rev` is the opposite direction (its predecessor lists are g's successor lists).
   */
  private repair(order: Int32Array, g: Graph, rev: Graph): void {
    const { n } = this.p;
    const seen = this.repairSeen;
    const rem = this.repairRem;
    const stack = this.repairStack;
    const input = Int32Array.from(order);
    seen.fill(0);
    for (let j = 0; j < n; j++) rem[j] = g.predStart[j + 1] - g.predStart[j];
    let placed = 0;
    for (let k = 0; k < n; k++) {
      const first = input[k];
      seen[first] = 1;
      if (rem[first] !== 0) continue;
      let top = 0;
      stack[top++] = first;
      while (top > 0) {
        const j = stack[--top];
        order[placed++] = j;
        for (let e = rev.predStart[j]; e < rev.predStart[j + 1]; e++) {
          const s = rev.preds[e];
          if (--rem[s] === 0 && seen[s] === 1) stack[top++] = s;
        }
      }
    }
  }
}
