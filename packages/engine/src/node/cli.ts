import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { FlowloomError } from '../errors/flowloom.error.js';
import type { NodeType } from '../nodes/define-node.js';
import type { ExecutionIsolation } from '../isolation/execution-isolation.js';
import { importHostModule, nodeTypesIn } from '../nodes/load-node-types.js';
import type { CredentialType, LazyCredentialType } from '../credentials/credential-type.js';
import { rawKeyProvider } from '../credentials/keys/raw-key-provider.js';
import { createMemoryCredentialStore } from '../storage/memory/memory-credential-store.js';
import type { FetchFunction } from '../ports/http.js';
import { credentialsFileError, credentialsFromFile, credentialTypesIn, type CliCredential } from './cli-credentials.js';
import { createNodeExecutionIsolation } from './node-execution-isolation.js';
import { createNodeEngine } from './create-node-engine.js';
import { EXECUTION_MODES, type ExecutionMode } from '../model/execution.js';
import type { Storage } from '../storage/storage.js';
import { cliExecutionOptions, DB_ENV_VARIABLE } from './cli-storage.js';
import { UsageError } from './usage.error.js';
import { IMPORT_HELP, IMPORT_SYNOPSIS, runImport } from './cli-import.js';

/** Where the CLI writes; the bin passes the process streams, tests pass buffers. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
  signal?: AbortSignal;
  /** Environment variables the CLI reads (`FLOWLOOM_DB`); default `process.env`. */
  env?: Record<string, string | undefined>;
  /**
   * The worker pool that runs executions (default: a new pool for this call, closed at its end).
   * A program calling `runCli` many times can pass one pool to reuse its workers.
   */
  isolation?: ExecutionIsolation;
  /**
   * Opens the database `--db` (or `FLOWLOOM_DB`) names, given as an absolute
   * path; the CLI closes it when the run ends. The `flowloom` command of
   * `@flowloom/cli` passes `openSqliteStorage` from `@flowloom/adapters/sqlite`.
   * Without it, `--db` is refused.
   */
  openStorage?: (file: string) => Promise<CliStorage>;
  /**
   * The engine's HTTP port (default: the global fetch). A program can route
   * the run's requests through its own egress or relay; private networks
   * are still refused unless `--allow-private-networks` is given.
   */
  fetch?: FetchFunction;
}

/** A storage the CLI opens for one run and closes after it. */
export type CliStorage = Storage & { close(): Promise<void> };

/** Exit codes: the run succeeded, the run failed, or the input could not be used. */
export const EXIT = { ok: 0, failed: 1, badInput: 2 } as const;

const USAGE = `Usage:
  flowloom run <workflow.json> [--input <items.json>] [--nodes <module>]... [--credentials <file.json>] [--mode <mode>] [--timeout <ms>]
               [--db <file.sqlite>] [--allow-private-networks] [--in-process]
  flowloom validate <workflow.json>... [--nodes <module>]...
${IMPORT_SYNOPSIS}

run       runs the workflow and prints the execution record as JSON.
validate  checks workflow files without running them.
${IMPORT_HELP}

--input    a JSON file holding the items the trigger emits: [{ "json": {...} }, ...]
--nodes    a JavaScript module whose exports are node types (defineNode) and credential types, loaded before the run
--credentials  a JSON file of the credentials the workflow's nodes name: [{ "id", "type", "name", "data", "oauth2" }]
           (oauth2: the tokens of an account connected elsewhere); a value { "$env": "NAME" } is read from
           that environment variable; kept in memory only
--mode     execution mode: ${EXECUTION_MODES.join(', ')} (default manual)
--timeout  deadline for the whole run, in milliseconds
--db       a SQLite file that keeps the workflow's versions and the execution history
           (created when missing; default: the ${DB_ENV_VARIABLE} environment variable, else nothing is kept)
--allow-private-networks  let HTTP requests reach loopback, private and link-local addresses (refused by default)
--in-process  run the execution in this process instead of in an isolated worker with a heap limit

Exit codes: 0 success, 1 the execution failed, 2 a file is missing, is not JSON or is not valid.`;

