// Assignments through the gateway, with the real planning service: the approval workflow, and bad
// input refused as problem+json naming the field.
import type { AssignmentResponse, PersonResponse } from '@baton/contracts';
import { describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { PROBLEM_JSON, useResourcesPlatform } from './support/resources-platform.js';

describe('resources: assignments and their approval', () => {
  const p = useResourcesPlatform();
  const { post, get, newProject, newPerson } = p;

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
    const theirProject = (await post('/projects', { name: 'theirs' }, p.other).expect(201)).body as {
      id: string;
    };
    const foreignPerson = await post(
      '/assignments',
      { ...base, projectId: theirProject.id, units: 20 },
      p.other,
    ).expect(400);
    expect(foreignPerson.body.errors).toEqual([expect.objectContaining({ field: 'personId' })]);
    const theirPerson = (
      await post('/people', { name: 'Their Dee', email: 'dee@other.example' }, p.other).expect(201)
    ).body as PersonResponse;
    const foreignProject = await post(
      '/assignments',
      { ...base, personId: theirPerson.id, units: 20 },
      p.other,
    ).expect(400);
    expect(foreignProject.body.errors).toEqual([expect.objectContaining({ field: 'projectId' })]);
    await get(`/assignments?personId=${dee.id}`, p.other)
      .expect(200)
      .expect((res) => expect(res.body.items).toEqual([]));
  });
});
