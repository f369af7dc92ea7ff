import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** Database names we create: lower-case identifiers, so no quoting surprises. */
const NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** The same server URL pointing at another database. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

/** The database named in a URL's path, or undefined when it names none. */
export function databaseOf(url: string): string | undefined {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
  return name || undefined;
}

/** Creates `name` on the server of `adminUrl` unless it exists. Returns the URL of `name`. */
export async function ensureDatabase(adminUrl: string, name: string): Promise<string> {
  assertName(name);
  await withClient(adminUrl, async (client) => {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount) return;
    try {
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
    } catch (err) {
      // 42P04 duplicate_database: another process created it between our check and now.
      if ((err as { code?: string }).code !== '42P04') throw err;
    }
  });
  return withDatabase(adminUrl, name);
}

/** A fresh, uniquely named database for one test suite. Drop it with dropDatabase(). */
export async function createTestDatabase(
  adminUrl: string,
  prefix = 'baton_test',
): Promise<{ name: string; url: string }> {
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  assertName(name);
  await withClient(adminUrl, (client) => client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`));
  return { name, url: withDatabase(adminUrl, name) };
}

/** Drops `name` if it exists, disconnecting whoever still uses it (Postgres 13+). */
export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  assertName(name);
  await withClient(adminUrl, (client) =>
    client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`),
  );
}

/** Connects once and runs `SELECT 1`; the error names `what` (e.g. DATABASE_URL) and the host. */
export async function ensureReachable(url: string, what: string): Promise<void> {
  try {
    await withClient(url, (client) => client.query('SELECT 1'));
  } catch (err) {
    const { host } = new URL(url);
    throw new Error(`${what} (${host}) is set but Postgres there cannot be used: ${(err as Error).message}`, {
      cause: err,
    });
  }
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function assertName(name: string): void {
  if (!NAME.test(name)) throw new Error(`not a valid database name for Baton: "${name}"`);
}
