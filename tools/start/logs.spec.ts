import { describe, expect, it } from '@jest/globals';
import { formatLogLine, prefix } from './logs.js';

const line = (fields: Record<string, unknown>) =>
  JSON.stringify({ level: 30, time: 1767225600000, pid: 42, hostname: 'box', ...fields });

describe('formatLogLine', () => {
  it('prints level and message, hiding pino bookkeeping and the service name', () => {
    expect(formatLogLine(line({ msg: 'project created', service: 'planning' }), 'planning', false)).toEqual([
      'INFO  project created',
    ]);
  });

  it('prints other fields compactly, quoting strings with spaces and shortening long values', () => {
    const [out] = formatLogLine(
      line({
        level: 40,
        msg: 'slow',
        projectId: 'p-1',
        note: 'two words',
        data: { a: 1 },
        big: 'x'.repeat(500),
      }),
      'planning',
      false,
    );
    expect(out).toMatch(/^WARN {2}slow projectId=p-1 note="two words" data=\{"a":1\} big=x+…$/);
    expect(out.length).toBeLessThan(300);
  });

  it('summarises err and prints its stack below for errors', () => {
    const err = {
      type: 'TypeError',
      message: 'boom',
      stack: 'TypeError: boom\n    at f (a.js:1:1)\n    at g (b.js:2:2)',
    };
    expect(formatLogLine(line({ level: 50, msg: 'failed', err }), 'risk', false)).toEqual([
      'ERROR failed err="TypeError: boom"',
      '    at f (a.js:1:1)',
      '    at g (b.js:2:2)',
    ]);
    expect(formatLogLine(line({ level: 40, msg: 'retrying', err }), 'risk', false)).toHaveLength(1);
  });

  it('shows a Nest context before the message', () => {
    expect(
      formatLogLine(line({ msg: 'Mapped {/x, GET}', context: 'RouterExplorer' }), 'gateway', false),
    ).toEqual(['INFO  [RouterExplorer] Mapped {/x, GET}']);
  });

  it('passes lines that are not JSON objects through', () => {
    expect(formatLogLine('(node:1) Warning: something', 'budget', false)).toEqual([
      '(node:1) Warning: something',
    ]);
    expect(formatLogLine('{not json', 'budget', false)).toEqual(['{not json']);
  });

  it('colours only when asked', () => {
    expect(prefix('risk', 9, 4, false)).toBe('risk      | ');
    expect(prefix('risk', 9, 4, true)).toContain('\x1b[');
    expect(formatLogLine(line({ level: 50, msg: 'x' }), 'risk', true)[0]).toContain('\x1b[31m');
  });
});
