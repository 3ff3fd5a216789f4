import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../ports/logger.js';
import { createEngine } from '../run/engine.js';
import { runCliIn } from '../testing/run-cli-in-process.node.js';

const fixtures = fileURLToPath(new URL('../n8n/fixtures/workflows/', import.meta.url));
const engine = createEngine({ logger: silentLogger });
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'flowloom-import-'));
  mkdirSync(join(dir, 'exports/more'), { recursive: true });
  for (const file of readdirSync(fixtures)) copyFileSync(join(fixtures, file), join(dir, 'exports', file));
  copyFileSync(join(fixtures, '1097_Manual_Noop_Automate_Triggered.json'), join(dir, 'exports/more/copy.json'));
});

const readJson = (path: string) => JSON.parse(readFileSync(join(dir, path), 'utf8')) as Record<string, unknown>;

describe('flowloom import n8n', () => {
  it('imports every file of a folder into --out, writes the report and prints a line per file and the totals', async () => {
    const { code, stdout, stderr } = await runCliIn(dir, ['import', 'n8n', 'exports', '--out', 'flowloom', '--report', 'out/report.json']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('exports/0786_Stopanderror_Stickynote_Create_Webhook.json: imported: 9/9 nodes mapped');
    expect(stdout).toContain('-> flowloom/more/copy.flowloom.json');
    expect(stdout).toMatch(/every node type has a mapping\s+4\s+100\.0%/);
    expect(stdout).toMatch(/every node mapped \(no placeholder\)\s+4\s+100\.0%/);
    for (const written of [
      'flowloom/0786_Stopanderror_Stickynote_Create_Webhook.flowloom.json',
      'flowloom/1097_Manual_Noop_Automate_Triggered.flowloom.json',
      'flowloom/1164_Stopanderror_Code_Automation_Triggered.flowloom.json',
      'flowloom/more/copy.flowloom.json',
    ]) {
      const validation = engine.validate(readJson(written));
      expect(validation.success, written).toBe(true);
    }
    const report = readJson('out/report.json') as { summary: { workflows: number }; reports: { source: string; status: string }[] };
    expect(report.summary.workflows).toBe(4);
    expect(report.reports.map((r) => r.source)).toEqual([
      'exports/0786_Stopanderror_Stickynote_Create_Webhook.json',
      'exports/1097_Manual_Noop_Automate_Triggered.json',
      'exports/1164_Stopanderror_Code_Automation_Triggered.json',
      'exports/more/copy.json',
    ]);
  });

  it('writes beside the file without --out, and leaves what it wrote out of the next import of the folder', async () => {
    expect((await runCliIn(dir, ['import', 'n8n', 'exports/more'])).code).toBe(0);
    expect(existsSync(join(dir, 'exports/more/copy.flowloom.json'))).toBe(true);
    const again = await runCliIn(dir, ['import', 'n8n', 'exports/more']);
    expect(again.stdout.match(/^exports\/more\/.*$/gm)).toEqual([expect.stringContaining('exports/more/copy.json: imported')]);
  });

  it('reports a file that is not a workflow, says why, and exits with 2', async () => {
    writeFileSync(join(dir, 'broken.json'), '{"nodes": [{"name": "A", "type": "n8n-nodes-base.set"');
    const { code, stdout } = await runCliIn(dir, ['import', 'n8n', 'broken.json', 'exports/1097_Manual_Noop_Automate_Triggered.json']);
    expect(code).toBe(2);
    expect(stdout).toMatch(/^broken\.json: refused: the file is not valid JSON \(.+\); it may be truncated$/m);
    expect(stdout).toMatch(/refused\s+1\s+50\.0%/);
    expect(existsSync(join(dir, 'broken.flowloom.json'))).toBe(false);
  });

  it.each([
    [['import', 'n8n', 'exports', '--bogus'], 'Unknown option --bogus for import (it takes --out, --report and --nodes).'],
    [['import', 'zapier', 'exports'], "flowloom cannot import from 'zapier'; it imports from: n8n."],
    [['import'], 'import needs a source system: flowloom import n8n <file | directory>.'],
    [['import', 'n8n'], 'import n8n needs at least one file or directory.'],
    [['import', 'n8n', 'nowhere.json'], "cannot read 'nowhere.json': no such file or directory."],
    [['import', 'n8n', 'exports', '--out'], '--out needs a value.'],
  ])('refuses %j with a clear message and the usage', async (args, message) => {
    const { code, stderr, stdout } = await runCliIn(dir, args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(`flowloom: ${message}`);
    expect(stderr).toContain('flowloom import n8n <file.json | directory>...');
  });

  it('is described in the help', async () => {
    const { code, stdout } = await runCliIn(dir, ['--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('flowloom import n8n <file.json | directory>... [--out <directory>] [--report <report.json>]');
    expect(stdout).toContain('import n8n  turns n8n workflow exports into Flowloom workflows');
  });
});

describe('flowloom import n8n --nodes', () => {
  // A node package: a node type (a plain definition) and the mapping of its n8n counterpart.
  const acmeModule = `
export const acmeNotify = {
  type: 'acme.notify', version: 1, displayName: 'Acme notify', group: 'integration', inputs: ['main'], outputs: ['main'],
  execute: (ctx) => ctx.items(),
};
export async function loadN8nMappings() {
  return { 'n8n-nodes-base.acme': { versions: [1], map: (ctx) => ({ type: 'acme.notify', parameters: { text: ctx.value('text') } }) } };
}
`;
  const acmeWorkflow = {
    name: 'Acme',
    nodes: [
      { id: 'a', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
      { id: 'b', name: 'Notify', type: 'n8n-nodes-base.acme', typeVersion: 1, position: [200, 0], parameters: { text: 'hi' } },
    ],
    connections: { Start: { main: [[{ node: 'Notify', type: 'main', index: 0 }]] } },
  };

  it("maps the nodes the module's mappings know to its node types", async () => {
    writeFileSync(join(dir, 'acme.mjs'), acmeModule);
    writeFileSync(join(dir, 'acme.json'), JSON.stringify(acmeWorkflow));
    const { code, stdout, stderr } = await runCliIn(dir, ['import', 'n8n', 'acme.json', '--nodes', './acme.mjs']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('acme.json: imported: 2/2 nodes mapped');
    expect((readJson('acme.flowloom.json').nodes as { type: string }[]).map((n) => n.type)).toEqual(['core.manualTrigger', 'acme.notify']);
  });

  it('says which module exports no mappings, and exits with 2', async () => {
    writeFileSync(join(dir, 'plain.mjs'), 'export const nothing = 1;\n');
    writeFileSync(join(dir, 'acme.json'), JSON.stringify(acmeWorkflow));
    const { code, stderr } = await runCliIn(dir, ['import', 'n8n', 'acme.json', '--nodes', './plain.mjs']);
    expect(code).toBe(2);
    expect(stderr).toContain("node module './plain.mjs' exports no n8n mappings");
  });
});
