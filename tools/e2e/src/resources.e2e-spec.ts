// Resources through the gateway with the real planning service: assignments are checked against
// planning's projects over NATS, approved ones become load, and timesheets lock once approved.
import {
  DemoTenants,
  type AssignmentResponse,
  type LoadResponse,
  type PersonResponse,
} from '@baton/contracts';
import { loadConfig } from '@baton/platform';
import { createTestEnvironment, startService, type TestEnvironment } from '@baton/testing';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { startGateway, type TestGateway } from '../../../services/gateway/src/test/support.js';
import { AppModule as PlanningModule } from '../../../services/planning/src/app.module.js';
import { PlanningConfig } from '../../../services/planning/src/config/env.js';
import { AppModule as ResourcesModule } from '../../../services/resources/src/app.module.js';
import { ResourcesConfig } from '../../../services/resources/src/config/env.js';

const PROBLEM_JSON = /^application\/problem\+json/;

describe('resources through the gateway, with planning', () => {
  let env: TestEnvironment;
  let planning: INestApplicationContext;
  let resources: INestApplicationContext;
  let gw: TestGateway;
  let admin: string;
  let other: string;

  beforeAll(async () => {
    env = await createTestEnvironment();
    planning = await startService(PlanningModule.register(loadConfig(PlanningConfig, env.env())));
    resources = await startService(ResourcesModule.register(loadConfig(ResourcesConfig, env.env())));
    gw = await startGateway(env);
    admin = await gw.token({ sub: 'pmo-lena' });
    other = await gw.token({ tenantId: DemoTenants.other.id });
  });

  afterAll(async () => {
    await gw?.close();
    await resources?.close();
    await planning?.close();
    await env?.dispose();
  });

  const post = (path: string, body: object, token = admin) =>
    request(gw.server).post(`/api/v1${path}`).set('Authorization', `Bearer ${token}`).send(body);
  const get = (path: string, token = admin) =>
    request(gw.server).get(`/api/v1${path}`).set('Authorization', `Bearer ${token}`);
  const newProject = async (name: string) =>
    (await post('/projects', { name }).expect(201)).body as { id: string };
  const newPerson = async (name: string, extra: object = {}) =>
    (await post('/people', { name, email: `${randomUUID().slice(0, 8)}@example.com`, ...extra }).expect(201))
      .body as PersonResponse;

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
        other,
      ).expect(200)
    ).body as LoadResponse;
    expect(theirs.people).toEqual([]);
    await get(`/capacity/load?scope=person&id=${ada.id}&from=2027-01-04`, other).expect(404);
  });

  it('runs the approval workflow: counter-proposal, acceptance, illegal transitions as 409', async () => {
    const project = await newProject('Data lake');
    const cy = await newPerson('Cy');
    const req = (
      await post('/assignments', {
        personId: cy.id,
        projectId: project.id,
        units: 80,
        startDate: '2027-02-01',
        endDate: '2027-03-31',
      }).expect(201)
    ).body as AssignmentResponse;
    const countered = (
      await post(`/assignments/${req.id}/decision`, {
        decision: 'counter-propose',
        units: 50,
        comment: 'half of her time',
      }).expect(200)
    ).body as AssignmentResponse;
    expect(countered).toMatchObject({
      status: 'counter-proposed',
      proposedUnits: 50,
      units: 80,
      decidedBy: 'pmo-lena',
      decisionComment: 'half of her time',
    });
    const accepted = (await post(`/assignments/${req.id}/response`, { response: 'accept' }).expect(200))
      .body as AssignmentResponse;
    expect(accepted).toMatchObject({ status: 'approved', units: 50 });

    const again = await post(`/assignments/${req.id}/decision`, { decision: 'approve' }).expect(409);
    expect(again.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(again.body).toMatchObject({ code: 'CONFLICT', errors: [{ field: 'decision' }] });
    await post(`/assignments/${req.id}/decision`, { decision: 'reject' }).set('If-Match', '"1"').expect(412);
  });

  it('refuses bad assignments with problem+json naming the field', async () => {
    const project = await newProject('Mobile');
    const dee = await newPerson('Dee');
    const base = { personId: dee.id, projectId: project.id, startDate: '2027-05-03', endDate: '2027-05-28' };

    const over = await post('/assignments', { ...base, units: 150 }).expect(400);
    expect(over.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(over.body.errors).toEqual([expect.objectContaining({ field: 'units' })]);
    await post('/assignments', { ...base, units: 150, allowOverallocation: true }).expect(201);

    const unknownProject = await post('/assignments', { ...base, projectId: randomUUID(), units: 20 }).expect(
      400,
    );
    expect(unknownProject.body.errors).toEqual([expect.objectContaining({ field: 'projectId' })]);
    const backwards = await post('/assignments', { ...base, startDate: '2027-06-01', units: 20 }).expect(400);
    expect(backwards.body.errors).toEqual([expect.objectContaining({ field: 'endDate' })]);

    // another tenant can neither use this tenant's person nor its project
    const theirProject = (await post('/projects', { name: 'theirs' }, other).expect(201)).body as {
      id: string;
    };
    const foreignPerson = await post(
      '/assignments',
      { ...base, projectId: theirProject.id, units: 20 },
      other,
    ).expect(400);
    expect(foreignPerson.body.errors).toEqual([expect.objectContaining({ field: 'personId' })]);
    const theirPerson = (
      await post('/people', { name: 'Their Dee', email: 'dee@other.example' }, other).expect(201)
    ).body as PersonResponse;
    const foreignProject = await post(
      '/assignments',
      { ...base, personId: theirPerson.id, units: 20 },
      other,
    ).expect(400);
    expect(foreignProject.body.errors).toEqual([expect.objectContaining({ field: 'projectId' })]);
    await get(`/assignments?personId=${dee.id}`, other)
      .expect(200)
      .expect((res) => expect(res.body.items).toEqual([]));
  });

  it('locks an approved timesheet week: editing it is a 409', async () => {
    const project = await newProject('Support');
    const eve = await newPerson('Eve');
    const sheet = `/people/${eve.id}/timesheets/2027-03-01`;
    const put = (entries: object[]) =>
      request(gw.server).put(`/api/v1${sheet}`).set('Authorization', `Bearer ${admin}`).send({ entries });

    const draft = await put([{ projectId: project.id, date: '2027-03-03', hours: 6 }]).expect(200);
    expect(draft.headers.etag).toBe('"1"');
    await post(`${sheet}/submit`, {}).expect(200);
    const approved = await post(`${sheet}/approve`, { comment: 'ok' }).expect(200);
    expect(approved.body).toMatchObject({ status: 'approved', totalHours: 6, decidedBy: 'pmo-lena' });

    const locked = await put([{ projectId: project.id, date: '2027-03-03', hours: 8 }]).expect(409);
    expect(locked.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(locked.body).toMatchObject({ code: 'CONFLICT', errors: [{ field: 'entries' }] });
    await post(`${sheet}/reopen`, {}).expect(409);
    await get(sheet)
      .expect(200)
      .expect((res) => expect(res.body.entries).toEqual([expect.objectContaining({ hours: 6 })]));
    await get(sheet, other).expect(404);
    await request(gw.server)
      .get(`/api/v1/people/${eve.id}/timesheets/2027-03-02`)
      .set('Authorization', `Bearer ${admin}`)
      .expect(400);
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
      other,
    ).expect(400);
    expect(theirs.body.errors).toEqual([expect.objectContaining({ field: 'requiredSkills.0.skillId' })]);
  });

  it('takes public holidays of the person’s location off both availability and allocation', async () => {
    const loc = `DE-BY-${randomUUID().slice(0, 4)}`;
    const put = (year: string, holidays: object[], token = admin) =>
      request(gw.server)
        .put(`/api/v1/holidays/${loc}/${year}`)
        .set('Authorization', `Bearer ${token}`)
        .send({ holidays });
    await put('2027', [
      { date: '2027-01-06', name: 'Epiphany' },
      { date: '2027-01-01', name: 'New Year' },
    ]).expect(200);
    const list = await get(`/holidays/${loc}/2027`).expect(200);
    expect(list.body.holidays.map((h: { date: string }) => h.date)).toEqual(['2027-01-01', '2027-01-06']);
    const wrongYear = await put('2027', [{ date: '2028-01-06', name: 'x' }]).expect(400);
    expect(wrongYear.body.errors).toEqual([expect.objectContaining({ field: 'holidays.0.date' })]);
    await put('1999', []).expect(400);
    expect((await get(`/holidays/${loc}/2027`, other).expect(200)).body.holidays).toEqual([]);

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

  it('keeps teams, assets, vendors and contracts; a team is a load scope', async () => {
    const tag = randomUUID().slice(0, 6);
    const project = await newProject('Team project');
    const fay = await newPerson('Fay');
    const gus = await newPerson('Gus');
    const team = (
      await post('/teams', { name: `Squad ${tag}`, memberIds: [fay.id, gus.id], leadId: fay.id }).expect(201)
    ).body as { id: string };
    await post('/teams', { name: `Squad ${tag}`, memberIds: [] }).expect(409);
    const stranger = await post('/teams', { name: `Other ${tag}`, memberIds: [randomUUID()] }).expect(400);
    expect(stranger.body.errors).toEqual([expect.objectContaining({ field: 'memberIds.0' })]);
    await post('/teams', { name: `Lead ${tag}`, memberIds: [gus.id], leadId: fay.id }).expect(400);
    const a = (
      await post('/assignments', {
        personId: gus.id,
        projectId: project.id,
        units: 50,
        startDate: '2027-04-05',
        endDate: '2027-04-09',
      }).expect(201)
    ).body as AssignmentResponse;
    await post(`/assignments/${a.id}/decision`, { decision: 'approve' }).expect(200);
    const load = (await get(`/capacity/load?scope=team&id=${team.id}&from=2027-04-05&periods=1`).expect(200))
      .body as LoadResponse;
    expect(load.people.map((p) => p.name)).toEqual(['Fay', 'Gus']);
    expect(load.totals[0]).toMatchObject({ availableHours: 80, allocatedHours: 20 });
    // a whole team assigned at 25%: each member carries 25% (8 h × 5 days × 25% = 10 h each)
    const teamAsg = (
      await post('/assignments', {
        teamId: team.id,
        projectId: project.id,
        units: 25,
        startDate: '2027-04-05',
        endDate: '2027-04-09',
      }).expect(201)
    ).body as AssignmentResponse;
    expect(teamAsg).toMatchObject({ teamId: team.id, personId: null, status: 'requested' });
    await post(`/assignments/${teamAsg.id}/decision`, { decision: 'approve' }).expect(200);
    const withTeam = (
      await get(`/capacity/load?scope=team&id=${team.id}&from=2027-04-05&periods=1`).expect(200)
    ).body as LoadResponse;
    expect(withTeam.people.map((p) => p.periods[0]!.allocatedHours)).toEqual([10, 30]);
    expect(
      (await get(`/assignments?teamId=${team.id}`).expect(200)).body.items.map((x: { id: string }) => x.id),
    ).toEqual([teamAsg.id]);
    // hours instead of units: 20 h over a 40-hour week is 50%
    const byHours = (
      await post('/assignments', {
        personId: fay.id,
        projectId: project.id,
        hours: 20,
        startDate: '2027-04-05',
        endDate: '2027-04-09',
      }).expect(201)
    ).body as AssignmentResponse;
    expect(byHours).toMatchObject({ units: 50, hours: 20 });
    const unitsAndHours = await post('/assignments', {
      personId: fay.id,
      projectId: project.id,
      units: 10,
      hours: 5,
      startDate: '2027-04-05',
      endDate: '2027-04-09',
    }).expect(400);
    expect(unitsAndHours.body.errors).toEqual([expect.objectContaining({ field: 'units' })]);
    const teamHours = await post('/assignments', {
      teamId: team.id,
      projectId: project.id,
      hours: 5,
      startDate: '2027-04-05',
      endDate: '2027-04-09',
    }).expect(400);
    expect(teamHours.body.errors).toEqual([expect.objectContaining({ field: 'hours' })]);
    const tooMany = await post('/assignments', {
      personId: fay.id,
      projectId: project.id,
      hours: 60,
      startDate: '2027-04-05',
      endDate: '2027-04-09',
    }).expect(400);
    expect(tooMany.body.errors).toEqual([expect.objectContaining({ field: 'hours' })]);

    // team changes: members replaced, the lead must stay a member
    const patchTeam = (body: object, token = admin) =>
      request(gw.server).patch(`/api/v1/teams/${team.id}`).set('Authorization', `Bearer ${token}`).send(body);
    const changed = await patchTeam({ memberIds: [gus.id], leadId: gus.id }).expect(200);
    expect(changed.body).toMatchObject({ memberIds: [gus.id], leadId: gus.id });
    const leadOut = await patchTeam({ memberIds: [fay.id] }).expect(400);
    expect(leadOut.body.errors).toEqual([expect.objectContaining({ field: 'leadId' })]);
    await patchTeam({ name: 'stolen' }, other).expect(404);
    await patchTeam({ memberIds: [fay.id, gus.id] }).expect(200);

    const both = await post('/assignments', {
      teamId: team.id,
      personId: fay.id,
      projectId: project.id,
      units: 25,
      startDate: '2027-04-05',
      endDate: '2027-04-09',
    }).expect(400);
    expect(both.body.errors).toEqual([expect.objectContaining({ field: 'personId' })]);
    const otherTeam = await post('/assignments', {
      teamId: randomUUID(),
      projectId: project.id,
      units: 25,
      startDate: '2027-04-05',
      endDate: '2027-04-09',
    }).expect(400);
    expect(otherTeam.body.errors).toEqual([expect.objectContaining({ field: 'teamId' })]);
    await get(`/capacity/load?scope=team&id=${team.id}&from=2027-04-05`, other).expect(404);
    expect(
      (await get('/teams', other).expect(200)).body.items.find((t: { id: string }) => t.id === team.id),
    ).toBeUndefined();

    expect(
      (await get(`/teams?q=${encodeURIComponent(`squad ${tag}`)}`).expect(200)).body.items.map(
        (t: { id: string }) => t.id,
      ),
    ).toEqual([team.id]);

    const lab = (
      await post('/assets', { kind: 'room', name: `Lab ${tag}`, capacity: 12, unit: 'seats' }).expect(201)
    ).body;
    expect(lab).toMatchObject({ kind: 'room', capacity: 12, unit: 'seats', location: null });
    const badAsset = await post('/assets', { kind: 'spaceship', name: 'x', capacity: 0, unit: 'u' }).expect(
      400,
    );
    expect(badAsset.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['capacity', 'kind']);

    const vendor = (await post('/vendors', { name: `Acme ${tag}`, country: 'DE' }).expect(201)).body as {
      id: string;
    };
    await post('/vendors', { name: `Acme ${tag}` }).expect(409);
    const contract = await post(`/vendors/${vendor.id}/contracts`, {
      reference: `PO-${tag}`,
      startDate: '2027-01-01',
      endDate: '2027-12-31',
      currency: 'EUR',
      roles: [{ role: 'Senior consultant', hourlyRate: 150, hoursPerMonth: 100 }],
      commitmentRef: 'C-77',
    }).expect(201);
    // 150 × 100 a month, for 365 days of 30.4375 → 12 months (to the cent)
    expect(contract.body).toMatchObject({
      vendorId: vendor.id,
      currency: 'EUR',
      commitmentRef: 'C-77',
      ceilingAmount: 179876.8,
    });
    await post(`/vendors/${vendor.id}/contracts`, {
      reference: `PO-${tag}`,
      startDate: '2027-01-01',
      endDate: '2027-02-01',
      currency: 'EUR',
      roles: [],
    }).expect(409);
    const badCurrency = await post(`/vendors/${vendor.id}/contracts`, {
      reference: 'x',
      startDate: '2027-01-01',
      endDate: '2027-02-01',
      currency: 'euro',
      roles: [],
    }).expect(400);
    expect(badCurrency.body.errors).toEqual([expect.objectContaining({ field: 'currency' })]);
    expect((await get(`/vendors/${vendor.id}/contracts`).expect(200)).body.items).toHaveLength(1);
    await get(`/vendors/${vendor.id}/contracts`, other).expect(404);
    await post(
      `/vendors/${vendor.id}/contracts`,
      { reference: 'y', startDate: '2027-01-01', endDate: '2027-02-01', currency: 'EUR', roles: [] },
      other,
    ).expect(404);
  });

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
    await get(`/leveling-runs/${run.id}`, other).expect(404);
    await post(`/leveling-runs/${run.id}/apply`, {}, other).expect(404);

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
