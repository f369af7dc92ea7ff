import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreatePortfolioAndProject1763769600000 implements MigrationInterface {
  name = 'CreatePortfolioAndProject1763769600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE planning.portfolio (
      id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL,
      name varchar(200) NOT NULL,
      description text,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      updated_at timestamptz(3) NOT NULL DEFAULT now(),
      archived_at timestamptz(3)
    )`);
    // (tenant_id, id) is the target of project's foreign key: a project can only ever point at
    // a portfolio of its own tenant, whatever the code above the database does.
    await q.query(`CREATE UNIQUE INDEX portfolio_tenant_id_uq ON planning.portfolio (tenant_id, id)`);
    await q.query(`CREATE INDEX portfolio_tenant_created_idx ON planning.portfolio (tenant_id, created_at, id)`);
    await q.query(`CREATE INDEX portfolio_tenant_name_idx ON planning.portfolio (tenant_id, name, id)`);

    await q.query(`CREATE TABLE planning.project (
      id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL,
      portfolio_id uuid,
      code varchar(32),
      name varchar(200) NOT NULL,
      description text,
      status varchar(16) NOT NULL CHECK (status IN ('proposed', 'active', 'on_hold', 'completed', 'cancelled')),
      start_date date,
      target_date date,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      updated_at timestamptz(3) NOT NULL DEFAULT now(),
      archived_at timestamptz(3),
      CONSTRAINT project_portfolio_fk FOREIGN KEY (tenant_id, portfolio_id) REFERENCES planning.portfolio (tenant_id, id),
      CONSTRAINT project_dates_ck CHECK (start_date IS NULL OR target_date IS NULL OR target_date >= start_date)
    )`);
    await q.query(`CREATE UNIQUE INDEX project_tenant_code_uq ON planning.project (tenant_id, code) WHERE code IS NOT NULL`);
    await q.query(`CREATE INDEX project_tenant_created_idx ON planning.project (tenant_id, created_at, id)`);
    await q.query(`CREATE INDEX project_tenant_updated_idx ON planning.project (tenant_id, updated_at, id)`);
    await q.query(`CREATE INDEX project_tenant_name_idx ON planning.project (tenant_id, name, id)`);
    await q.query(`CREATE INDEX project_tenant_portfolio_idx ON planning.project (tenant_id, portfolio_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE planning.project`);
    await q.query(`DROP TABLE planning.portfolio`);
  }
}
