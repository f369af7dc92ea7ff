import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Agile planning: sprints and the product backlog of a project. */
export class CreateSprintAndBacklogItem1763769900000 implements MigrationInterface {
  name = 'CreateSprintAndBacklogItem1763769900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE planning.sprint (
      id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL,
      project_id uuid NOT NULL,
      name varchar(200) NOT NULL,
      goal text,
      start_date date NOT NULL,
      end_date date NOT NULL,
      capacity integer NOT NULL,
      state varchar(16) NOT NULL,
      committed_points integer,
      item_count integer,
      completed_points integer,
      started_at timestamptz(3),
      closed_at timestamptz(3),
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      updated_at timestamptz(3) NOT NULL DEFAULT now(),
      CONSTRAINT sprint_project_fk FOREIGN KEY (project_id) REFERENCES planning.project (id),
      CONSTRAINT sprint_state_ck CHECK (state IN ('planned', 'active', 'closed')),
      CONSTRAINT sprint_dates_ck CHECK (end_date > start_date),
      CONSTRAINT sprint_capacity_ck CHECK (capacity >= 0)
    )`);
    // (tenant_id, id): target of backlog_item's foreign key, so an item can only be in a sprint of its tenant
    await q.query(`CREATE UNIQUE INDEX sprint_tenant_id_uq ON planning.sprint (tenant_id, id)`);
    await q.query(
      `CREATE INDEX sprint_tenant_project_start_idx ON planning.sprint (tenant_id, project_id, start_date, id)`,
    );
    await q.query(
      `CREATE INDEX sprint_tenant_project_created_idx ON planning.sprint (tenant_id, project_id, created_at, id)`,
    );
    // at most one active sprint per project, whatever races the code above allows
    await q.query(
      `CREATE UNIQUE INDEX sprint_one_active_uq ON planning.sprint (tenant_id, project_id) WHERE state = 'active'`,
    );

    await q.query(`CREATE TABLE planning.backlog_item (
      id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL,
      project_id uuid NOT NULL,
      sprint_id uuid,
      title varchar(200) NOT NULL,
      description text,
      story_points integer,
      status varchar(16) NOT NULL,
      rank integer NOT NULL,
      done_at timestamptz(3),
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      updated_at timestamptz(3) NOT NULL DEFAULT now(),
      CONSTRAINT backlog_item_project_fk FOREIGN KEY (project_id) REFERENCES planning.project (id),
      CONSTRAINT backlog_item_sprint_fk FOREIGN KEY (tenant_id, sprint_id) REFERENCES planning.sprint (tenant_id, id),
      CONSTRAINT backlog_item_status_ck CHECK (status IN ('todo', 'in-progress', 'done')),
      CONSTRAINT backlog_item_points_ck CHECK (story_points IS NULL OR story_points IN (0, 1, 2, 3, 5, 8, 13, 20, 40, 100))
    )`);
    await q.query(
      `CREATE INDEX backlog_item_tenant_project_rank_idx ON planning.backlog_item (tenant_id, project_id, rank, id)`,
    );
    await q.query(
      `CREATE INDEX backlog_item_tenant_project_created_idx ON planning.backlog_item (tenant_id, project_id, created_at, id)`,
    );
    await q.query(
      `CREATE INDEX backlog_item_tenant_sprint_idx ON planning.backlog_item (tenant_id, sprint_id)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE planning.backlog_item`);
    await q.query(`DROP TABLE planning.sprint`);
  }
}
