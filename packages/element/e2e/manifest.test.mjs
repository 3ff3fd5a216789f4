// custom-elements.json is generated from the components' JSDoc; this fails when it is out of date.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const pkg = fileURLToPath(new URL('..', import.meta.url));

test('custom-elements.json matches the components (run `npm run manifest -w @flowloom/element`)', () => {
  // The analyzer writes relative to the package folder: use the gitignored test-output/.
  const relative = '../../test-output/manifest-check';
  const out = join(pkg, relative);
  try {
    const cli = fileURLToPath(new URL('../../../node_modules/@custom-elements-manifest/analyzer/cem.js', import.meta.url));
    execFileSync(
      process.execPath,
      // Globs, sorting and options come from custom-elements-manifest.config.mjs, as for `npm run manifest`.
      [cli, 'analyze', '--outdir', relative],
      {
        cwd: pkg,
        stdio: 'pipe',
      },
    );
    const fresh = JSON.parse(readFileSync(join(out, 'custom-elements.json'), 'utf8'));
    const committed = JSON.parse(readFileSync(join(pkg, 'custom-elements.json'), 'utf8'));
    assert.deepEqual(committed, fresh);
    const editor = committed.modules.flatMap((m) => m.declarations ?? []).find((d) => d.tagName === 'workflow-editor');
    assert.ok(editor.events.some((e) => e.name === 'wf-before-node-remove'));
    assert.ok(editor.cssProperties.length >= 40 && editor.cssParts.length >= 8 && editor.slots.length === 2);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
