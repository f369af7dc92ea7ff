import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Reporting's read model of projects, fed only by planning's events. */
export class CreateProjectView1763769700000 implements MigrationInterface {
  name = 'CreateProjectView1763769700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE reporting.project_view (
      tenant_id uuid NOT NULL,
      project_id uuid NOT NULL,
      portfolio_id uuid,
      name varchar(200) NOT NULL,
      code varchar(32),
      status varchar(16) NOT NULL,
      archived boolean NOT NULL DEFAULT false,
      target_date date,
      version integer NOT NULL,
      events_applied integer NOT NULL DEFAULT 1,
      last_event_id uuid NOT NULL,
      updated_at timestamptz(3) NOT NULL,
      PRIMARY KEY (tenant_id, project_id)
    )`);
    await q.query(`CREATE INDEX project_view_tenant_name_idx ON reporting.project_view (tenant_id, name, project_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE reporting.project_view`);
  }
}
