// Load across projects through the gateway, with the real planning service: approved assignments
// become load per person and period, public holidays and leave count, and staffing ranks people.
import type { AssignmentResponse, LoadResponse } from '@baton/contracts';
import { describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { useResourcesPlatform } from './support/resources-platform.js';

describe('resources: load, holidays and staffing', () => {
  const p = useResourcesPlatform();
  const { post, get, newProject, newPerson } = p;

  it('detects over-allocation across projects and names the assignments that cause it', async () => {
    const department = `Data ${randomUUID().slice(0, 6)}`;
    const erp = await newProject('ERP');
    const crm = await newProject('CRM');
    const ada = await newPerson('Ada', { department });
    await newPerson('Bo', { department, hoursPerDay: 4 });

    const window = { startDate: '2027-01-04', endDate: '2027-01-15' };
    const a1 = (
      await post('/assignments', { personId: ada.id, projectId: erp.id, units: 60, ...window }).expect(201)
    ).body as AssignmentResponse;
    const a2 = (
      await post('/assignments', { personId: ada.id, projectId: crm.id, units: 60, ...window }).expect(201)
    ).body as AssignmentResponse;
    expect(a1).toMatchObject({ status: 'requested', requestedBy: 'pmo-lena' });

    // requested assignments are not load yet
    const before = (
      await get(
        `/capacity/load?scope=department&department=${encodeURIComponent(department)}&from=2027-01-04&periods=2`,
      ).expect(200)
    ).body as LoadResponse;
    expect(before.people.find((p) => p.personId === ada.id)!.periods[0]).toMatchObject({
      availableHours: 40,
      allocatedHours: 0,
      overAllocated: false,
    });

    for (const a of [a1, a2]) {
      await post(`/assignments/${a.id}/decision`, { decision: 'approve' })
        .set('If-Match', `"${a.version}"`)
        .expect(200);
    }
    await post(`/people/${ada.id}/leave`, {
      startDate: '2027-01-11',
      endDate: '2027-01-12',
      kind: 'vacation',
    }).expect(201);

    const load = (
      await get(
        `/capacity/load?scope=department&department=${encodeURIComponent(department)}&from=2027-01-04&periods=2`,
      ).expect(200)
    ).body as LoadResponse;
    expect(load.people.map((p) => p.name)).toEqual(['Ada', 'Bo']);
    const [week1, week2] = load.people[0]!.periods;
    // 2 × 60% of 8 h × 5 days = 48 h against 40 h
    expect(week1).toMatchObject({
      start: '2027-01-04',
      end: '2027-01-10',
      availableHours: 40,
      allocatedHours: 48,
      overAllocated: true,
      utilisation: 1.2,
    });
    expect(week1!.causes.map((c) => c.assignmentId).sort()).toEqual([a1.id, a2.id].sort());
    expect(week1!.causes.map((c) => c.projectId).sort()).toEqual([erp.id, crm.id].sort());
    // two days of leave: 24 h available, still 48 h allocated
    expect(week2).toMatchObject({ availableHours: 24, allocatedHours: 48, overAllocated: true });
    expect(load.people[1]!.periods[0]).toMatchObject({
      availableHours: 20,
      allocatedHours: 0,
      overAllocated: false,
      causes: [],
    });
    expect(load.totals[0]).toMatchObject({ availableHours: 60, allocatedHours: 48, overAllocatedPeople: 1 });

    // the other tenant sees none of it
    const theirs = (
      await get(
        `/capacity/load?scope=department&department=${encodeURIComponent(department)}&from=2027-01-04&periods=2`,
        p.other,
      ).expect(200)
    ).body as LoadResponse;
    expect(theirs.people).toEqual([]);
    await get(`/capacity/load?scope=person&id=${ada.id}&from=2027-01-04`, p.other).expect(404);
  });

  it('takes public holidays of the person’s location off both availability and allocation', async () => {
    const loc = `DE-BY-${randomUUID().slice(0, 4)}`;
    const put = (year: string, holidays: object[], token = p.admin) =>
      p.put(`/holidays/${loc}/${year}`, { holidays }, token);
    await put('2027', [
      { date: '2027-01-06', name: 'Epiphany' },
      { date: '2027-01-01', name: 'New Year' },
    ]).expect(200);
    const list = await get(`/holidays/${loc}/2027`).expect(200);
    expect(list.body.holidays.map((h: { date: string }) => h.date)).toEqual(['2027-01-01', '2027-01-06']);
    const wrongYear = await put('2027', [{ date: '2028-01-06', name: 'x' }]).expect(400);
    expect(wrongYear.body.errors).toEqual([expect.objectContaining({ field: 'holidays.0.date' })]);
    await put('1999', []).expect(400);
    expect((await get(`/holidays/${loc}/2027`, p.other).expect(200)).body.holidays).toEqual([]);

    const project = await newProject('Rollout');
    const bavarian = await newPerson('Bavarian', { location: loc });
    const parisian = await newPerson('Parisian', { location: 'FR' });
    for (const p of [bavarian, parisian]) {
      const a = (
        await post('/assignments', {
          personId: p.id,
          projectId: project.id,
          units: 100,
          startDate: '2027-01-04',
          endDate: '2027-01-08',
        }).expect(201)
      ).body as AssignmentResponse;
      await post(`/assignments/${a.id}/decision`, { decision: 'approve' }).expect(200);
    }
    const weekOf = async (id: string) =>
      (
        (await get(`/capacity/load?scope=person&id=${id}&from=2027-01-04&periods=1`).expect(200))
          .body as LoadResponse
      ).people[0]!.periods[0];
    expect(await weekOf(bavarian.id)).toMatchObject({
      availableHours: 32,
      allocatedHours: 32,
      overAllocated: false,
    });
    expect(await weekOf(parisian.id)).toMatchObject({
      availableHours: 40,
      allocatedHours: 40,
      overAllocated: false,
    });

    // the same person by day and by month
    const days = (
      await get(
        `/capacity/load?scope=person&id=${bavarian.id}&granularity=day&from=2027-01-05&periods=3`,
      ).expect(200)
    ).body as LoadResponse;
    expect(days.people[0]!.periods.map((p) => [p.start, p.availableHours, p.allocatedHours])).toEqual([
      ['2027-01-05', 8, 8],
      ['2027-01-06', 0, 0],
      ['2027-01-07', 8, 8],
    ]);
    const months = (
      await get(
        `/capacity/load?scope=person&id=${bavarian.id}&granularity=month&from=2027-01-01&periods=2`,
      ).expect(200)
    ).body as LoadResponse;
    expect(months).toMatchObject({ granularity: 'month', from: '2027-01-01', to: '2027-02-28' });
    // January 2027: 21 weekdays, two of them holidays in this location → 19 days × 8 h; the assignment: 4 working days
    expect(months.people[0]!.periods[0]).toMatchObject({
      start: '2027-01-01',
      end: '2027-01-31',
      availableHours: 152,
      allocatedHours: 32,
    });
    const notFirst = await get(
      `/capacity/load?scope=person&id=${bavarian.id}&granularity=month&from=2027-01-04`,
    ).expect(400);
    expect(notFirst.body.errors).toEqual([expect.objectContaining({ field: 'from' })]);
    const tooMany = await get(
      `/capacity/load?scope=person&id=${bavarian.id}&granularity=month&from=2027-01-01&periods=30`,
    ).expect(400);
    expect(tooMany.body.errors).toEqual([expect.objectContaining({ field: 'periods' })]);
  });

  it('ranks staffing candidates by skill, free hours and cost', async () => {
    const tag = randomUUID().slice(0, 6);
    const java = (await post('/skills', { name: `Java ${tag}` }).expect(201)).body as { id: string };
    const sql = (await post('/skills', { name: `SQL ${tag}` }).expect(201)).body as { id: string };
    const project = await newProject('Core banking');
    const expert = await newPerson('Expert busy', {
      hourlyCost: 120,
      skills: [
        { skillId: java.id, level: 5 },
        { skillId: sql.id, level: 4 },
      ],
    });
    const solid = await newPerson('Solid free', {
      hourlyCost: 80,
      skills: [
        { skillId: java.id, level: 4 },
        { skillId: sql.id, level: 3 },
      ],
    });
    const junior = await newPerson('Junior cheap', {
      hourlyCost: 40,
      skills: [{ skillId: java.id, level: 2 }],
    });
    await newPerson('No skills');
    const busy = (
      await post('/assignments', {
        personId: expert.id,
        projectId: project.id,
        units: 100,
        startDate: '2027-09-06',
        endDate: '2027-09-17',
      }).expect(201)
    ).body as AssignmentResponse;
    await post(`/assignments/${busy.id}/decision`, { decision: 'approve' }).expect(200);

    const res = await post('/staffing/search', {
      requiredSkills: [
        { skillId: java.id, minLevel: 4 },
        { skillId: sql.id, minLevel: 3 },
      ],
      startDate: '2027-09-06',
      endDate: '2027-09-17',
      units: 50,
    }).expect(200);
    const names = res.body.candidates.map((c: { name: string }) => c.name);
    expect(names).toEqual(['Solid free', 'Junior cheap', 'Expert busy']);
    const [first, second, third] = res.body.candidates;
    expect(first).toMatchObject({
      personId: solid.id,
      fullyQualified: true,
      skillScore: 1,
      freeHours: 80,
      neededHours: 40,
      availabilityScore: 1,
    });
    expect(second).toMatchObject({
      personId: junior.id,
      fullyQualified: false,
      skillScore: 0.25,
      costScore: 1,
    });
    expect(third).toMatchObject({
      personId: expert.id,
      fullyQualified: true,
      freeHours: 0,
      availabilityScore: 0,
      costScore: 0,
    });

    const unknown = await post('/staffing/search', {
      requiredSkills: [{ skillId: randomUUID() }],
      startDate: '2027-09-06',
      endDate: '2027-09-17',
    }).expect(400);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ field: 'requiredSkills.0.skillId' })]);
    const theirs = await post(
      '/staffing/search',
      { requiredSkills: [{ skillId: java.id }], startDate: '2027-09-06', endDate: '2027-09-17' },
      p.other,
    ).expect(400);
    expect(theirs.body.errors).toEqual([expect.objectContaining({ field: 'requiredSkills.0.skillId' })]);
  });
});
