import { LOGGER, type Logger } from '@baton/platform';
import { createTestEnvironment, waitFor, type TestEnvironment } from '@baton/testing';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import { createCipheriv, randomBytes } from 'node:crypto';
import pg from 'pg';
import request from 'supertest';
import { keyIdOf, SecretCipher, sealedWith } from '../webhooks/secret-cipher.js';
import { WebhookSecrets } from '../webhooks/webhook-secrets.js';
import { startCountingPlanning, type CountingPlanning } from './integration-standin.js';
import type { TestGateway } from './support.js';
import { startWebhookGateway, storedSecrets } from './webhook-secrets-support.js';
import { startReceiver, verifyStandardWebhook, type Receiver } from './webhook-receiver.js';

const newKey = () => randomBytes(32).toString('base64');
const [A, B, C] = [newKey(), newKey(), newKey()];
const idOf = (k: string) => keyIdOf(Buffer.from(k, 'base64'));
const onlyB = new SecretCipher(B);

/** what the gateway stored before values named their key (`enc:v1:`), written from the format */
const sealV1 = (key: string, secret: string, endpointId: string) => {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', Buffer.from(key, 'base64'), iv);
  c.setAAD(Buffer.from(`baton:webhook-endpoint:${endpointId}`, 'utf8'));
  const ct = Buffer.concat([c.update(secret, 'utf8'), c.final()]);
  return `enc:v1:${Buffer.concat([iv, c.getAuthTag(), ct]).toString('base64')}`;
};

interface Endpoint {
  id: string;
  secret: string;
  previous?: string;
  receiver: Receiver;
}

/**
 * Rotating WEBHOOK_SECRET_KEY from A to B: a gateway restarted with current B and previous A
 * reads what A sealed (enc:v2 naming A, and enc:v1 with no key id), re-seals it with B at start
 * (and again at a later pass, for values an old replica wrote meanwhile, without overwriting a
 * change made while it ran), so that a gateway with B alone still signs every delivery with the
 * secrets the subscribers hold. A value no configured key opens is never touched.
 */
