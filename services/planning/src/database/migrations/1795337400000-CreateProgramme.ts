import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Programmes (portfolio → programme → project) and `project.programme_id`.
 * A project in a programme is in the programme's portfolio, held by the database too: the
 * project's (tenant_id, programme_id, portfolio_id) must be a programme's (tenant_id, id,
 * portfolio_id), and a project with a programme has a portfolio.
 */
export class CreateProgramme1795337400000 implements MigrationInterface {
  name = 'CreateProgramme1795337400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE planning.programme (
      id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL,
      portfolio_id uuid NOT NULL,
      code varchar(32),
      name varchar(200) NOT NULL,
      description text,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      updated_at timestamptz(3) NOT NULL DEFAULT now(),
      archived_at timestamptz(3),
      CONSTRAINT programme_portfolio_fk FOREIGN KEY (tenant_id, portfolio_id) REFERENCES planning.portfolio (tenant_id, id)
    )`);
    await q.query(`CREATE UNIQUE INDEX programme_tenant_id_uq ON planning.programme (tenant_id, id)`);
    await q.query(
      `CREATE UNIQUE INDEX programme_tenant_id_portfolio_uq ON planning.programme (tenant_id, id, portfolio_id)`,
    );
    await q.query(`CREATE UNIQUE INDEX programme_tenant_code_uq ON planning.programme (tenant_id, code) WHERE code IS NOT NULL`);
    await q.query(`CREATE INDEX programme_tenant_created_idx ON planning.programme (tenant_id, created_at, id)`);
    await q.query(`CREATE INDEX programme_tenant_updated_idx ON planning.programme (tenant_id, updated_at, id)`);
    await q.query(`CREATE INDEX programme_tenant_name_idx ON planning.programme (tenant_id, name, id)`);
    await q.query(`CREATE INDEX programme_tenant_portfolio_idx ON planning.programme (tenant_id, portfolio_id)`);

    await q.query(`ALTER TABLE planning.project ADD COLUMN programme_id uuid`);
    await q.query(`ALTER TABLE planning.project ADD CONSTRAINT project_programme_fk
      FOREIGN KEY (tenant_id, programme_id, portfolio_id) REFERENCES planning.programme (tenant_id, id, portfolio_id)`);
    await q.query(`ALTER TABLE planning.project ADD CONSTRAINT project_programme_portfolio_ck
      CHECK (programme_id IS NULL OR portfolio_id IS NOT NULL)`);
    await q.query(`CREATE INDEX project_tenant_programme_idx ON planning.project (tenant_id, programme_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX planning.project_tenant_programme_idx`);
    await q.query(`ALTER TABLE planning.project DROP CONSTRAINT project_programme_portfolio_ck`);
    await q.query(`ALTER TABLE planning.project DROP CONSTRAINT project_programme_fk`);
    await q.query(`ALTER TABLE planning.project DROP COLUMN programme_id`);
    await q.query(`DROP TABLE planning.programme`);
  }
}
