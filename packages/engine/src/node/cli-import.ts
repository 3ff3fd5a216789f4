import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { aggregateImportReports, formatImportTable, importN8nWorkflow, type ImportN8nOptions, type ImportReport } from '../n8n/index.js';
import type { NodeMapping } from '../n8n/mappers/mapping.js';
import type { NodeType } from '../nodes/define-node.js';
import { importHostModule, nodeTypesIn } from '../nodes/load-node-types.js';
import { UsageError } from './usage.error.js';

/** The `flowloom import` line of the usage text. */
export const IMPORT_SYNOPSIS =
  '  flowloom import n8n <file.json | directory>... [--out <directory>] [--report <report.json>] [--nodes <module>]...';

/** What `flowloom import` does and its options, for the usage text. */
export const IMPORT_HELP = `import n8n  turns n8n workflow exports into Flowloom workflows, one per file, and prints what was mapped.
           Nodes without a Flowloom equivalent become placeholders that fail clearly if they run; the
           report lists them, the expressions left for later, the credentials to fill and the problems.

--out      import: where to write the workflows (default: beside each file, as <name>.flowloom.json)
--report   import: write every file's report and the totals to this JSON file
--nodes    import: a module whose node types and n8n mappings (an \`n8nMappings\` or \`loadN8nMappings\` export) map more
           n8n nodes, such as @flowloom/integrations for Slack, Airtable, Google Sheets...`;

/** Where `flowloom import` writes its output (the CLI's `CliIo` is one). */
export interface ImportIo {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
}

interface ImportArgs {
  source: string | undefined;
  paths: string[];
  out?: string;
  report?: string;
  nodes: string[];
}

