import { PlanningEvents, type ScheduleSummary } from '@baton/contracts';
import {
  Clock,
  ConflictError,
  NotFoundError,
  type RpcContext,
  type Tx,
  UnprocessableError,
} from '@baton/platform';
import { NetworkValidationError, ScheduleCycleError } from '@baton/scheduling';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { ProjectTimelines } from '../calendar/project-timelines.js';
import type { Timeline } from '../calendar/timeline.js';
import {
  buildStructure,
  computeProjectSchedule,
  type ComputeResult,
  type ExternalBound,
  type NetworkStructure,
  type TaskRow,
} from './compute.js';
import { ScheduleRepository, type ProjectScheduleRow } from './schedule.repository.js';

/** Also the field names the engine's validation errors map to. */
const PROGRESS_FIELDS: Record<string, string> = {
  actualStart: 'actualStart',
  actualFinish: 'actualFinish',
  remainingDuration: 'remainingDuration',
  day: 'constraintDate',
  deadline: 'deadline',
  duration: 'duration',
};

/**
 * Reschedules projects inside the caller's transaction: loads the project's tasks and
 * dependencies with lean SQL, runs the CPM engine, writes back only what moved (bulk UPDATE
 * through unnest arrays), records the project's summary and emits planning.schedule.recomputed
 * and milestone events. Projects linked by cross-project dependencies follow, each once.
 */
@Injectable()
export class ScheduleService {
  constructor(
    private readonly repo: ScheduleRepository,
    private readonly timelines: ProjectTimelines,
    private readonly clock: Clock,
  ) {}

  private readonly networks = new NetworkCache();

  /** The project row locked for a schedule change (404 outside the tenant, 409 when archived). */
  async lockProject(tx: Tx, ctx: RpcContext, projectId: string): Promise<ProjectScheduleRow> {
    const p = await this.repo.project(tx.manager, ctx.tenantId, projectId, true);
    if (!p) throw new NotFoundError('project', projectId);
    if (p.archived_at) throw new ConflictError(`project ${projectId} is archived and cannot be changed`);
    return p;
  }

  timeline(m: EntityManager, p: ProjectScheduleRow): Promise<Timeline> {
    return this.timelines.of(m, p);
  }

  /**
   * Reschedules `projectId` (already locked by the caller) and every project downstream of it.
   * `changedTaskIds`: the change touched only these tasks' own fields (no task or dependency
   * added, moved or removed), so a cached copy of the network at the current revision can be
   * patched with those rows instead of reloading all of them.
   */
  async reschedule(
    tx: Tx,
    ctx: RpcContext,
    projectId: string,
    cause: string,
    changedTaskIds?: string[],
  ): Promise<ScheduleSummary> {
    const seen = new Set<string>([projectId]);
    const first = await this.rescheduleOne(tx, ctx, projectId, cause, changedTaskIds);
    const queue = await this.repo.successorProjects(tx.manager, projectId);
    const linked: string[] = [];
    while (queue.length > 0) {
      const next = queue.shift()!;
      if (seen.has(next)) continue;
      seen.add(next);
      linked.push(next);
      await this.rescheduleOne(tx, ctx, next, cause, []); // its own tasks did not change, only what it waits for
      queue.push(...(await this.repo.successorProjects(tx.manager, next)));
    }
    return { ...first, linkedProjectIds: linked };
  }

