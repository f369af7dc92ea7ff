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
  const portfolio = await findOrCreate(
    client,
    log,
    `portfolio "${PORTFOLIO.name}"`,
    '/portfolios?limit=100',
    (row) => row.name === PORTFOLIO.name,
    '/portfolios',
    PORTFOLIO,
  );
  const programme = await findOrCreate(
    client,
    log,
    `programme ${PROGRAMME.code} "${PROGRAMME.name}"`,
    `/programmes?portfolioId=${portfolio}&includeArchived=true&limit=100`,
    (row) => row.code === PROGRAMME.code,
    '/programmes',
    { ...PROGRAMME, portfolioId: portfolio },
  );
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

/**
 * The id of the row of `list` that `matches`, else of the one POSTed to `create`: listing first keeps
 * a re-run from adding a second copy.
 */
async function findOrCreate(
  client: ApiClient,
  log: Log,
  what: string,
  list: string,
  matches: (row: { id: string; name?: string; code?: string | null }) => boolean,
  create: string,
  body: object,
): Promise<string> {
  const listed = await client.send('GET', list);
  if (!listed.ok) throw new Error(`GET ${list} answered ${listed.status}: ${listed.text}`);
  const existing = (listed.body.items as { id: string }[]).find(matches);
  if (existing) {
    log(`${what} already loaded (id ${existing.id})`);
    return existing.id;
  }
  const created = await client.send('POST', create, body);
  if (!created.ok || typeof created.body?.id !== 'string') {
    throw new Error(`POST ${create} answered ${created.status}: ${created.text}`);
  }
  log(`${what} created (id ${created.body.id})`);
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
