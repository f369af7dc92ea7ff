import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { chartFiles, generateTable, renderReadme } from './readme.js';

describe('charts/baton/README.md', () => {
  const { readmePath, valuesPath } = chartFiles();
  const values = readFileSync(valuesPath, 'utf8');

  it('carries the values table generated from values.yaml (run `npx tsx tools/helm/readme.ts` after changing values)', () => {
    const readme = readFileSync(readmePath, 'utf8');
    expect(renderReadme(readme, values)).toBe(readme);
  });

  it('documents every value: a key without a @param comment is an error', () => {
    const undocumented = values.replace('## @param tmpSizeLimit', '## (no param) tmpSizeLimit');
    expect(() => generateTable(undocumented)).toThrow(/tmpSizeLimit/);
  });

  it('refuses a @param that names no value', () => {
    expect(() => generateTable(`${values}\n## @param nothing.here Describes nothing\n`)).toThrow(
      /nothing\.here/,
    );
  });

  it('lists each value with its description and default', () => {
    const table = generateTable(values);
    expect(table).toContain('| `database.existingSecretKey` | Key of the URL in that Secret | `"url"` |');
    expect(table).toContain('| `management.port` |');
    expect(table).toMatch(
      /\| `defaults\.autoscaling\.behavior` \| .* \| `\{"scaleDown":\{"stabilizationWindowSeconds":300\}\}` \|/,
    );
  });
});
