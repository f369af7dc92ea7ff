// Teams, non-human resources, vendors and contracts through the gateway; team and hours assignments.
import type { AssignmentResponse, LoadResponse } from '@baton/contracts';
import { describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { useResourcesPlatform } from './support/resources-platform.js';

describe('resources: teams, assets, vendors', () => {
  const p = useResourcesPlatform();
  const { post, get, newProject, newPerson } = p;

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
    const patchTeam = (body: object, token = p.admin) => p.patch(`/teams/${team.id}`, body, token);
    const changed = await patchTeam({ memberIds: [gus.id], leadId: gus.id }).expect(200);
    expect(changed.body).toMatchObject({ memberIds: [gus.id], leadId: gus.id });
    const leadOut = await patchTeam({ memberIds: [fay.id] }).expect(400);
    expect(leadOut.body.errors).toEqual([expect.objectContaining({ field: 'leadId' })]);
    await patchTeam({ name: 'stolen' }, p.other).expect(404);
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
    await get(`/capacity/load?scope=team&id=${team.id}&from=2027-04-05`, p.other).expect(404);
    expect(
      (await get('/teams', p.other).expect(200)).body.items.find((t: { id: string }) => t.id === team.id),
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
    await get(`/vendors/${vendor.id}/contracts`, p.other).expect(404);
    await post(
      `/vendors/${vendor.id}/contracts`,
      { reference: 'y', startDate: '2027-01-01', endDate: '2027-02-01', currency: 'EUR', roles: [] },
      p.other,
    ).expect(404);
  });
});
