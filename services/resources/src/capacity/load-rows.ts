import type { DataSource } from 'typeorm';
import type { LoadAssignment, LoadLeave } from './load.js';

const COLUMNS = `a.id, a.project_id AS "projectId", a.task_id AS "taskId", a.units,
  to_char(a.start_date, 'YYYY-MM-DD') AS "startDate", to_char(a.end_date, 'YYYY-MM-DD') AS "endDate"`;

/**
 * The approved assignments that load some people between two dates (inclusive), one row per
 * person: a team assignment loads every member of the team at its units. Two index-driven halves
 * (by person, and by team membership) rather than one expanding join, so a department's view
 * reads only its own people's rows.
 */
export function approvedAssignmentsOf(
  ds: DataSource,
  tenantId: string,
  personIds: string[],
  from: string,
  to: string,
): Promise<LoadAssignment[]> {
  return ds.query<LoadAssignment[]>(
    `SELECT a.person_id AS "personId", ${COLUMNS}
       FROM resources.assignment a
      WHERE a.tenant_id = $1 AND a.person_id = ANY($2::uuid[]) AND a.status = 'approved'
        AND a.start_date <= $4 AND a.end_date >= $3
     UNION ALL
     SELECT m.person_id AS "personId", ${COLUMNS}
       FROM resources.team_member m
       JOIN resources.assignment a ON a.tenant_id = m.tenant_id AND a.team_id = m.team_id
      WHERE m.tenant_id = $1 AND m.person_id = ANY($2::uuid[]) AND a.status = 'approved'
        AND a.start_date <= $4 AND a.end_date >= $3`,
    [tenantId, personIds, from, to],
  );
}

/** the leave of some people that overlaps two dates (inclusive) */
export function leaveIn(
  ds: DataSource,
  tenantId: string,
  personIds: string[],
  from: string,
  to: string,
): Promise<LoadLeave[]> {
  return ds.query<LoadLeave[]>(
    `SELECT person_id AS "personId", to_char(start_date, 'YYYY-MM-DD') AS "startDate", to_char(end_date, 'YYYY-MM-DD') AS "endDate"
       FROM resources.leave WHERE tenant_id = $1 AND person_id = ANY($2::uuid[]) AND start_date <= $4 AND end_date >= $3`,
    [tenantId, personIds, from, to],
  );
}
