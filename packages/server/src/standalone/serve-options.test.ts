import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SERVE_OPTIONS, SERVE_VARIABLES, serveEnvironment } from './serve-options.js';

const deploy = readFileSync(new URL('../../../../docs/deploy.md', import.meta.url), 'utf8');
/** The rows of the table under "Every flag and environment variable" in docs/deploy.md. */
const rows = deploy
  .slice(deploy.indexOf('## Every flag and environment variable'))
  .split('\n')
  .filter((line) => line.startsWith('| ') && !line.startsWith('| flag') && !line.startsWith('| ---'))
  .map((line) => line.split(/(?<!\\)\|/).map((cell) => cell.trim().replaceAll('`', '').replaceAll('\\|', '|')));

describe('the options of flowloom serve', () => {
  it('are each listed in docs/deploy.md with their variable and who reads them', () => {
    for (const option of SERVE_OPTIONS) {
      const row = rows.find((r) => r[1]!.split(' ')[0] === option.flag);
      expect(row, `${option.flag} in docs/deploy.md`).toBeDefined();
      expect(row![1], option.flag).toBe(`${option.flag}${option.value ? ` ${option.value}` : ''}`);
      expect(row![2], option.flag).toBe(option.env ?? '');
    }
    for (const variable of SERVE_VARIABLES)
      expect(
        rows.some((r) => r[1] === '' && r[2] === variable.env),
        variable.env,
      ).toBe(true);
  });

  it('are the only ones the table lists', () => {
    const flags = rows.map((r) => r[1]!.split(' ')[0]).filter((f) => f !== '');
    expect(new Set(flags)).toEqual(new Set(SERVE_OPTIONS.map((o) => o.flag)));
    const variables = rows.map((r) => r[2]).filter((v) => v !== '');
    expect(new Set(variables)).toEqual(new Set(serveEnvironment().map((v) => v.env)));
  });

  it('name their variables FLOWLOOM_ and give each once', () => {
    const names = serveEnvironment().map((v) => v.env);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^FLOWLOOM_[A-Z_]+$/);
    expect(new Set(SERVE_OPTIONS.map((o) => o.flag)).size).toBe(SERVE_OPTIONS.length);
  });
});