interface Args {
  command: string | undefined;
  files: string[];
  input?: string;
  nodes: string[];
  credentials?: string;
  mode?: string;
  timeout?: string;
  db?: string;
  help: boolean;
  allowPrivateNetworks?: boolean;
  inProcess?: boolean;
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { command: undefined, files: [], nodes: [], help: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${a} needs a value.`);
      return v;
    };
    if (a === '--help' || a === '-h') args.help = true;
    else if (a === '--input') args.input = value();
    else if (a === '--nodes') args.nodes.push(value());
    else if (a === '--credentials') args.credentials = value();
    else if (a === '--mode') args.mode = value();
    else if (a === '--timeout') args.timeout = value();
    else if (a === '--db') args.db = value();
    else if (a === '--allow-private-networks') args.allowPrivateNetworks = true;
    else if (a === '--in-process') args.inProcess = true;
    else if (a.startsWith('--')) throw new UsageError(`Unknown option ${a}.`);
    else if (args.command === undefined) args.command = a;
    else args.files.push(a);
  }
  return args;
}

/** Reads and parses a JSON file, with a message that says which file and what went wrong. */
async function readJson(cwd: string, path: string, what: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(resolve(cwd, path), 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code;
    const reason =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'it is a directory'
          : code === 'EACCES'
            ? 'permission denied'
            : String(error);
    throw new FlowloomError('FILE_UNREADABLE', `cannot read ${what} '${path}': ${reason}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new FlowloomError('FILE_NOT_JSON', `${what} '${path}' is not valid JSON: ${(error as Error).message}`);
  }
}

/** A `--nodes` value as an import specifier: paths become file URLs, package names stay as they are. */
function moduleSpecifier(spec: string, cwd: string): string {
  return spec.startsWith('.') || spec.startsWith('/') ? pathToFileURL(resolve(cwd, spec)).href : spec;
}

async function loadNodeModules(
  specifiers: readonly string[],
  cwd: string,
): Promise<{ types: NodeType[]; credentialTypes: (CredentialType | LazyCredentialType)[] }> {
  const types: NodeType[] = [];
  const credentialTypes: (CredentialType | LazyCredentialType)[] = [];
  for (const spec of specifiers) {
    const url = moduleSpecifier(spec, cwd);
    let mod: Record<string, unknown>;
    try {
      mod = await importHostModule(url);
    } catch (error) {
      throw new FlowloomError('NODES_UNLOADABLE', `cannot load node module '${spec}': ${(error as Error).message}`);
    }
    const found = nodeTypesIn(mod);
    if (found.length === 0)
      throw new FlowloomError('NODES_UNLOADABLE', `node module '${spec}' exports no node types (made with defineNode)`);
    types.push(...found);
    credentialTypes.push(...credentialTypesIn(mod));
  }
  return { types, credentialTypes };
}

/** Reads the `--credentials` file, with every problem in it at once. */
async function readCredentials(io: CliIo, file: string): Promise<CliCredential[]> {
  const { credentials, problems } = credentialsFromFile(await readJson(io.cwd, file, 'credentials file'), file, io.env ?? process.env);
  if (problems.length > 0) throw credentialsFileError(file, problems);
  return credentials;
}

/** Opens the `--db` database through the storage the caller injected. */
function openStorage(io: CliIo, file: string): Promise<CliStorage> {
  if (!io.openStorage) {
    throw new FlowloomError(
      'STORAGE_UNAVAILABLE',
      `--db needs a database adapter: use the flowloom command of @flowloom/cli (SQLite), or pass openStorage to runCli (${file})`,
    );
  }
  return io.openStorage(resolve(io.cwd, file));
}

