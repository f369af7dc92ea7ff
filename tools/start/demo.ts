// `npm start -- --demo`: a small portfolio (with a programme) loaded through the public API, as a
// user would. Safe to run again: the portfolio is found by name, the programme by code, and
// projects answer 409 when their code exists.

export type Log = (line: string) => void;

interface DemoProject {
  code: string;
  name: string;
  description: string;
  status: 'proposed' | 'active';
  /** Offsets from today in days, so the demo never looks years stale. */
  startInDays: number;
  targetInDays: number;
  /** in the demo programme (else straight in the portfolio) */
  inProgramme?: boolean;
}

const PORTFOLIO = {
  name: 'Digital Workplace',
  description: 'Modern tools for every employee: devices, collaboration and the intranet.',
};

const PROGRAMME = {
  code: 'DW-P1',
  name: 'Employee experience',
  description: 'The intranet and the collaboration suite, planned and reported together.',
};

const PROJECTS: DemoProject[] = [
  {
    code: 'DW-01',
    name: 'Laptop refresh 2026',
    description: 'Replace 1,200 laptops older than four years, with zero-touch enrolment.',
    status: 'active',
    startInDays: -60,
    targetInDays: 120,
  },
  {
    code: 'DW-02',
    name: 'Intranet relaunch',
    description: 'Move the intranet to the new content platform and retire the old CMS.',
    status: 'active',
    startInDays: -20,
    targetInDays: 160,
    inProgramme: true,
  },
  {
    code: 'DW-03',
    name: 'Collaboration suite rollout',
    description: 'Chat, meetings and shared documents for all staff, with training and adoption.',
    status: 'proposed',
    startInDays: 45,
    targetInDays: 270,
    inProgramme: true,
  },
];

export async function loadDemo(api: string, token: string, log: Log): Promise<void> {
  const client = new ApiClient(api, token);
  const portfolio = await findOrCreatePortfolio(client, log);
  const programme = await findOrCreateProgramme(client, portfolio, log);
  for (const p of PROJECTS) {
    const res = await client.send('POST', '/projects', {
      name: p.name,
      code: p.code,
      description: p.description,
      portfolioId: portfolio,
      ...(p.inProgramme ? { programmeId: programme } : {}),
      startDate: isoDate(p.startInDays),
      targetDate: isoDate(p.targetInDays),
      status: p.status,
    });
    if (res.status === 409) log(`project ${p.code} "${p.name}" already loaded`);
    else if (res.ok) log(`project ${p.code} "${p.name}" created (${p.status}, id ${String(res.body?.id)})`);
    else throw new Error(`POST /projects ${p.code} answered ${res.status}: ${res.text}`);
  }
}

async function findOrCreatePortfolio(client: ApiClient, log: Log): Promise<string> {
  // Listing first keeps a re-run from adding a second "Digital Workplace". The list shape is
  // read loosely ({ data: [] } or { items: [] }); if listing fails we simply create.
  const list = await client.send('GET', '/portfolios?limit=100');
  const rows = list.ok
    ? (list.body?.data ?? list.body?.items ?? (Array.isArray(list.body) ? list.body : []))
    : [];
  const existing = (rows as Array<{ id?: string; name?: string }>).find((r) => r.name === PORTFOLIO.name);
  if (existing?.id) {
    log(`portfolio "${PORTFOLIO.name}" already loaded (id ${existing.id})`);
    return existing.id;
  }
  const created = await client.send('POST', '/portfolios', PORTFOLIO);
  if (!created.ok || typeof created.body?.id !== 'string') {
    throw new Error(`POST /portfolios answered ${created.status}: ${created.text}`);
  }
  log(`portfolio "${PORTFOLIO.name}" created (id ${created.body.id})`);
  return created.body.id;
}

async function findOrCreateProgramme(client: ApiClient, portfolio: string, log: Log): Promise<string> {
  const list = await client.send(
    'GET',
    `/programmes?portfolioId=${portfolio}&includeArchived=true&limit=100`,
  );
  const rows = list.ok ? ((list.body?.items ?? []) as Array<{ id?: string; code?: string }>) : [];
  const existing = rows.find((r) => r.code === PROGRAMME.code);
  if (existing?.id) {
    log(`programme ${PROGRAMME.code} "${PROGRAMME.name}" already loaded (id ${existing.id})`);
    return existing.id;
  }
  const created = await client.send('POST', '/programmes', { ...PROGRAMME, portfolioId: portfolio });
  if (!created.ok || typeof created.body?.id !== 'string') {
    throw new Error(`POST /programmes answered ${created.status}: ${created.text}`);
  }
  log(`programme ${PROGRAMME.code} "${PROGRAMME.name}" created (id ${created.body.id})`);
  return created.body.id;
}

/** YYYY-MM-DD, `days` from today (UTC). */
export function isoDate(days: number, today = new Date()): string {
  const d = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + days));
  return d.toISOString().slice(0, 10);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- loosely read API answers
type Json = any;

class ApiClient {
  constructor(
    private readonly api: string,
    private readonly token: string,
  ) {}

  async send(method: string, path: string, body?: unknown) {
    const res = await fetch(`${this.api}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    const text = await res.text();
    let parsed: Json;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    return { ok: res.ok, status: res.status, body: parsed as Json, text: text.slice(0, 500) };
  }
}
