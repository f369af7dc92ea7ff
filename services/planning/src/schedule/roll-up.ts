import type { MilestoneTransition, NetworkStructure, RollUp, TaskRow } from './compute.js';

/** the computed values of every row (NaN: none), summaries filled in by the roll-up */
export interface Arrays {
  es: Float64Array;
  ef: Float64Array;
  ls: Float64Array;
  lf: Float64Array;
  tf: Float64Array;
  ff: Float64Array;
  critical: Uint8Array;
  late: Uint8Array;
}

/** Summaries, deepest first: dates span their children, floats are the least, progress is duration-weighted. */
export function rollUpSummaries(rows: TaskRow[], st: NetworkStructure, a: Arrays): Map<number, RollUp> {
  const rolled = new Map<number, RollUp>();
  const out = new Map<number, RollUp>();
  const min = (x: number, y: number) => (Number.isNaN(x) ? y : Number.isNaN(y) ? x : Math.min(x, y));
  const max = (x: number, y: number) => (Number.isNaN(x) ? y : Number.isNaN(y) ? x : Math.max(x, y));
  for (const { row: si, children } of st.summaries) {
    let effort: number | null = null;
    let weighted = 0;
    let weight = 0;
    let plain = 0;
    let actualStart: string | null = null;
    let allFinished = true;
    let actualFinish: string | null = null;
    for (const k of children) {
      a.es[si] = min(a.es[si]!, a.es[k]!);
      a.ef[si] = max(a.ef[si]!, a.ef[k]!);
      a.ls[si] = min(a.ls[si]!, a.ls[k]!);
      a.lf[si] = max(a.lf[si]!, a.lf[k]!);
      a.tf[si] = min(a.tf[si]!, a.tf[k]!);
      a.ff[si] = min(a.ff[si]!, a.ff[k]!);
      a.critical[si] ||= a.critical[k]!;
      a.late[si] ||= a.late[k]!;
      const kr = rows[k]!;
      const ru = rolled.get(k);
      const e = ru ? ru.effort : kr.effort;
      if (e !== null) effort = (effort ?? 0) + Number(e);
      const d = ru ? ru.duration : kr.duration;
      const p = ru ? ru.percent : kr.percent_complete;
      weighted += p * d;
      weight += d;
      plain += p;
      const as = ru ? ru.actualStart : kr.actual_start;
      if (as && (!actualStart || as < actualStart)) actualStart = as;
      const af = ru ? ru.actualFinish : kr.actual_finish;
      if (!af) allFinished = false;
      else if (!actualFinish || af > actualFinish) actualFinish = af;
    }
    const r: RollUp = {
      duration: Number.isNaN(a.es[si]!) || Number.isNaN(a.ef[si]!) ? 0 : a.ef[si]! - a.es[si]!,
      effort: effort === null ? null : effort.toFixed(2),
      percent: Math.round(weight > 0 ? weighted / weight : plain / children.length),
      actualStart,
      actualFinish: allFinished ? actualFinish : null,
    };
    rolled.set(si, r);
    const row = rows[si]!;
    if (
      row.duration !== r.duration ||
      (row.effort === null ? null : Number(row.effort).toFixed(2)) !== r.effort ||
      row.percent_complete !== r.percent ||
      row.actual_start !== r.actualStart ||
      row.actual_finish !== r.actualFinish
    ) {
      out.set(si, r);
    }
  }
  return out;
}

/** A milestone is achieved when finished; missed when it finishes after its deadline, or the status date passes the day it was scheduled for while unfinished. */
export function milestoneTransitions(
  rows: TaskRow[],
  st: NetworkStructure,
  a: Arrays,
  statusDay: number,
  hasStatus: boolean,
) {
  const transitions: MilestoneTransition[] = [];
  const states = new Map<number, string | null>();
  for (const i of st.leafRows) {
    const r = rows[i]!;
    if (r.kind !== 'milestone') continue;
    let state: 'achieved' | 'missed' | null = null;
    let reason: MilestoneTransition['reason'] = 'achieved';
    if (r.actual_finish || r.percent_complete === 100) state = 'achieved';
    else if (a.late[i] && r.deadline) [state, reason] = ['missed', 'deadline-missed'];
    else if (r.milestone_state === 'missed')
      state = 'missed'; // stays missed until achieved
    // the status date moved past the day it was scheduled for (before this recomputation) while unfinished
    else if (hasStatus && r.early_start !== null && r.early_start < statusDay)
      [state, reason] = ['missed', 'status-date-passed'];
    if (state !== r.milestone_state) {
      states.set(i, state);
      if (state) transitions.push({ row: r, rowIndex: i, state, reason, date: a.es[i]! });
    }
  }
  return { transitions, states };
}
