import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GUEST_LUXON, GUEST_LUXON_VERSION } from './guest-luxon.js';

const require = createRequire(import.meta.url);

/** The installed luxon's global build, as guest-luxon.ts holds it (its source map comment left out). */
function installed(): { version: string; source: string } {
  const manifest = require.resolve('luxon/package.json');
  const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };
  // The package's exports leave the global build out; it sits beside its manifest.
  const source = readFileSync(join(dirname(manifest), 'build/global/luxon.min.js'), 'utf8').replace(/\n\/\/# sourceMappingURL=.*\s*$/, '');
  return { version, source };
}

/** guest-luxon.ts made from the installed luxon (FLOWLOOM_UPDATE_GUEST_LUXON=1 writes it). */
function generated({ version, source }: { version: string; source: string }): string {
  return `// Generated from luxon ${version} (MIT, https://github.com/moment/luxon), build/global/luxon.min.js, its source map comment left out.
// Do not edit: guest-luxon.test.ts checks it against the installed luxon and says how to make it again.

/** Luxon's global build, evaluated inside QuickJS the first time an n8n expression reads a date (it defines \`luxon\`). */
export const GUEST_LUXON_VERSION = ${JSON.stringify(version)};

/** The source text. */
export const GUEST_LUXON = ${JSON.stringify(source)};
`;
}

describe('the Luxon the sandbox evaluates', () => {
  it('is the global build of the luxon the engine depends on (FLOWLOOM_UPDATE_GUEST_LUXON=1 makes it again)', () => {
    const current = installed();
    if (process.env.FLOWLOOM_UPDATE_GUEST_LUXON) writeFileSync(new URL('./guest-luxon.ts', import.meta.url), generated(current));
    expect(GUEST_LUXON_VERSION).toBe(current.version);
    expect(
      GUEST_LUXON === current.source,
      'guest-luxon.ts differs from the installed luxon: run this test with FLOWLOOM_UPDATE_GUEST_LUXON=1',
    ).toBe(true);
  });
});