describe('rotating the webhook secret key (real Postgres, NATS, JetStream, receivers)', () => {
  let env: TestEnvironment;
  let standIn: { app: INestApplicationContext; planning: CountingPlanning };
  let db: pg.Client;
  let gw: TestGateway | undefined;
  let admin = '';
  const e = {} as Record<'one' | 'two' | 'lost', Endpoint>;
  let lostStored = '';
  let lostFailed = 0;

  const start = async (extra: Record<string, string>) => {
    await gw?.close();
    ({ gw, admin } = await startWebhookGateway(env, extra));
  };
  const stored = (id: string) => storedSecrets(db, id);
  const storeSecret = (id: string, secret: string) =>
    db.query('UPDATE gateway.webhook_endpoint SET secret = $2 WHERE id = $1', [id, secret]);
  const subscribe = async (): Promise<Endpoint> => {
    const receiver = await startReceiver(200);
    const res = await request(gw!.server)
      .post('/api/v1/webhooks/endpoints')
      .set('Authorization', admin)
      .send({ url: receiver.url, eventTypes: ['planning.project.created'] })
      .expect(201);
    return { id: res.body.id, secret: res.body.secret, receiver };
  };
  /** creates a project and checks the delivery each readable endpoint gets against the secrets it holds */
  const expectSignedDeliveries = async (name: string) => {
    await request(gw!.server).post('/api/v1/projects').set('Authorization', admin).send({ name }).expect(201);
    for (const ep of [e.one, e.two]) {
      const hit = await waitFor(async () => ep.receiver.received.find((r) => r.body.includes(name)), {
        what: `the delivery of ${name}`,
        timeoutMs: 15_000,
      });
      for (const secret of [ep.secret, ep.previous].filter((s) => s !== undefined)) {
        expect(await verifyStandardWebhook(secret, hit.headers, hit.body)).toBe(true);
      }
    }
    // the endpoint sealed with an unknown key: one more failed delivery, nothing sent
    const failed = await waitFor(
      async () => {
        const r = await request(gw!.server)
          .get(`/api/v1/webhooks/endpoints/${e.lost.id}/deliveries?status=failed`)
          .set('Authorization', admin);
        const items = r.body.items as Array<{ lastError: string }> | undefined;
        return items && items.length > lostFailed ? items : undefined;
      },
      { what: 'the failed delivery to the endpoint sealed with an unknown key', timeoutMs: 15_000 },
    );
    lostFailed = failed.length;
    for (const d of failed) {
      expect(d.lastError).toMatch(
        new RegExp(
          `^not sent: the endpoint secret is sealed with key ${idOf(C)}, which is neither WEBHOOK_SECRET_KEY`,
        ),
      );
    }
    expect(e.lost.receiver.received).toHaveLength(0);
  };
  const expectAllSealedWithB = async () => {
    const one = await stored(e.one.id);
    const two = await stored(e.two.id);
    for (const value of [one.secret, one.previous_secret, two.secret]) {
      expect(value!.startsWith(sealedWith(idOf(B)))).toBe(true);
    }
    expect(onlyB.open(one.secret, e.one.id)).toBe(e.one.secret);
    expect(onlyB.open(one.previous_secret!, e.one.id)).toBe(e.one.previous);
    expect(onlyB.open(two.secret, e.two.id)).toBe(e.two.secret);
  };

  beforeAll(async () => {
    env = await createTestEnvironment();
    standIn = await startCountingPlanning(env);
    db = new pg.Client({ connectionString: env.databaseUrl });
    await db.connect();
  });

  afterAll(async () => {
    await gw?.close();
    await db?.end();
    await standIn?.app.close();
    for (const ep of Object.values(e)) await ep.receiver.close();
    await env?.dispose();
  });

  it('with key A: seals new and rotated secrets as enc:v2 naming A (beside older enc:v1 rows and one from a lost key)', async () => {
    await start({ WEBHOOK_SECRET_KEY: A });
    e.one = await subscribe();
    const rotated = await request(gw!.server)
      .post(`/api/v1/webhooks/endpoints/${e.one.id}/rotate-secret`)
      .set('Authorization', admin)
      .expect(200);
    Object.assign(e.one, { previous: e.one.secret, secret: rotated.body.secret });
    const one = await stored(e.one.id);
    expect(one.secret.startsWith(`enc:v2:${idOf(A)}:`)).toBe(true);
    expect(one.previous_secret!.startsWith(`enc:v2:${idOf(A)}:`)).toBe(true);

    e.two = await subscribe(); // as a gateway before key ids stored it
    await storeSecret(e.two.id, sealV1(A, e.two.secret, e.two.id));
    e.lost = await subscribe(); // sealed with a key nobody configures any more
    lostStored = new SecretCipher(C).seal(e.lost.secret, e.lost.id);
    await storeSecret(e.lost.id, lostStored);
  });

  it('restarted with current B and previous A: re-seals at start every value A sealed, and signs with the same secrets', async () => {
    await start({ WEBHOOK_SECRET_KEY: B, WEBHOOK_SECRET_KEYS_PREVIOUS: A });
    await expectAllSealedWithB();
    expect((await stored(e.lost.id)).secret).toBe(lostStored);
    await expectSignedDeliveries('After the key change');
  });

  it('opens what a replica still on A writes meanwhile, and re-seals it at the next pass without overwriting a change made during it', async () => {
    // a replica still on key A (a rolling update) writes values sealed with A
    await storeSecret(e.two.id, new SecretCipher(A).seal(e.two.secret, e.two.id));
    await storeSecret(e.one.id, new SecretCipher(A).seal(e.one.secret, e.one.id));
    await expectSignedDeliveries('Written by a replica on key A');

    // that replica rotates endpoint one while the pass runs: its transaction holds the row
    const other = new pg.Client({ connectionString: env.databaseUrl });
    await other.connect();
    const logger = gw!.app.get<Logger>(LOGGER);
    const level = logger.level;
    logger.level = 'info'; // pino rebinds its methods on a level change: spy after
    const info = jest.spyOn(logger, 'info');
    const error = jest.spyOn(logger, 'error');
    try {
      const rotatedTo = `whsec_${randomBytes(32).toString('base64')}`;
      await other.query('BEGIN');
      await other.query(
        `UPDATE gateway.webhook_endpoint SET previous_secret = secret, secret = $2,
                previous_secret_expires_at = now() + interval '1 hour' WHERE id = $1`,
        [e.one.id, new SecretCipher(A).seal(rotatedTo, e.one.id)],
      );
      const pass = gw!.app.get(WebhookSecrets).onApplicationBootstrap();
      await waitFor(
        async () =>
          (
            await db.query<{ n: number }>(
              `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
            )
          ).rows[0]!.n > 0 || undefined,
        { what: 'the re-seal waiting for the rotation', timeoutMs: 10_000 },
      );
      await other.query('COMMIT');
      await pass;
      Object.assign(e.one, { previous: e.one.secret, secret: rotatedTo });

      await expectAllSealedWithB();
      const lines = (spy: typeof info) => spy.mock.calls.map((c) => [c[0], c[1]] as [unknown, unknown]);
      expect(lines(info)).toContainEqual([
        { endpoints: 2, encrypted: 0, resealed: 3, keyId: idOf(B) },
        'sealed stored webhook secrets with WEBHOOK_SECRET_KEY',
      ]);
      expect(lines(error)).toContainEqual([
        { values: 1, endpointIds: [e.lost.id], keyId: idOf(B), previousKeyIds: [idOf(A)] },
        expect.stringMatching(/^stored webhook secrets that neither .* opens were left as they are/),
      ]);
    } finally {
      info.mockRestore();
      error.mockRestore();
      logger.level = level;
      await other.end();
    }
    await expectSignedDeliveries('After a rotation during the re-seal');
  });

  it('restarted with B alone: every value opens and deliveries sign as before; the value no key opens is still there', async () => {
    await start({ WEBHOOK_SECRET_KEY: B });
    await expectAllSealedWithB();
    await expectSignedDeliveries('Key A removed');
    expect((await stored(e.lost.id)).secret).toBe(lostStored);
    expect(new SecretCipher(C).open(lostStored, e.lost.id)).toBe(e.lost.secret);
  });
});