  private async rescheduleOne(
    tx: Tx,
    ctx: RpcContext,
    projectId: string,
    cause: string,
    changedTaskIds?: string[],
  ): Promise<ScheduleSummary> {
    const m = tx.manager;
    // locked: a project downstream of the change is rescheduled here too, never by two transactions at once
    const p = await this.repo.project(m, ctx.tenantId, projectId, true);
    if (!p) throw new NotFoundError('project', projectId);
    const timeline = await this.timelines.of(m, p);
    const { rows, structure } = await this.networkOf(m, p, changedTaskIds);
    const external = await this.externalBounds(m, p, timeline);

    let result;
    try {
      result = computeProjectSchedule(rows, structure, external, {
        timeline,
        statusDate: p.status_date,
        deadline: p.deadline,
      });
    } catch (err) {
      throw translateEngineError(err, rows, structure);
    }
    const { computed, changed, rollUps, milestoneStates } = result;
    await this.repo.writeComputed(
      m,
      projectId,
      changed.map((i) => rows[i]!.id),
      computed,
    );
    const rolled = [...rollUps.entries()];
    await this.repo.writeRollUps(
      m,
      projectId,
      rolled.map(([i]) => rows[i]!.id),
      rolled.map(([, r]) => r),
    );
    const states = [...milestoneStates.entries()];
    await this.repo.writeMilestoneStates(
      m,
      projectId,
      states.map(([i]) => rows[i]!.id),
      states.map(([, s]) => s),
    );
    const at = this.clock.now();
    const taskCount = rows.length;
    const rev = randomUUID();
    await this.repo.writeProjectSummary(m, projectId, { ...result, taskCount, at, rev });
    this.networks.put(projectId, rev, afterWrite(rows, result), structure);

    const summary = this.summary(p, timeline, { ...result, taskCount, changedTaskCount: changed.length, at });
    tx.emit(PlanningEvents.scheduleRecomputed, {
      tenantId: ctx.tenantId,
      actor: ctx.actor,
      aggregateId: projectId,
      version: 1,
      data: { ...summary, cause },
    });
    for (const ms of result.milestones) {
      tx.emit(ms.state === 'achieved' ? PlanningEvents.milestoneAchieved : PlanningEvents.milestoneMissed, {
        tenantId: ctx.tenantId,
        actor: ctx.actor,
        aggregateId: ms.row.id,
        version: 1,
        data: {
          taskId: ms.row.id,
          projectId,
          name: ms.row.name,
          wbsCode: ms.row.wbs,
          date: ms.row.actual_finish ?? (Number.isNaN(ms.date) ? null : timeline.dateAt(ms.date)),
          deadline: ms.row.deadline,
          reason: ms.reason,
        },
      });
    }
    return summary;
  }

  /** the project's tasks and dependencies: from the cache when it is at the project's revision, else from the database */
  private async networkOf(m: EntityManager, p: ProjectScheduleRow, changedTaskIds?: string[]) {
    const cached = changedTaskIds && p.schedule_rev ? this.networks.get(p.id, p.schedule_rev) : undefined;
    if (cached) {
      const rows = cached.rows.slice();
      const fresh = changedTaskIds!.length ? await this.repo.tasks(m, p.id, changedTaskIds) : [];
      if (fresh.length === changedTaskIds!.length && fresh.every((r) => cached.index.has(r.id))) {
        for (const r of fresh) rows[cached.index.get(r.id)!] = r;
        return { rows, structure: cached.structure };
      }
    }
    const rows = await this.repo.tasks(m, p.id);
    return { rows, structure: buildStructure(rows, await this.repo.internalDependencies(m, p.id)) };
  }

  /** predecessors in other projects: their dates on their own calendar, mapped onto this project's working days */
  private async externalBounds(
    m: EntityManager,
    p: ProjectScheduleRow,
    timeline: Timeline,
  ): Promise<ExternalBound[]> {
    const rows = await this.repo.externalPredecessors(m, p.id);
    const out: ExternalBound[] = [];
    const others = new Map<string, Timeline>();
    for (const r of rows) {
      if (r.early_start === null || r.early_finish === null) continue;
      let other = others.get(r.predecessor_project_id);
      if (!other) {
        const op = await this.repo.project(m, p.tenant_id, r.predecessor_project_id);
        if (!op) continue;
        other = await this.timelines.of(m, op);
        others.set(r.predecessor_project_id, other);
      }
      out.push({
        successor_id: r.successor_id,
        type: r.type,
        lag: r.lag,
        start: timeline.startOffset(other.dateAt(r.early_start)),
        finish: timeline.startOffset(other.dateAt(r.early_finish)),
      });
    }
    return out;
  }

