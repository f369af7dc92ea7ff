import { describe, expect, it } from '@jest/globals';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { EventContractsByService, RpcContractsByService } from './registry.js';

const DOC = fileURLToPath(new URL('../SUBJECTS.md', import.meta.url));

/** The committed list of every NATS subject, rendered from the contracts. */
function renderSubjects(): string {
  const lines = [
    '# NATS subjects',
    '',
    'Generated from `libs/contracts` (`src/registry.ts`); do not edit. After changing a contract, run',
    '`UPDATE_GENERATED=1 npx jest libs/contracts` and commit the result. Renaming a subject is a breaking',
    'change: add a new version beside the old one.',
    '',
    '## Request/reply (NATS core, queue group = service)',
    '',
    '| subject | request | response | tenant-scoped |',
    '|---|---|---|---|',
  ];
  for (const contracts of Object.values(RpcContractsByService)) {
    for (const c of Object.values(contracts).sort((a, b) => a.subject.localeCompare(b.subject))) {
      lines.push(`| \`${c.subject}\` | ${c.request.name} | ${c.response?.name ?? '—'} | ${c.tenantScoped ? 'yes' : 'no'} |`);
    }
  }
  lines.push('', '## Domain events (JetStream stream `BATON_EVENTS`)', '', '| subject | aggregate | payload |', '|---|---|---|');
  for (const contracts of Object.values(EventContractsByService)) {
    for (const c of Object.values(contracts).sort((a, b) => a.subject.localeCompare(b.subject))) {
      lines.push(`| \`${c.subject}\` | ${c.aggregate} | ${c.payload.name} |`);
    }
  }
  return `${lines.join('\n')}\n`;
}

describe('contracts', () => {
  it('declare every subject once', () => {
    const subjects = [
      ...Object.values(RpcContractsByService).flatMap((c) => Object.values(c).map((x) => x.subject)),
      ...Object.values(EventContractsByService).flatMap((c) => Object.values(c).map((x) => x.subject)),
    ];
    expect(new Set(subjects).size).toBe(subjects.length);
  });

  it('follow the subject conventions', () => {
    for (const [service, contracts] of Object.entries(RpcContractsByService)) {
      for (const c of Object.values(contracts)) expect(c.subject).toMatch(new RegExp(`^baton\\.v1\\.${service}\\.[a-z-]+(\\.[a-z-]+)?$`));
    }
    for (const [service, contracts] of Object.entries(EventContractsByService)) {
      for (const c of Object.values(contracts)) expect(c.subject).toMatch(new RegExp(`^baton\\.v1\\.events\\.${service}\\.[a-z-]+\\.[a-z-]+$`));
    }
  });

  it('match the committed SUBJECTS.md (regenerate with UPDATE_GENERATED=1)', () => {
    const rendered = renderSubjects();
    if (process.env.UPDATE_GENERATED === '1') writeFileSync(DOC, rendered);
    expect(readFileSync(DOC, 'utf8')).toBe(rendered);
  });
});
