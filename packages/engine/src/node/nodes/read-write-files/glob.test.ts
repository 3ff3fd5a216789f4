import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FilesRoot } from './files-root.js';
import { compileGlob, expandBraces } from './glob.js';

// The oracle is bash: with `globstar` it reads these patterns the way the node documents them.
const FILES = [
  'a.txt',
  'b.csv',
  'c.TXT',
  '.hidden.txt',
  'data/one.csv',
  'data/two.csv',
  'data/notes.md',
  'data/2026/jan.csv',
  'data/2026/feb.csv',
  'data/2026/deep/mar.csv',
  'data/.secret/key.csv',
  'logs/app-1.log',
  'logs/app-2.log',
  'logs/app-10.log',
  'logs/db-1.log',
  'weird/[x].txt',
  'weird/a b.txt',
];

let root: string;
let files: FilesRoot;
beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'flowloom-glob-'));
  for (const f of FILES) {
    mkdirSync(join(root, f, '..'), { recursive: true });
    writeFileSync(join(root, f), f);
  }
  files = await FilesRoot.open({ root });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The files bash lists for a pattern in the root (folders left out). */
function bash(pattern: string): string[] {
  const script = `shopt -s globstar nullglob; cd "$1"; for f in ${pattern}; do [ -f "$f" ] && printf '%s\\n' "$f"; done; true`;
  const out = execFileSync('bash', ['-c', script, 'bash', root], { encoding: 'utf8' });
  return [...new Set(out.split('\n').filter((l) => l !== ''))].sort();
}

describe('file patterns', () => {
  it.each([
    '*.txt',
    '*',
    '?.csv',
    '[ab].*',
    '[!a].*',
    '[a-c].*',
    'data/*.csv',
    'data/**/*.csv',
    '**/*.csv',
    '**',
    'data/**',
    'logs/app-?.log',
    'logs/app-*.log',
    'logs/{app,db}-1.log',
    '{data/2026,logs}/*',
    'data/{one,two,three}.csv',
    '**/*.{md,log}',
    'weird/\\[x\\].txt',
    'weird/a\\ b.txt',
    '.*',
    'data/.*/*.csv',
  ])('%s matches the files bash matches', async (pattern) => {
    expect((await files.glob(pattern)).map((f) => f.path)).toEqual(bash(pattern));
  });

  it('expands alternatives, nested ones too', () => {
    expect(expandBraces('a{b,c{d,e}}f')).toEqual(['abf', 'acdf', 'acef']);
    expect(expandBraces('a{b}c')).toEqual(['a{b}c']);
  });

  it('says how deep a pattern can reach', () => {
    expect(compileGlob('*.csv').maxDepth).toBe(0);
    expect(compileGlob('a/*/c').maxDepth).toBe(2);
    expect(compileGlob('a/**/c').maxDepth).toBe(Infinity);
  });
});