  summary(
    p: ProjectScheduleRow,
    t: Timeline,
    s: {
      finishOffset: number | null;
      taskCount: number;
      criticalCount: number;
      lateCount: number;
      changedTaskCount: number;
      at: Date | null;
    },
  ): ScheduleSummary {
    const finishDate = s.finishOffset === null ? null : t.dateAt(s.finishOffset);
    const pastDeadline = p.deadline !== null && finishDate !== null && finishDate > p.deadline;
    return {
      projectId: p.id,
      startDate: p.start_date,
      finishDate,
      deadline: p.deadline,
      statusDate: p.status_date,
      taskCount: s.taskCount,
      criticalTaskCount: s.criticalCount,
      changedTaskCount: s.changedTaskCount,
      lateTaskCount: s.lateCount,
      late: pastDeadline || s.lateCount > 0,
      linkedProjectIds: [],
      computedAt: (s.at ?? new Date(0)).toISOString(),
    };
  }

  /** the stored summary of a project (no recomputation) */
  async storedSummary(m: EntityManager, p: ProjectScheduleRow): Promise<ScheduleSummary> {
    const t = await this.timelines.of(m, p);
    return this.summary(p, t, {
      finishOffset: p.finish_offset,
      taskCount: p.task_count,
      criticalCount: p.critical_count,
      lateCount: p.late_count,
      changedTaskCount: 0,
      at: p.scheduled_at,
    });
  }
}

/** A cycle is a 409 naming its tasks (WBS code and name); bad progress or dates a 422 naming the field. */
export function translateEngineError(err: unknown, rows: TaskRow[], st: NetworkStructure): unknown {
  if (err instanceof ScheduleCycleError) {
    const byId = new Map(rows.map((r) => [r.id, r]));
    const named = err.taskIds.map((id) => {
      const r = byId.get(id);
      return r ? { id, wbsCode: r.wbs, name: r.name } : { id, wbsCode: '?', name: id };
    });
    const text = [...named, named[0]!].map((t) => `${t.wbsCode} ${t.name}`).join(' → ');
    return new ConflictError(`the dependency would create a cycle: ${text}`, {
      cycle: named,
      errors: [{ field: 'predecessorId', message: `cycle: ${text}` }],
    });
  }
  if (err instanceof NetworkValidationError) {
    const m = /^tasks\[(\d+)\]/.exec(err.field);
    const leaf = err.field.split('.').pop() ?? err.field;
    const field = PROGRESS_FIELDS[leaf] ?? leaf;
    const row = m ? st.leafRows[Number(m[1])] : undefined;
    const task = row === undefined ? undefined : rows[row];
    return new UnprocessableError([
      { field, message: task ? `task ${task.wbs} ${task.name}: ${field} ${err.reason}` : err.message },
    ]);
  }
  return err;
}

/**
 * The last network each project was scheduled with, by revision. A hit needs the project row's
 * `schedule_rev` (a fresh random value per reschedule, written in the same transaction) to match,
 * so a change committed by another replica, or a rolled-back one, never reads stale rows.
 */
class NetworkCache {
  private readonly entries = new Map<
    string,
    { rev: string; rows: TaskRow[]; index: Map<string, number>; structure: NetworkStructure }
  >();

  constructor(private readonly capacity = 16) {}

  get(projectId: string, rev: string) {
    const e = this.entries.get(projectId);
    return e && e.rev === rev ? e : undefined;
  }

  put(projectId: string, rev: string, rows: TaskRow[], structure: NetworkStructure): void {
    this.entries.delete(projectId);
    if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(projectId, { rev, rows, index: new Map(rows.map((r, i) => [r.id, i])), structure });
  }
}

/** the rows as the database holds them after this reschedule's writes */
function afterWrite(rows: TaskRow[], r: ComputeResult): TaskRow[] {
  const out = rows.slice();
  for (let j = 0; j < r.changed.length; j++) {
    const i = r.changed[j]!;
    const c = r.computed[j]!;
    out[i] = {
      ...out[i]!,
      early_start: c.es,
      early_finish: c.ef,
      late_start: c.ls,
      late_finish: c.lf,
      total_float: c.tf,
      free_float: c.ff,
      critical: c.critical,
      late: c.late,
    };
  }
  for (const [i, u] of r.rollUps) {
    out[i] = {
      ...out[i]!,
      duration: u.duration,
      effort: u.effort,
      percent_complete: u.percent,
      actual_start: u.actualStart,
      actual_finish: u.actualFinish,
    };
  }
  for (const [i, state] of r.milestoneStates) out[i] = { ...out[i]!, milestone_state: state };
  return out;
}
