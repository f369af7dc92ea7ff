import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * People, their skills and leave, assignments and timesheets. Every foreign key includes the
 * tenant, so a row can only ever point at a row of its own tenant, whatever the code above does.
 */
export class CreateResources1763772000000 implements MigrationInterface {
  name = 'CreateResources1763772000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE resources.skill (
      id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL,
      name varchar(100) NOT NULL,
      description text,
      created_at timestamptz(3) NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE UNIQUE INDEX skill_tenant_id_uq ON resources.skill (tenant_id, id)`);
    await q.query(`CREATE UNIQUE INDEX skill_tenant_name_uq ON resources.skill (tenant_id, name)`);

    await q.query(`CREATE TABLE resources.person (
      id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL,
      name varchar(200) NOT NULL,
      email varchar(254) NOT NULL,
      job_role varchar(100),
      department varchar(100),
      line_manager_id uuid,
      cost_rate_ref varchar(64),
      hourly_cost numeric(10,2),
      hours_per_day numeric(4,2) NOT NULL DEFAULT 8,
      working_days smallint array NOT NULL,
      location varchar(64),
      active boolean NOT NULL DEFAULT true,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      updated_at timestamptz(3) NOT NULL DEFAULT now(),
      CONSTRAINT person_hours_ck CHECK (hours_per_day > 0 AND hours_per_day <= 24),
      CONSTRAINT person_cost_ck CHECK (hourly_cost IS NULL OR hourly_cost >= 0)
    )`);
    await q.query(`CREATE UNIQUE INDEX person_tenant_id_uq ON resources.person (tenant_id, id)`);
    await q.query(`ALTER TABLE resources.person ADD CONSTRAINT person_manager_fk
      FOREIGN KEY (tenant_id, line_manager_id) REFERENCES resources.person (tenant_id, id)`);
    await q.query(`CREATE UNIQUE INDEX person_tenant_email_uq ON resources.person (tenant_id, email)`);
    await q.query(`CREATE INDEX person_tenant_name_idx ON resources.person (tenant_id, name, id)`);
    await q.query(`CREATE INDEX person_tenant_department_idx ON resources.person (tenant_id, department)`);
    await q.query(`CREATE INDEX person_tenant_manager_idx ON resources.person (tenant_id, line_manager_id)`);

    await q.query(`CREATE TABLE resources.person_skill (
      tenant_id uuid NOT NULL,
      person_id uuid NOT NULL,
      skill_id uuid NOT NULL,
      level smallint NOT NULL,
      certificate varchar(200),
      certified_until date,
      PRIMARY KEY (person_id, skill_id),
      CONSTRAINT person_skill_level_ck CHECK (level BETWEEN 1 AND 5),
      CONSTRAINT person_skill_person_fk FOREIGN KEY (tenant_id, person_id) REFERENCES resources.person (tenant_id, id) ON DELETE CASCADE,
      CONSTRAINT person_skill_skill_fk FOREIGN KEY (tenant_id, skill_id) REFERENCES resources.skill (tenant_id, id)
    )`);
    await q.query(
      `CREATE INDEX person_skill_tenant_skill_idx ON resources.person_skill (tenant_id, skill_id)`,
    );

    await q.query(`CREATE TABLE resources.leave (
      id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL,
      person_id uuid NOT NULL,
      start_date date NOT NULL,
      end_date date NOT NULL,
      kind varchar(16) NOT NULL,
      note varchar(500),
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      CONSTRAINT leave_dates_ck CHECK (end_date >= start_date),
      CONSTRAINT leave_person_fk FOREIGN KEY (tenant_id, person_id) REFERENCES resources.person (tenant_id, id) ON DELETE CASCADE
    )`);
    await q.query(
      `CREATE INDEX leave_tenant_person_idx ON resources.leave (tenant_id, person_id, start_date)`,
    );

    await q.query(`CREATE TABLE resources.team (
      id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL,
      name varchar(200) NOT NULL,
      description varchar(1000),
      lead_id uuid
    )`);
    await q.query(`CREATE UNIQUE INDEX team_tenant_id_uq ON resources.team (tenant_id, id)`);
    await q.query(`CREATE UNIQUE INDEX team_tenant_name_uq ON resources.team (tenant_id, name)`);
    await q.query(`CREATE TABLE resources.team_member (
      tenant_id uuid NOT NULL,
      team_id uuid NOT NULL,
      person_id uuid NOT NULL,
      PRIMARY KEY (team_id, person_id),
      CONSTRAINT team_member_team_fk FOREIGN KEY (tenant_id, team_id) REFERENCES resources.team (tenant_id, id) ON DELETE CASCADE,
      CONSTRAINT team_member_person_fk FOREIGN KEY (tenant_id, person_id) REFERENCES resources.person (tenant_id, id)
    )`);
    await q.query(`CREATE INDEX team_member_person_idx ON resources.team_member (tenant_id, person_id)`);

    await q.query(`CREATE TABLE resources.asset (
      id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL,
      kind varchar(16) NOT NULL,
      name varchar(200) NOT NULL,
      capacity integer NOT NULL,
      unit varchar(32) NOT NULL,
      location varchar(64),
      CONSTRAINT asset_capacity_ck CHECK (capacity > 0)
    )`);
    await q.query(`CREATE INDEX asset_tenant_name_idx ON resources.asset (tenant_id, name)`);

    await q.query(`CREATE TABLE resources.vendor (
      id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL,
      name varchar(200) NOT NULL,
      contact_email varchar(254),
      country varchar(2)
    )`);
    await q.query(`CREATE UNIQUE INDEX vendor_tenant_id_uq ON resources.vendor (tenant_id, id)`);
    await q.query(`CREATE UNIQUE INDEX vendor_tenant_name_uq ON resources.vendor (tenant_id, name)`);
    await q.query(`CREATE TABLE resources.vendor_contract (
      id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL,
      vendor_id uuid NOT NULL,
      reference varchar(64) NOT NULL,
      start_date date NOT NULL,
      end_date date NOT NULL,
      currency varchar(3) NOT NULL,
      roles jsonb NOT NULL,
      commitment_ref varchar(64),
      CONSTRAINT vendor_contract_dates_ck CHECK (end_date >= start_date),
      CONSTRAINT vendor_contract_vendor_fk FOREIGN KEY (tenant_id, vendor_id) REFERENCES resources.vendor (tenant_id, id)
    )`);
    await q.query(
      `CREATE UNIQUE INDEX vendor_contract_reference_uq ON resources.vendor_contract (tenant_id, reference)`,
    );
    await q.query(
      `CREATE INDEX vendor_contract_vendor_idx ON resources.vendor_contract (tenant_id, vendor_id)`,
    );

    // public holidays per work location: nobody at that location works that day
    await q.query(`CREATE TABLE resources.public_holiday (
      tenant_id uuid NOT NULL,
      location varchar(64) NOT NULL,
      date date NOT NULL,
      name varchar(200) NOT NULL,
      PRIMARY KEY (tenant_id, location, date)
    )`);

    // an assignment is for one person or for a whole team (each member at the same units)
    await q.query(`CREATE TABLE resources.assignment (
      id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL,
      person_id uuid,
      team_id uuid,
      project_id uuid NOT NULL,
      task_id uuid,
      start_date date NOT NULL,
      end_date date NOT NULL,
      units smallint NOT NULL,
      hours numeric(8,2),
      status varchar(16) NOT NULL,
      note varchar(1000),
      requested_by varchar(200) NOT NULL,
      decided_by varchar(200),
      decided_at timestamptz(3),
      decision_comment varchar(1000),
      proposed_units smallint,
      proposed_start_date date,
      proposed_end_date date,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      updated_at timestamptz(3) NOT NULL DEFAULT now(),
      CONSTRAINT assignment_dates_ck CHECK (end_date >= start_date),
      CONSTRAINT assignment_units_ck CHECK (units BETWEEN 1 AND 200),
      CONSTRAINT assignment_status_ck CHECK (status IN ('requested', 'approved', 'rejected', 'counter-proposed', 'withdrawn')),
      CONSTRAINT assignment_target_ck CHECK ((person_id IS NULL) <> (team_id IS NULL)),
      CONSTRAINT assignment_person_fk FOREIGN KEY (tenant_id, person_id) REFERENCES resources.person (tenant_id, id),
      CONSTRAINT assignment_team_fk FOREIGN KEY (tenant_id, team_id) REFERENCES resources.team (tenant_id, id)
    )`);
    await q.query(`CREATE INDEX assignment_tenant_team_idx ON resources.assignment (tenant_id, team_id)`);
    await q.query(
      `CREATE INDEX assignment_tenant_person_idx ON resources.assignment (tenant_id, person_id, start_date)`,
    );
    await q.query(
      `CREATE INDEX assignment_tenant_project_idx ON resources.assignment (tenant_id, project_id)`,
    );
    await q.query(
      `CREATE INDEX assignment_tenant_created_idx ON resources.assignment (tenant_id, created_at, id)`,
    );

    // a leveling proposal for one project, and what became of it
    await q.query(`CREATE TABLE resources.leveling_run (
      id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL,
      project_id uuid NOT NULL,
      status varchar(16) NOT NULL,
      budget_ms integer NOT NULL,
      makespan_before integer NOT NULL,
      makespan_after integer NOT NULL,
      lower_bound integer NOT NULL,
      schedules_evaluated integer NOT NULL,
      resources integer NOT NULL,
      changes jsonb NOT NULL,
      skipped jsonb NOT NULL,
      created_by varchar(200) NOT NULL,
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      decided_by varchar(200),
      decided_at timestamptz(3),
      version integer NOT NULL DEFAULT 1,
      CONSTRAINT leveling_run_status_ck CHECK (status IN ('proposed', 'applied', 'discarded'))
    )`);
    await q.query(
      `CREATE INDEX leveling_run_tenant_project_idx ON resources.leveling_run (tenant_id, project_id, created_at)`,
    );

    await q.query(`CREATE TABLE resources.timesheet (
      id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL,
      person_id uuid NOT NULL,
      week_start date NOT NULL,
      status varchar(16) NOT NULL,
      submitted_by varchar(200),
      decided_by varchar(200),
      decided_at timestamptz(3),
      decision_comment varchar(1000),
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      updated_at timestamptz(3) NOT NULL DEFAULT now(),
      CONSTRAINT timesheet_monday_ck CHECK (EXTRACT(ISODOW FROM week_start) = 1),
      CONSTRAINT timesheet_status_ck CHECK (status IN ('draft', 'submitted', 'approved', 'rejected')),
      CONSTRAINT timesheet_person_fk FOREIGN KEY (tenant_id, person_id) REFERENCES resources.person (tenant_id, id)
    )`);
    await q.query(`CREATE UNIQUE INDEX timesheet_tenant_id_uq ON resources.timesheet (tenant_id, id)`);
    await q.query(
      `CREATE UNIQUE INDEX timesheet_person_week_uq ON resources.timesheet (tenant_id, person_id, week_start)`,
    );
    await q.query(
      `CREATE INDEX timesheet_tenant_created_idx ON resources.timesheet (tenant_id, created_at, id)`,
    );

    await q.query(`CREATE TABLE resources.time_entry (
      id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL,
      timesheet_id uuid NOT NULL,
      project_id uuid NOT NULL,
      task_id uuid,
      date date NOT NULL,
      hours numeric(5,2) NOT NULL,
      note varchar(500),
      CONSTRAINT time_entry_hours_ck CHECK (hours > 0 AND hours <= 24),
      CONSTRAINT time_entry_timesheet_fk FOREIGN KEY (tenant_id, timesheet_id) REFERENCES resources.timesheet (tenant_id, id) ON DELETE CASCADE
    )`);
    await q.query(`CREATE INDEX time_entry_timesheet_idx ON resources.time_entry (timesheet_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'time_entry',
      'timesheet',
      'assignment',
      'public_holiday',
      'leave',
      'person_skill',
      'person',
      'skill',
    ]) {
      await q.query(`DROP TABLE resources.${t}`);
    }
  }
}
