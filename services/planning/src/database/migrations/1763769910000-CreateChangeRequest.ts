import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Change control: change requests and their decision audit (append-only). */
export class CreateChangeRequest1763769910000 implements MigrationInterface {
  name = 'CreateChangeRequest1763769910000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE planning.change_request (
      id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL,
      project_id uuid NOT NULL,
      kind varchar(16) NOT NULL,
      title varchar(200) NOT NULL,
      description text,
      schedule_impact_days integer,
      cost_impact_amount bigint,
      cost_impact_currency char(3),
      state varchar(16) NOT NULL,
      created_by varchar(256) NOT NULL,
      submitted_by varchar(256),
      submitted_at timestamptz(3),
      decided_by varchar(256),
      decided_at timestamptz(3),
      decision_comment text,
      rebaseline boolean NOT NULL DEFAULT false,
      baseline_id uuid,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      updated_at timestamptz(3) NOT NULL DEFAULT now(),
      CONSTRAINT change_request_project_fk FOREIGN KEY (project_id) REFERENCES planning.project (id),
      CONSTRAINT change_request_kind_ck CHECK (kind IN ('scope', 'schedule', 'cost')),
      CONSTRAINT change_request_state_ck CHECK (state IN ('draft', 'submitted', 'approved', 'rejected')),
      CONSTRAINT change_request_cost_ck CHECK ((cost_impact_amount IS NULL) = (cost_impact_currency IS NULL))
    )`);
    await q.query(
      `CREATE UNIQUE INDEX change_request_tenant_id_uq ON planning.change_request (tenant_id, id)`,
    );
    await q.query(
      `CREATE INDEX change_request_tenant_project_created_idx ON planning.change_request (tenant_id, project_id, created_at, id)`,
    );
    await q.query(
      `CREATE INDEX change_request_tenant_project_updated_idx ON planning.change_request (tenant_id, project_id, updated_at, id)`,
    );

    await q.query(`CREATE TABLE planning.change_request_event (
      id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL,
      change_request_id uuid NOT NULL,
      version integer NOT NULL,
      action varchar(16) NOT NULL,
      from_state varchar(16),
      to_state varchar(16) NOT NULL,
      actor_id varchar(256) NOT NULL,
      actor_roles jsonb NOT NULL,
      at timestamptz(3) NOT NULL,
      comment text,
      baseline_id uuid,
      CONSTRAINT change_request_event_cr_fk FOREIGN KEY (tenant_id, change_request_id) REFERENCES planning.change_request (tenant_id, id)
    )`);
    // one line per version of the change request: the audit's order, and no action recorded twice
    await q.query(
      `CREATE UNIQUE INDEX change_request_event_cr_version_uq ON planning.change_request_event (tenant_id, change_request_id, version)`,
    );
    // the audit is append-only: no row is ever changed or removed
    await q.query(`CREATE FUNCTION planning.change_request_event_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'change_request_event is append-only'; END $$`);
    await q.query(`CREATE TRIGGER change_request_event_no_change BEFORE UPDATE OR DELETE ON planning.change_request_event
      FOR EACH ROW EXECUTE FUNCTION planning.change_request_event_immutable()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE planning.change_request_event`);
    await q.query(`DROP FUNCTION planning.change_request_event_immutable()`);
    await q.query(`DROP TABLE planning.change_request`);
  }
}
