// Real child processes (tiny node scripts): start, restart after a crash, orderly stop.
import { describe, expect, it } from '@jest/globals';
import { Supervisor, backoffMs, type ServiceSpec } from './supervisor.js';

const script = (name: string, code: string): ServiceSpec => ({
  name,
  command: process.execPath,
  args: ['-e', code],
  env: process.env,
  cwd: process.cwd(),
});

const waitFor = async (check: () => boolean, ms = 5000) => {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('backoffMs', () => {
  it('doubles from 1 s up to 10 s', () => {
    expect([0, 1, 2, 3, 4, 5].map(backoffMs)).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000]);
  });
});

describe('Supervisor', () => {
  it('passes lines on, restarts a crashed service and stops everything', async () => {
    const lines: string[] = [];
    const notices: string[] = [];
    const supervisor = new Supervisor(
      [
        script('steady', `console.log('{"level":30,"msg":"up"}'); setInterval(() => {}, 1000);`),
        script('crashy', `console.log('booting'); setTimeout(() => process.exit(3), 50);`),
        // Handles SIGTERM like a well-behaved service: says goodbye and exits.
        script(
          'graceful',
          `process.on('SIGTERM', () => { console.log('bye'); process.exit(0); }); setInterval(() => {}, 1000);`,
        ),
      ],
      { line: (s, l) => lines.push(`${s}:${l}`), notice: (s, m) => notices.push(`${s}:${m}`) },
    );
    supervisor.startAll();
    await waitFor(() => notices.some((n) => n.startsWith('crashy:exited with code 3; restarting in 1 s')));
    await waitFor(() => lines.filter((l) => l === 'crashy:booting').length >= 2, 3000);
    expect(lines).toContain('steady:{"level":30,"msg":"up"}');
    expect(notices.filter((n) => /^steady:started \(pid \d+\)$/.test(n))).toHaveLength(1);

    await supervisor.stopAll();
    await waitFor(() => lines.includes('graceful:bye'));
    expect(supervisor.recentLines('crashy')).toContain('booting');
    const restartsAfterStop = notices.length;
    await new Promise((r) => setTimeout(r, 1200));
    expect(notices).toHaveLength(restartsAfterStop); // nothing restarted after stopAll
  }, 15_000);
});