/**
 * Runs the `flowloom` command line. Returns the exit code instead of exiting,
 * so it can run in-process.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  if (argv[0] === 'import' && !argv.includes('--help') && !argv.includes('-h')) return runImport(argv.slice(1), io, USAGE);
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (error) {
    io.stderr(`flowloom: ${(error as Error).message}\n\n${USAGE}\n`);
    return EXIT.badInput;
  }
  if (args.help || args.command === undefined) {
    (args.help ? io.stdout : io.stderr)(`${USAGE}\n`);
    return args.help ? EXIT.ok : EXIT.badInput;
  }
  if (args.command !== 'run' && args.command !== 'validate') {
    io.stderr(`flowloom: unknown command '${args.command}'.\n\n${USAGE}\n`);
    return EXIT.badInput;
  }
  if (args.files.length === 0 || (args.command === 'run' && args.files.length > 1)) {
    io.stderr(
      `flowloom: ${args.command} needs ${args.command === 'run' ? 'one workflow file' : 'at least one workflow file'}.\n\n${USAGE}\n`,
    );
    return EXIT.badInput;
  }

  if (args.command === 'validate') {
    const runOnly = (
      [
        ['--input', args.input],
        ['--credentials', args.credentials],
        ['--mode', args.mode],
        ['--timeout', args.timeout],
        ['--db', args.db],
        ['--allow-private-networks', args.allowPrivateNetworks],
        ['--in-process', args.inProcess],
      ] as const
    ).filter(([, v]) => v !== undefined);
    if (runOnly.length > 0) {
      io.stderr(`flowloom: ${runOnly.map(([name]) => name).join(', ')} only apply to run, not to validate.\n\n${USAGE}\n`);
      return EXIT.badInput;
    }
  }

  const dbFile = args.command === 'run' ? (args.db ?? (io.env ?? process.env)[DB_ENV_VARIABLE]) : undefined;
  let storage: CliStorage | undefined;
  let recovered: Promise<unknown> | undefined;
  // Runs go to a worker with a heap limit and a deadline, so a runaway workflow cannot take the process down.
  const ownIsolation = args.command === 'run' && !args.inProcess && !io.isolation ? createNodeExecutionIsolation() : undefined;
  const isolation = args.command === 'run' && !args.inProcess ? (io.isolation ?? ownIsolation) : undefined;
  try {
    if (dbFile) storage = await openStorage(io, dbFile);
    const credentialsFile = args.command === 'run' ? args.credentials : undefined;
    const credentials = credentialsFile === undefined ? undefined : await readCredentials(io, credentialsFile);
    const modules = await loadNodeModules(args.nodes, io.cwd);
    const engine = createNodeEngine({
      // The credentials of `--credentials` live in memory, under a key made for this run: never in the database.
      ...(storage
        ? {
            storage: { ...storage, credentials: credentials ? createMemoryCredentialStore() : storage.credentials },
            executions: cliExecutionOptions(),
          }
        : {}),
      ...(credentials ? { keyProvider: rawKeyProvider({ key: crypto.getRandomValues(new Uint8Array(32)), id: 'cli-run' }) } : {}),
      // Loaded here too: validation needs the types before the worker loads them again from `nodeModules`.
      nodeTypes: modules.types,
      ...(modules.credentialTypes.length > 0 ? { credentialTypes: modules.credentialTypes } : {}),
      ...(isolation ? { isolation, nodeModules: args.nodes.map((spec) => moduleSpecifier(spec, io.cwd)) } : {}),
      ...(io.fetch ? { fetch: io.fetch } : {}),
      http: { allowPrivateNetworks: args.allowPrivateNetworks === true },
    });
    for (const [index, credential] of (credentials ?? []).entries()) {
      try {
        const { oauth2, ...input } = credential;
        await engine.credentials.create(input);
        if (oauth2) await engine.credentials.oauth2.importTokens(credential.id!, oauth2);
      } catch (error) {
        throw credentialsFileError(credentialsFile!, [`[${index}] (${credential.id}): ${(error as Error).message}`]);
      }
    }
    if (args.command === 'validate') {
      let code: number = EXIT.ok;
      for (const file of args.files) {
        let doc: unknown;
        try {
          doc = await readJson(io.cwd, file, 'workflow file');
        } catch (error) {
          code = EXIT.badInput;
          io.stderr(`flowloom: ${(error as Error).message}\n`);
          continue;
        }
        const result = engine.validate(doc);
        if (result.success) io.stdout(`${file}: valid\n`);
        else {
          code = EXIT.badInput;
          io.stderr(`${file}: ${result.error.message}\n`);
        }
      }
      return code;
    }

    const file = args.files[0]!;
    const workflow = engine.parseWorkflow(await readJson(io.cwd, file, 'workflow file'));
    const input = args.input === undefined ? undefined : await readJson(io.cwd, args.input, 'input file');
    if (args.mode !== undefined && !EXECUTION_MODES.includes(args.mode as ExecutionMode)) {
      throw new UsageError(`--mode must be one of ${EXECUTION_MODES.join(', ')}, got '${args.mode}'`);
    }
    const timeoutMs = args.timeout === undefined ? undefined : Number(args.timeout);
    if (timeoutMs !== undefined && !(Number.isInteger(timeoutMs) && timeoutMs > 0)) {
      throw new UsageError(`--timeout must be a positive whole number of milliseconds, got '${args.timeout}'`);
    }
    recovered = engine.executions.recovered;
    if (storage && JSON.stringify(await storage.workflows.get('default', workflow.id)) !== JSON.stringify(workflow)) {
      await storage.workflows.save('default', workflow);
    }
    const execution = await engine.run(workflow, {
      input: input as never,
      mode: (args.mode as ExecutionMode | undefined) ?? 'manual',
      ...(timeoutMs !== undefined ? { timeoutMs } : {}),
      ...(io.signal ? { signal: io.signal } : {}),
    });
    io.stdout(`${JSON.stringify(execution, null, 2)}\n`);
    if (execution.status !== 'success' && execution.error) io.stderr(`flowloom: ${execution.error.message}\n`);
    return execution.status === 'success' ? EXIT.ok : EXIT.failed;
  } catch (error) {
    // A validation error's message lists its problems, one per line (the first 100, then how many more).
    io.stderr(`flowloom: ${(error as Error).message}\n`);
    return EXIT.badInput;
  } finally {
    await recovered;
    await ownIsolation?.close();
    await storage?.close();
  }
}
