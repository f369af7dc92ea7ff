import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Calendars, the WBS (tasks), dependencies, baselines, and the project's schedule settings. */
export class CreateScheduling1763856000000 implements MigrationInterface {
  name = 'CreateScheduling1763856000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE planning.calendar (
      id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL,
      name varchar(200) NOT NULL,
      working_days smallint[] NOT NULL,
      holidays date[] NOT NULL,
      exceptions jsonb NOT NULL,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      updated_at timestamptz(3) NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE UNIQUE INDEX calendar_tenant_id_uq ON planning.calendar (tenant_id, id)`);
    await q.query(`CREATE INDEX calendar_tenant_name_idx ON planning.calendar (tenant_id, name, id)`);

    await q.query(`CREATE UNIQUE INDEX project_tenant_id_uq ON planning.project (tenant_id, id)`);
    await q.query(`ALTER TABLE planning.project
      ADD COLUMN calendar_id uuid,
      ADD COLUMN status_date date,
      ADD COLUMN deadline date,
      ADD COLUMN finish_offset integer,
      ADD COLUMN task_count integer NOT NULL DEFAULT 0,
      ADD COLUMN critical_count integer NOT NULL DEFAULT 0,
      ADD COLUMN late_count integer NOT NULL DEFAULT 0,
      ADD COLUMN scheduled_at timestamptz(3),
      ADD COLUMN schedule_rev uuid,
      ADD CONSTRAINT project_calendar_fk FOREIGN KEY (tenant_id, calendar_id) REFERENCES planning.calendar (tenant_id, id)`);

    await q.query(`CREATE TABLE planning.task (
      id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL,
      project_id uuid NOT NULL,
      parent_id uuid,
      position integer NOT NULL,
      wbs_path integer[] NOT NULL,
      name varchar(200) NOT NULL,
      kind varchar(10) NOT NULL,
      duration integer NOT NULL,
      effort numeric(12,2),
      constraint_type varchar(4),
      constraint_date date,
      deadline date,
      percent_complete smallint NOT NULL DEFAULT 0,
      actual_start date,
      actual_finish date,
      remaining_duration integer,
      early_start integer,
      early_finish integer,
      late_start integer,
      late_finish integer,
      total_float integer,
      free_float integer,
      critical boolean NOT NULL DEFAULT false,
      late boolean NOT NULL DEFAULT false,
      milestone_state varchar(10),
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      updated_at timestamptz(3) NOT NULL DEFAULT now(),
      CONSTRAINT task_kind_ck CHECK (kind IN ('task', 'summary', 'milestone')),
      CONSTRAINT task_constraint_ck CHECK ((constraint_type IS NULL) = (constraint_date IS NULL)),
      CONSTRAINT task_percent_ck CHECK (percent_complete BETWEEN 0 AND 100),
      CONSTRAINT task_project_fk FOREIGN KEY (tenant_id, project_id) REFERENCES planning.project (tenant_id, id),
      CONSTRAINT task_parent_fk FOREIGN KEY (parent_id) REFERENCES planning.task (id) ON DELETE CASCADE
    ) WITH (fillfactor = 70)`);
    // Rescheduling rewrites computed columns of thousands of rows per change: no index covers them
    // and pages keep room (fillfactor 70), so those UPDATEs are HOT (no index maintenance).
    await q.query(`CREATE INDEX task_project_wbs_idx ON planning.task (project_id, wbs_path, id)`);
    await q.query(`CREATE INDEX task_parent_idx ON planning.task (parent_id)`);

    await q.query(`CREATE TABLE planning.dependency (
      id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL,
      predecessor_id uuid NOT NULL,
      successor_id uuid NOT NULL,
      predecessor_project_id uuid NOT NULL,
      successor_project_id uuid NOT NULL,
      type varchar(2) NOT NULL,
      lag integer NOT NULL DEFAULT 0,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      updated_at timestamptz(3) NOT NULL DEFAULT now(),
      CONSTRAINT dependency_type_ck CHECK (type IN ('FS', 'SS', 'FF', 'SF')),
      CONSTRAINT dependency_self_ck CHECK (predecessor_id <> successor_id),
      CONSTRAINT dependency_predecessor_fk FOREIGN KEY (predecessor_id) REFERENCES planning.task (id) ON DELETE CASCADE,
      CONSTRAINT dependency_successor_fk FOREIGN KEY (successor_id) REFERENCES planning.task (id) ON DELETE CASCADE
    )`);
    await q.query(
      `CREATE UNIQUE INDEX dependency_pair_uq ON planning.dependency (predecessor_id, successor_id)`,
    );
    await q.query(
      `CREATE INDEX dependency_successor_project_idx ON planning.dependency (successor_project_id, id)`,
    );
    await q.query(
      `CREATE INDEX dependency_predecessor_project_idx ON planning.dependency (predecessor_project_id, id)`,
    );
    await q.query(`CREATE INDEX dependency_successor_idx ON planning.dependency (successor_id)`);

    await q.query(`CREATE TABLE planning.baseline (
      id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL,
      project_id uuid NOT NULL,
      name varchar(200) NOT NULL,
      task_count integer NOT NULL,
      start_date date,
      finish_date date,
      created_by varchar(256) NOT NULL,
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      CONSTRAINT baseline_project_fk FOREIGN KEY (tenant_id, project_id) REFERENCES planning.project (tenant_id, id)
    )`);
    await q.query(`CREATE UNIQUE INDEX baseline_project_name_uq ON planning.baseline (project_id, name)`);
    await q.query(
      `CREATE INDEX baseline_project_created_idx ON planning.baseline (project_id, created_at, id)`,
    );
    await q.query(`CREATE TABLE planning.baseline_task (
      baseline_id uuid NOT NULL,
      task_id uuid NOT NULL,
      start_date date,
      finish_date date,
      duration integer NOT NULL,
      PRIMARY KEY (baseline_id, task_id),
      CONSTRAINT baseline_task_baseline_fk FOREIGN KEY (baseline_id) REFERENCES planning.baseline (id) ON DELETE CASCADE
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE planning.baseline_task`);
    await q.query(`DROP TABLE planning.baseline`);
    await q.query(`DROP TABLE planning.dependency`);
    await q.query(`DROP TABLE planning.task`);
    await q.query(`ALTER TABLE planning.project DROP CONSTRAINT project_calendar_fk, DROP COLUMN calendar_id, DROP COLUMN status_date,
      DROP COLUMN deadline, DROP COLUMN finish_offset, DROP COLUMN task_count, DROP COLUMN critical_count, DROP COLUMN late_count,
      DROP COLUMN scheduled_at, DROP COLUMN schedule_rev`);
    await q.query(`DROP INDEX planning.project_tenant_id_uq`);
    await q.query(`DROP TABLE planning.calendar`);
  }
}
