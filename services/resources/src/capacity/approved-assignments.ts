import type { DataSource } from 'typeorm';
import type { LoadAssignment } from './load.js';

/**
 * The approved assignments that load some people between two dates (inclusive), one row per
 * person: a team assignment loads every member of the team at its units.
 */
export function approvedAssignmentsOf(
  ds: DataSource,
  tenantId: string,
  personIds: string[],
  from: string,
  to: string,
): Promise<LoadAssignment[]> {
  return ds.query<LoadAssignment[]>(
    `SELECT a.id, w.person_id AS "personId", a.project_id AS "projectId", a.task_id AS "taskId", a.units,
            to_char(a.start_date, 'YYYY-MM-DD') AS "startDate", to_char(a.end_date, 'YYYY-MM-DD') AS "endDate"
       FROM resources.assignment a
       CROSS JOIN LATERAL (
         SELECT a.person_id WHERE a.person_id IS NOT NULL
         UNION ALL
         SELECT m.person_id FROM resources.team_member m WHERE m.tenant_id = a.tenant_id AND m.team_id = a.team_id
       ) w(person_id)
      WHERE a.tenant_id = $1 AND w.person_id = ANY($2::uuid[]) AND a.status = 'approved'
        AND a.start_date <= $4 AND a.end_date >= $3`,
    [tenantId, personIds, from, to],
  );
}
