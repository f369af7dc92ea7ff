import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Stored idempotent responses are sealed, and keys kept as a SHA-256 only (idempotency/
 * response-seal.ts): `response_sealed` holds the sealed headers and body, `key` holds the
 * hash when `key_hashed` is true. Additive only (RUNBOOK "Upgrade"): a replica of the previous
 * version keeps working during the rollout, writing rows with `key_hashed = false`. The gateway
 * seals those rows itself, at start and every ten minutes (IdempotencyRepository.sealLegacyRows;
 * SQL cannot derive the sealing key), so no migration step touches rows. A later release drops
 * `response_headers` and `response_body`, which this version never writes.
 */
export class SealIdempotencyResponses1795500000000 implements MigrationInterface {
  name = 'SealIdempotencyResponses1795500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE gateway.idempotency_key
        ADD COLUMN key_hashed boolean NOT NULL DEFAULT false,
        ADD COLUMN response_sealed bytea`);
  }

  async down(q: QueryRunner): Promise<void> {
    // the previous version cannot read sealed rows nor find hashed keys: forget them
    await q.query(`DELETE FROM gateway.idempotency_key WHERE key_hashed`);
    await q.query(`
      ALTER TABLE gateway.idempotency_key DROP COLUMN response_sealed, DROP COLUMN key_hashed`);
  }
}
