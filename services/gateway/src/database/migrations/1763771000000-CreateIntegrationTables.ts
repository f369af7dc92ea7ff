import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Idempotency keys, the audit log, webhook endpoints and their deliveries (schema `gateway`).
 * The audit log is append-only: triggers refuse UPDATE, DELETE and TRUNCATE for every role,
 * the table owner included (REVOKE alone would not bind the owner the gateway connects as).
 */
export class CreateIntegrationTables1763771000000 implements MigrationInterface {
  name = 'CreateIntegrationTables1763771000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE gateway.idempotency_key (
        tenant_id uuid NOT NULL,
        principal varchar(256) NOT NULL,
        key varchar(255) NOT NULL,
        request_hash char(64) NOT NULL,
        method varchar(8) NOT NULL,
        path text NOT NULL,
        state varchar(16) NOT NULL CONSTRAINT idempotency_key_state_ck CHECK (state IN ('in_flight', 'completed')),
        locked_until timestamptz,
        response_status integer,
        response_headers jsonb,
        response_body text,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        CONSTRAINT idempotency_key_pk PRIMARY KEY (tenant_id, principal, key)
      )`);
    await q.query(`CREATE INDEX idempotency_key_expires_idx ON gateway.idempotency_key (expires_at)`);

    await q.query(`
      CREATE TABLE gateway.audit_event (
        id uuid NOT NULL CONSTRAINT audit_event_pk PRIMARY KEY,
        occurred_at timestamptz(3) NOT NULL,
        tenant_id uuid NOT NULL,
        actor_id varchar(256) NOT NULL,
        auth_method varchar(32) NOT NULL,
        method varchar(8) NOT NULL,
        route text NOT NULL,
        operation_id varchar(128),
        target_id varchar(256),
        status integer NOT NULL,
        request_id varchar(128) NOT NULL
      )`);
    await q.query(
      `CREATE INDEX audit_event_tenant_time_idx ON gateway.audit_event (tenant_id, occurred_at DESC, id DESC)`,
    );
    await q.query(`
      CREATE FUNCTION gateway.audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'gateway.audit_event is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER audit_event_no_update_delete BEFORE UPDATE OR DELETE ON gateway.audit_event
      FOR EACH ROW EXECUTE FUNCTION gateway.audit_event_append_only()`);
    await q.query(`
      CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON gateway.audit_event
      FOR EACH STATEMENT EXECUTE FUNCTION gateway.audit_event_append_only()`);
    await q.query(`REVOKE UPDATE, DELETE, TRUNCATE ON gateway.audit_event FROM PUBLIC`);

    await q.query(`
      CREATE TABLE gateway.webhook_endpoint (
        id uuid NOT NULL CONSTRAINT webhook_endpoint_pk PRIMARY KEY,
        tenant_id uuid NOT NULL,
        url text NOT NULL,
        description varchar(500),
        event_types text[] NOT NULL,
        secret varchar(128) NOT NULL,
        previous_secret varchar(128),
        previous_secret_expires_at timestamptz,
        enabled boolean NOT NULL DEFAULT true,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX webhook_endpoint_tenant_idx ON gateway.webhook_endpoint (tenant_id, created_at, id)`,
    );

    await q.query(`
      CREATE TABLE gateway.webhook_delivery (
        id uuid NOT NULL CONSTRAINT webhook_delivery_pk PRIMARY KEY,
        tenant_id uuid NOT NULL,
        endpoint_id uuid NOT NULL CONSTRAINT webhook_delivery_endpoint_fk REFERENCES gateway.webhook_endpoint (id) ON DELETE CASCADE,
        event_id uuid NOT NULL,
        event_type varchar(200) NOT NULL,
        payload jsonb NOT NULL,
        status varchar(16) NOT NULL CONSTRAINT webhook_delivery_status_ck CHECK (status IN ('pending', 'succeeded', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz,
        locked_until timestamptz,
        last_status_code integer,
        last_error text,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        delivered_at timestamptz,
        CONSTRAINT webhook_delivery_event_uq UNIQUE (endpoint_id, event_id)
      )`);
    await q.query(
      `CREATE INDEX webhook_delivery_due_idx ON gateway.webhook_delivery (next_attempt_at) WHERE status = 'pending'`,
    );
    await q.query(
      `CREATE INDEX webhook_delivery_endpoint_idx ON gateway.webhook_delivery (tenant_id, endpoint_id, created_at DESC, id DESC)`,
    );

    await q.query(`
      CREATE TABLE gateway.webhook_attempt (
        delivery_id uuid NOT NULL CONSTRAINT webhook_attempt_delivery_fk REFERENCES gateway.webhook_delivery (id) ON DELETE CASCADE,
        attempt integer NOT NULL,
        attempted_at timestamptz NOT NULL,
        duration_ms integer NOT NULL,
        status_code integer,
        error text,
        CONSTRAINT webhook_attempt_pk PRIMARY KEY (delivery_id, attempt)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE gateway.webhook_attempt`);
    await q.query(`DROP TABLE gateway.webhook_delivery`);
    await q.query(`DROP TABLE gateway.webhook_endpoint`);
    await q.query(`DROP TABLE gateway.audit_event`);
    await q.query(`DROP FUNCTION gateway.audit_event_append_only()`);
    await q.query(`DROP TABLE gateway.idempotency_key`);
  }
}
