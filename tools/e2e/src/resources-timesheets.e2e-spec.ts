// Timesheets through the gateway: an approved week is locked.
import { describe, expect, it } from '@jest/globals';
import { PROBLEM_JSON, useResourcesPlatform } from './support/resources-platform.js';

describe('resources: timesheets', () => {
  const p = useResourcesPlatform();
  const { post, get, newProject, newPerson } = p;

  it('locks an approved timesheet week: editing it is a 409', async () => {
    const project = await newProject('Support');
    const eve = await newPerson('Eve');
    const sheet = `/people/${eve.id}/timesheets/2027-03-01`;
    const put = (entries: object[]) => p.put(sheet, { entries });

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
    await get(sheet, p.other).expect(404);
    await get(`/people/${eve.id}/timesheets/2027-03-02`).expect(400);
  });
});
