// The baseline for bench:gateway: the smallest server that answers GET /api/v1/projects/:id from
// Postgres: Fastify + pg, the same prepared statement planning runs (tenant + id), no auth, no NATS.
// Env: DATABASE_URL, PORT, TENANT_ID, DB_POOL_SIZE. Prints "listening <port>" when ready.
import Fastify from 'fastify';
import pg from 'pg';

const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.DB_POOL_SIZE ?? 10),
  idleTimeoutMillis: 0, // connections stay open between the runs, as planning's do under load
});
const tenantId = process.env.TENANT_ID;
const app = Fastify({ logger: false });

// The same statement planning prepares for this read (ProjectRepository.findView): the same
// columns, dates formatted in SQL, prepared once per connection.
const iso = (column) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const VIEW_SQL = `
  SELECT id, name, code, description, portfolio_id AS "portfolioId", programme_id AS "programmeId", status,
         start_date::text AS "startDate", target_date::text AS "targetDate",
         archived_at IS NOT NULL AS archived, ${iso('archived_at')} AS "archivedAt", version,
         ${iso('created_at')} AS "createdAt", ${iso('updated_at')} AS "updatedAt"
    FROM planning.project
   WHERE tenant_id = $1 AND id = $2`;

app.get('/api/v1/projects/:id', async (request, reply) => {
  const { rows } = await pool.query({
    name: 'planning.project.view',
    text: VIEW_SQL,
    values: [tenantId, request.params.id],
  });
  const project = rows[0];
  if (!project) return reply.code(404).send({ code: 'NOT_FOUND' });
  reply.header('ETag', `"${project.version}"`);
  return project;
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
