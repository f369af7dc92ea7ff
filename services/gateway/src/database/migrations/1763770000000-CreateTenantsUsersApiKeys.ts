import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Tenants, their settings, users (memberships), role assignments and API keys. */
export class CreateTenantsUsersApiKeys1763770000000 implements MigrationInterface {
  name = 'CreateTenantsUsersApiKeys1763770000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE gateway.tenant (
      id uuid PRIMARY KEY,
      name varchar(200) NOT NULL,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      updated_at timestamptz(3) NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX tenant_created_idx ON gateway.tenant (created_at, id)`);
    await q.query(`CREATE INDEX tenant_name_idx ON gateway.tenant (name, id)`);

    await q.query(`CREATE TABLE gateway.tenant_settings (
      tenant_id uuid PRIMARY KEY,
      rate_limit_per_minute integer,
      webhook_allow_private_targets boolean NOT NULL DEFAULT false,
      version integer NOT NULL DEFAULT 1,
      updated_at timestamptz(3) NOT NULL DEFAULT now(),
      CONSTRAINT tenant_settings_tenant_fk FOREIGN KEY (tenant_id) REFERENCES gateway.tenant (id) ON DELETE CASCADE
    )`);

    await q.query(`CREATE TABLE gateway.tenant_user (
      id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL,
      subject varchar(256) NOT NULL,
      email varchar(320),
      display_name varchar(200),
      status varchar(16) NOT NULL,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      updated_at timestamptz(3) NOT NULL DEFAULT now(),
      CONSTRAINT tenant_user_status_check CHECK (status IN ('active', 'disabled')),
      CONSTRAINT tenant_user_tenant_fk FOREIGN KEY (tenant_id) REFERENCES gateway.tenant (id) ON DELETE CASCADE
    )`);
    await q.query(`CREATE UNIQUE INDEX tenant_user_tenant_id_uq ON gateway.tenant_user (tenant_id, id)`);
    await q.query(
      `CREATE UNIQUE INDEX tenant_user_tenant_subject_uq ON gateway.tenant_user (tenant_id, subject)`,
    );
    await q.query(`CREATE INDEX tenant_user_subject_idx ON gateway.tenant_user (subject)`);
    await q.query(
      `CREATE INDEX tenant_user_tenant_created_idx ON gateway.tenant_user (tenant_id, created_at, id)`,
    );
    await q.query(
      `CREATE INDEX tenant_user_tenant_subject_sort_idx ON gateway.tenant_user (tenant_id, subject, id)`,
    );

    await q.query(`CREATE TABLE gateway.role_assignment (
      id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL,
      user_id uuid NOT NULL,
      role varchar(32) NOT NULL,
      project_id uuid,
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      CONSTRAINT role_assignment_user_fk FOREIGN KEY (tenant_id, user_id)
        REFERENCES gateway.tenant_user (tenant_id, id) ON DELETE CASCADE
    )`);
    await q.query(
      `CREATE UNIQUE INDEX role_assignment_tenant_uq ON gateway.role_assignment (tenant_id, user_id, role) WHERE project_id IS NULL`,
    );
    await q.query(
      `CREATE UNIQUE INDEX role_assignment_project_uq ON gateway.role_assignment (tenant_id, user_id, role, project_id) WHERE project_id IS NOT NULL`,
    );

    await q.query(`CREATE TABLE gateway.api_key (
      id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL,
      name varchar(200) NOT NULL,
      prefix varchar(16) NOT NULL,
      secret_hash char(64) NOT NULL,
      role varchar(32) NOT NULL,
      expires_at timestamptz(3),
      revoked_at timestamptz(3),
      rotated_at timestamptz(3),
      created_by varchar(256) NOT NULL,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      updated_at timestamptz(3) NOT NULL DEFAULT now(),
      CONSTRAINT api_key_tenant_fk FOREIGN KEY (tenant_id) REFERENCES gateway.tenant (id) ON DELETE CASCADE
    )`);
    await q.query(`CREATE UNIQUE INDEX api_key_prefix_uq ON gateway.api_key (prefix)`);
    await q.query(`CREATE INDEX api_key_tenant_created_idx ON gateway.api_key (tenant_id, created_at, id)`);
    await q.query(`CREATE INDEX api_key_tenant_name_idx ON gateway.api_key (tenant_id, name, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE gateway.api_key`);
    await q.query(`DROP TABLE gateway.role_assignment`);
    await q.query(`DROP TABLE gateway.tenant_user`);
    await q.query(`DROP TABLE gateway.tenant_settings`);
    await q.query(`DROP TABLE gateway.tenant`);
  }
}