function parseImportArgs(argv: readonly string[]): ImportArgs {
  const args: ImportArgs = { source: undefined, paths: [], nodes: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${a} needs a value.`);
      return v;
    };
    if (a === '--out') args.out = value();
    else if (a === '--report') args.report = value();
    else if (a === '--nodes') args.nodes.push(value());
    else if (a.startsWith('-')) throw new UsageError(`Unknown option ${a} for import (it takes --out, --report and --nodes).`);
    else if (args.source === undefined) args.source = a;
    else args.paths.push(a);
  }
  if (args.source === undefined) throw new UsageError('import needs a source system: flowloom import n8n <file | directory>.');
  if (args.source !== 'n8n') throw new UsageError(`flowloom cannot import from '${args.source}'; it imports from: n8n.`);
  if (args.paths.length === 0) throw new UsageError('import n8n needs at least one file or directory.');
  return args;
}

const OUTPUT_SUFFIX = '.flowloom.json';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The node types and n8n mappings of the `--nodes` modules. A module gives its mappings as `n8nMappings` (n8n type
 * to mapping) or `loadN8nMappings()` (a promise of them, so a catalog loads its mappings only when asked).
 */
async function loadMappings(specifiers: readonly string[], cwd: string): Promise<Pick<ImportN8nOptions, 'mappings' | 'nodeTypes'>> {
  const mappings: Record<string, NodeMapping> = {};
  const nodeTypes: NodeType[] = [];
  for (const spec of specifiers) {
    const url = spec.startsWith('.') || spec.startsWith('/') ? pathToFileURL(resolve(cwd, spec)).href : spec;
    let mod: Record<string, unknown>;
    try {
      mod = await importHostModule(url);
    } catch (error) {
      throw new UsageError(`cannot load node module '${spec}': ${(error as Error).message}`);
    }
    let found: unknown = mod.n8nMappings;
    if (found === undefined && typeof mod.loadN8nMappings === 'function') found = await (mod.loadN8nMappings as () => Promise<unknown>)();
    if (!isRecord(found)) {
      throw new UsageError(`node module '${spec}' exports no n8n mappings (an n8nMappings object or a loadN8nMappings function).`);
    }
    for (const [type, mapping] of Object.entries(found)) {
      if (!isRecord(mapping) || !Array.isArray(mapping.versions) || typeof mapping.map !== 'function') {
        throw new UsageError(`node module '${spec}': the n8n mapping of '${type}' needs versions and map(ctx).`);
      }
      mappings[type] = mapping as unknown as NodeMapping;
    }
    nodeTypes.push(...nodeTypesIn(mod));
  }
  return { mappings, nodeTypes };
}

/** The JSON files under a directory, sorted, leaving out workflows this command wrote. */
async function jsonFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await jsonFiles(path)));
    else if (entry.isFile() && entry.name.endsWith('.json') && !entry.name.endsWith(OUTPUT_SUFFIX)) files.push(path);
  }
  return files;
}

/** Every input file with the path its workflow is written to. */
async function inputsOf(io: ImportIo, args: ImportArgs): Promise<{ file: string; shown: string; target: string }[]> {
  const inputs: { file: string; shown: string; target: string }[] = [];
  for (const given of args.paths) {
    const path = resolve(io.cwd, given);
    const info = await stat(path).catch(() => undefined);
    if (!info) throw new UsageError(`cannot read '${given}': no such file or directory.`);
    const files = info.isDirectory() ? await jsonFiles(path) : [path];
    if (info.isDirectory() && files.length === 0) throw new UsageError(`'${given}' holds no .json files.`);
    for (const file of files) {
      const name = `${basename(file, '.json')}${OUTPUT_SUFFIX}`;
      const inside = info.isDirectory() ? relative(path, dirname(file)) : '';
      const target = args.out === undefined ? join(dirname(file), name) : join(resolve(io.cwd, args.out), inside, name);
      inputs.push({ file, shown: relative(io.cwd, file) || file, target });
    }
  }
  return inputs;
}

/** Writes JSON to a file (making its folder); says why not on stderr and returns false when it cannot. */
async function write(io: ImportIo, path: string, value: unknown): Promise<boolean> {
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, `${JSON.stringify(value, null, 2)}\n`);
    return true;
  } catch (error) {
    io.stderr(`flowloom: cannot write '${relative(io.cwd, path) || path}': ${(error as Error).message}\n`);
    return false;
  }
}

function describe(report: ImportReport): string {
  if (report.status === 'refused') return `refused: ${report.refusedReason ?? 'unknown reason'}`;
  const parts = [`${report.nodes.mapped}/${report.nodes.total} nodes mapped`];
  if (report.placeholders.length > 0) parts.push(`${report.placeholders.length} placeholder${report.placeholders.length === 1 ? '' : 's'}`);
  const e = report.expressions;
  if (e.total > 0) parts.push(`${e.translated}/${e.total - e.inPlaceholders} expressions translated`);
  if (report.credentials.length > 0)
    parts.push(`${report.credentials.length} credential${report.credentials.length === 1 ? '' : 's'} to fill`);
  const errors = report.problems.filter((p) => p.severity === 'error').length;
  if (errors > 0) parts.push(`${errors} problem${errors === 1 ? '' : 's'}`);
  return `${report.status}: ${parts.join(', ')}`;
}

/**
 * `flowloom import n8n <file|dir>...`: imports each file, writes its
 * workflow, prints one line per file and the totals. Exit code 0 when every
 * file gave a workflow, 2 when one was refused or an argument is wrong.
 */
export async function runImport(argv: readonly string[], io: ImportIo, usage: string): Promise<number> {
  let args: ImportArgs;
  let inputs: Awaited<ReturnType<typeof inputsOf>>;
  let extra: Pick<ImportN8nOptions, 'mappings' | 'nodeTypes'>;
  try {
    args = parseImportArgs(argv);
    inputs = await inputsOf(io, args);
    extra = await loadMappings(args.nodes, io.cwd);
  } catch (error) {
    io.stderr(`flowloom: ${(error as Error).message}\n\n${usage}\n`);
    return 2;
  }
  const reports: ImportReport[] = [];
  for (const input of inputs) {
    let text: string;
    try {
      text = await readFile(input.file, 'utf8');
    } catch (error) {
      io.stderr(`flowloom: cannot read '${input.shown}': ${(error as Error).message}\n`);
      return 2;
    }
    const { workflow, report } = importN8nWorkflow(text, { source: input.shown, ...extra });
    reports.push(report);
    if (workflow && !(await write(io, input.target, workflow))) return 2;
    io.stdout(`${input.shown}: ${describe(report)}${workflow ? ` -> ${relative(io.cwd, input.target) || input.target}` : ''}\n`);
  }
  const summary = aggregateImportReports(reports);
  io.stdout(`\n${formatImportTable(summary)}`);
  if (args.report !== undefined && !(await write(io, resolve(io.cwd, args.report), { summary, reports }))) return 2;
  return summary.refused > 0 ? 2 : 0;
}
