// Leveling runs through the gateway, with the real planning service: propose, apply, discard.
import type { AssignmentResponse, LoadResponse } from '@baton/contracts';
import { describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { useResourcesPlatform } from './support/resources-platform.js';

describe('resources: leveling runs', () => {
  const p = useResourcesPlatform();
  const { post, get, newPerson } = p;

  it('levels a project: proposes later starts, applies them through planning and moves the assignments', async () => {
    const project = (await post('/projects', { name: 'Leveled', startDate: '2027-01-04' }).expect(201))
      .body as { id: string };
    const task = async (name: string) =>
      (
        (await post(`/projects/${project.id}/tasks`, { name, duration: 5 }).expect(201)).body as {
          task: { id: string; start: string };
        }
      ).task;
    const a = await task('Design');
    const b = await task('Build');
    expect([a.start, b.start]).toEqual(['2027-01-04', '2027-01-04']);
    const ada = await newPerson('Ada Leveled');
    for (const t of [a, b]) {
      const asg = (
        await post('/assignments', {
          personId: ada.id,
          projectId: project.id,
          taskId: t.id,
          units: 100,
          startDate: '2027-01-04',
          endDate: '2027-01-08',
        }).expect(201)
      ).body as AssignmentResponse;
      await post(`/assignments/${asg.id}/decision`, { decision: 'approve' }).expect(200);
    }
    const week = async () =>
      (
        (await get(`/capacity/load?scope=person&id=${ada.id}&from=2027-01-04&periods=2`).expect(200))
          .body as LoadResponse
      ).people[0]!.periods;
    expect((await week())[0]).toMatchObject({ allocatedHours: 80, overAllocated: true });

    const started = await post(`/projects/${project.id}/leveling-runs`, { budgetMs: 200 }).expect(201);
    expect(started.headers.location).toBe(`/api/v1/leveling-runs/${started.body.id}`);
    const run = started.body as {
      id: string;
      changes: Array<Record<string, unknown>>;
      makespanBefore: number;
      makespanAfter: number;
      status: string;
    };
    expect(run).toMatchObject({ status: 'proposed', makespanBefore: 5, makespanAfter: 10, resources: 1 });
    expect(run.changes).toHaveLength(1);
    const moved = run.changes[0]!;
    expect(moved).toMatchObject({
      currentStart: '2027-01-04',
      proposedStart: '2027-01-11',
      proposedFinish: '2027-01-15',
      delayDays: 5,
    });
    await get(`/leveling-runs/${run.id}`, p.other).expect(404);
    await post(`/leveling-runs/${run.id}/apply`, {}, p.other).expect(404);

    await post(`/leveling-runs/${run.id}/apply`, {})
      .set('If-Match', '"1"')
      .expect(200)
      .expect((res) => expect(res.body).toMatchObject({ status: 'applied', decidedBy: 'pmo-lena' }));
    const task2 = (await get(`/tasks/${moved.taskId as string}`).expect(200)).body;
    expect(task2).toMatchObject({
      start: '2027-01-11',
      constraintType: 'SNET',
      constraintDate: '2027-01-11',
    });
    const [w1, w2] = await week();
    expect(w1).toMatchObject({ allocatedHours: 40, overAllocated: false });
    expect(w2).toMatchObject({ allocatedHours: 40, overAllocated: false });
    const again = await post(`/leveling-runs/${run.id}/apply`, {}).expect(409);
    expect(again.body.errors).toEqual([expect.objectContaining({ field: 'status' })]);

    // a second run finds nothing to move; discarding it closes it
    const second = (await post(`/projects/${project.id}/leveling-runs`, { budgetMs: 100 }).expect(201))
      .body as { id: string; changes: unknown[] };
    expect(second.changes).toEqual([]);
    await post(`/leveling-runs/${second.id}/discard`, {})
      .expect(200)
      .expect((res) => expect(res.body.status).toBe('discarded'));

    // start-to-start links between open tasks cannot be leveled: 400 naming the link
    const c = await task('Test');
    const d = await task('Docs');
    const link = (
      await post(`/tasks/${d.id}/dependencies`, { predecessorId: c.id, type: 'SS', lag: 0 }).expect(201)
    ).body as { dependency: { id: string } };
    const refused = await post(`/projects/${project.id}/leveling-runs`, {}).expect(400);
    expect(refused.body.errors).toEqual([
      expect.objectContaining({ field: `dependencies.${link.dependency.id}` }),
    ]);
    await post(`/projects/${randomUUID()}/leveling-runs`, {}).expect(404);
  });
});
