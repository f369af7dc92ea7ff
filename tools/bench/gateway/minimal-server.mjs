// The baseline for bench:gateway: the smallest server that answers GET /api/v1/projects/:id from
// Postgres: Fastify + pg, the same row query planning runs (tenant + id), no auth, no NATS.
// Env: DATABASE_URL, PORT, TENANT_ID, DB_POOL_SIZE. Prints "listening <port>" when ready.
import Fastify from 'fastify';
import pg from 'pg';

const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.DB_POOL_SIZE ?? 10),
});
const tenantId = process.env.TENANT_ID;
const app = Fastify({ logger: false });

app.get('/api/v1/projects/:id', async (request, reply) => {
  const { rows } = await pool.query(
    `SELECT id, tenant_id, portfolio_id, code, name, description, status, start_date, target_date, version,
            created_at, updated_at, archived_at
       FROM planning.project WHERE tenant_id = $1 AND id = $2 LIMIT 1`,
    [tenantId, request.params.id],
  );
  const p = rows[0];
  if (!p) return reply.code(404).send({ code: 'NOT_FOUND' });
  reply.header('ETag', `"${p.version}"`);
  return {
    id: p.id,
    name: p.name,
    code: p.code,
    description: p.description,
    portfolioId: p.portfolio_id,
    status: p.status,
    startDate: p.start_date,
    targetDate: p.target_date,
    archived: p.archived_at !== null,
    archivedAt: p.archived_at,
    version: p.version,
    createdAt: p.created_at,
    updatedAt: p.updated_at,
  };
});

const address = await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
console.log(`listening ${new URL(address).port}`);
const stop = async () => {
  await app.close();
  await pool.end();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
