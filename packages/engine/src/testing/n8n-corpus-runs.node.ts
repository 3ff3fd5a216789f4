/**
 * The corpus run of the n8n importer's acceptance tests: imports every workflow
 * of the n8n corpus, runs those whose nodes all map on a Node engine, and
 * tells what blocks the others. The engine's test runs it with the core node
 * types; a node package's test with its own mappings, node types and
 * credential types.
 *
 * Each workflow runs as a user would run it after importing, with what the
 * user would give it:
 *
 * - **its trigger's data**: the workflow's pinned data where it has some (a
 *   manual run uses it); else a recorded item for the trigger it starts at: a
 *   Manual Trigger's empty item, a schedule's time, a filled form for a Form
 *   Trigger (each field's answer of its type), and for a Webhook a request
 *   whose body, query and headers hold every field the workflow's expressions
 *   read from them (`$json.body.email`, `$('Webhook').item.json.query.id`...),
 *   each a plausible value chosen by the field's name (see
 *   `n8n-sample-data.ts`), and the body as sent in `binary.data` when the
 *   Webhook asks for the raw body; for an Execute Workflow Trigger, the
 *   caller's item holding every field read;
 * - **its environment**: a stand-in for each `$env` name it reads (the local
 *   server's address for a name ending in `URL` or `SERVER`, text otherwise);
 * - **stand-in credentials**: every credential slot the report lists, created
 *   in the engine's credential store under the n8n id the slot holds, of the
 *   Flowloom type that matches (`standInCredential`, or the caller's), with
 *   dummy secrets;
 * - **stand-in sub-workflows**: an Execute Workflow node calls a workflow by
 *   its n8n id; one the corpus does not hold is stored as a workflow that
 *   passes its items back;
 * - **one local HTTP server**: the engine's fetch sends every request to one
 *   server on 127.0.0.1 (the original URL in the path), which answers JSON made
 *   from the request: its method, URL, query and body, with the fields the
 *   workflow reads from its nodes' output (`$json.status`...) filled as for a
 *   webhook, so the nodes downstream get data of the shape they read; XML
 *   where an XML node reads the answer, a file where the next node reads one
 *   (a real PNG image for Edit Image, a real XLSX workbook for a spreadsheet
 *   read by Extract from File), an access token for an OAuth2 token request;
 * - **a simulated clock and a seeded random source**: Wait nodes and retries
 *   take no real time, and every run draws the same numbers;
 * - **a files folder**: an empty temporary folder as the files root.
 *
 * A run that ends `success`, or `waiting` on a Wait node or a form, completed.
 * The engine's private-network guard is off: every request goes to 127.0.0.1.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { CredentialType, LazyCredentialType } from '../credentials/credential-type.js';
import { FlowloomError } from '../errors/flowloom.error.js';
import type { EngineEvent } from '../model/engine-event.js';
import type { Execution } from '../model/execution.js';
import type { Item } from '../model/item.js';
import type { NodeType } from '../nodes/define-node.js';
import type { WorkflowNode } from '../model/node.js';
import type { Workflow } from '../model/workflow.js';
import type { CredentialEntry, PlaceholderEntry } from '../n8n/import-report.js';
import { importN8nWorkflow, type ImportN8nOptions } from '../n8n/import-workflow.js';
import { createNodeEngine } from '../node/create-node-engine.js';
import type { Engine } from '../run/engine-api.js';
import { systemClock, type Clock } from '../ports/clock.js';
import type { FetchFunction } from '../ports/http.js';
import { silentLogger } from '../ports/logger.js';
import { buildWorkflow } from './build-workflow.js';
import { requestToItem } from '../run/webhook-request.js';
import { answerFields, envNamesOf, formSubmission, sampleDataOf, webhookItem, xmlAnswers, type Json } from './n8n-sample-data.js';
import { fileNodesOf, sampleWorkbook, SAMPLE_PNG, XLSX_TYPE, type FileKind } from './n8n-sample-files.node.js';
import { createTestClock } from './test-clock.js';
import { startTestHttpServer, type SeenRequest, type TestHttpServer } from './test-http-server.node.js';

/** The 400 real n8n workflows (see its README and ATTRIBUTION.md); FLOWLOOM_N8N_CORPUS points elsewhere. */
export const N8N_CORPUS =
  process.env.FLOWLOOM_N8N_CORPUS ?? new URL('../../../../../shared/corpus/n8n-workflows', import.meta.url).pathname;

/** When every run starts: a fixed time, so dates in the results do not depend on the day the test runs. */
const START = Date.UTC(2026, 0, 5, 9, 0, 0);

interface N8nExport {
  nodes: { name: string; type: string; parameters?: unknown }[];
  pinData?: Record<string, unknown>;
}

/** A corpus workflow whose nodes all map. */
export interface CorpusCase {
  file: string;
  workflow: Workflow;
  credentials: CredentialEntry[];
  ai: boolean;
  /** The fields the workflow reads (see `sampleDataOf`). */
  sample: Json;
  /** The names its expressions and code read from `$env`. */
  env: string[];
}

/** How a fully mapped workflow's run went. */
export interface CorpusOutcome {
  file: string;
  validated: boolean;
  status: Execution['status'] | 'invalid';
  node?: string;
  code?: string;
  message?: string;
}

/** An n8n node type that keeps workflows without AI nodes from mapping fully. */
export interface BlockingType {
  n8nType: string;
  /** The workflows it keeps from mapping fully. */
  workflows: number;
  /** Of those, the ones it alone keeps from mapping fully: mapping it would unblock them. */
  alone: number;
}

/** A stand-in credential: its Flowloom type and dummy secrets. */
export interface StandInCredential {
  type: string;
  data: Json;
}

/** What a node package gives the corpus run. */
export interface CorpusRunOptions {
  /** The importer's `mappings` and `nodeTypes`. */
  import?: Pick<ImportN8nOptions, 'mappings' | 'nodeTypes'>;
  /** Node types and credential types every engine registers besides the core ones. */
  nodeTypes?: readonly NodeType[];
  credentialTypes?: readonly (CredentialType | LazyCredentialType)[];
  /** The stand-in of a credential slot the core's `standInCredential` does not cover; `undefined` for the core's. */
  standInCredential?(entry: CredentialEntry): StandInCredential | undefined;
  /**
   * For a node the export names no credential for (n8n exports may leave them out), the slot and stand-in its user
   * would choose after importing; `undefined` to leave the node without.
   */
  missingCredential?(node: WorkflowNode): { slot: string; credential: StandInCredential } | undefined;
  /** Run once a stand-in credential exists (tokens of an OAuth2 account imported). */
  prepareCredential?(engine: Engine, id: string, credential: StandInCredential): Promise<void>;
  /** Node types whose requests must not race a simulated clock (their timeouts run in real time); HTTP Request's always. */
  sendsRequests?(type: string): boolean;
  /**
   * The answer to a request as its vendor shapes it (Slack's `ok: true`, Stripe's objects naming their type), made
   * from the answer the workflow's fields give; `answer` unchanged for other vendors.
   */
  vendorAnswer?(url: URL, answer: Json): Json;
  /** Node types besides the core ones that read the item's file: an HTTP Request before them answers a file. */
  readsFile?(type: string, parameters: Json): boolean;
}

/** What the corpus run found. */
export interface CorpusRuns {
  allWorkflows: number;
  /** Workflows without AI nodes. */
  nonAi: number;
  cases: CorpusCase[];
  outcomes: CorpusOutcome[];
  /** n8n node types that keep workflows without AI nodes from mapping fully, the most blocking first. */
  blocking: BlockingType[];
  /** The placeholders of the workflows without AI nodes, with the file each is in. */
  placeholders: (PlaceholderEntry & { file: string })[];
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function corpusFiles(): string[] {
  const root = join(N8N_CORPUS, 'workflows');
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true })
      .sort((a, b) => (a.name < b.name ? -1 : 1))
      .flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.json') ? [join(dir, e.name)] : []));
  return walk(root);
}

// ---------------------------------------------------------------------------------------------------------------
// The local server and the engine around each run

/** What the local server needs of the run under way. */
interface Running {
  /** The fields the workflow reads from its nodes' output (`answerFields`). */
  fields: Json;
  /** Fields answered to one node only, over `fields` (the XML documents of `xmlAnswers`). */
  byNode: ReadonlyMap<string, Json>;
  /** HTTP Request nodes whose answer a node after them reads as a file, with the kind of file it reads. */
  fileNodes: ReadonlyMap<string, FileKind>;
  /** The node running now (the one whose requests arrive). */
  node?: string;
}

/** Sent with each request the engine makes: the node that made it. */
const NODE_HEADER = 'x-corpus-run-node';

/**
 * The answer of the local server: a file for a node whose answer is read as
 * one (an image or a workbook when the reader needs a real one, else a few
 * bytes of text); an OAuth2 token for a token request; else JSON: the fields the
 * workflow reads, the vendor's fields, and the request itself (method, URL, query, body).
 */
function answer(
  request: SeenRequest,
  running: Running,
  options: CorpusRunOptions,
  workbook: Buffer,
): { type: string; body: string | Buffer } {
  const original = new URL(decodeURIComponent(request.url.slice(1)));
  const node = String(request.headers[NODE_HEADER]);
  const file = running.fileNodes.get(node);
  if (file === 'image') return { type: 'image/png', body: SAMPLE_PNG };
  if (file === 'spreadsheet') return { type: XLSX_TYPE, body: workbook };
  if (file === 'file') return { type: 'image/png', body: Buffer.from(`stand-in file for ${original.href}`) };
  const text = request.body.toString('utf8');
  let body: unknown = text;
  const type = String(request.headers['content-type'] ?? '');
  if (type.includes('json')) {
    try {
      body = JSON.parse(text) as unknown;
    } catch {
      // kept as text
    }
  } else if (type.includes('x-www-form-urlencoded')) body = Object.fromEntries(new URLSearchParams(text));
  else if (type.includes('multipart')) body = `${request.body.length} bytes of multipart form data`;
  if (isObject(body) && 'grant_type' in body) {
    return {
      type: 'application/json',
      body: JSON.stringify({ access_token: 'stand-in-access-token', token_type: 'Bearer', expires_in: 3600 }),
    };
  }
  const request_ = { method: request.method, url: original.href, query: Object.fromEntries(original.searchParams), body };
  const fields = { ...running.fields, ...running.byNode.get(node), request: request_ };
  return { type: 'application/json', body: JSON.stringify(options.vendorAnswer?.(original, fields) ?? fields) };
}

/** Sends every request of the engine to the local server, the original URL in the path and the running node in a header. */
function routeTo(server: TestHttpServer, running: Running): FetchFunction {
  return async (input, init) => {
    const request = new Request(input, init);
    const body = request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.arrayBuffer();
    const headers = new Headers(request.headers);
    headers.set(NODE_HEADER, running.node ?? '');
    return fetch(`${server.url}/${encodeURIComponent(request.url)}`, {
      method: request.method,
      headers,
      body,
      redirect: 'manual',
      signal: request.signal,
    });
  };
}

/**
 * Fields answered to one node only: the XML documents of `xmlAnswers`, and for an HTTP Request node that
 * outputs the full response (`{ body, headers, statusCode }`), the fields read under `body` at the top of
 * its answer, where its body puts them.
 */
function answersByNode(workflow: Workflow, sample: Json): Map<string, Json> {
  const out = xmlAnswers(workflow, sample);
  const body = sample.body;
  if (!isObject(body)) return out;
  for (const node of workflow.nodes) {
    if (node.type === 'core.httpRequest' && node.parameters.fullResponse === true) out.set(node.id, { ...body, ...out.get(node.id) });
  }
  return out;
}

/**
 * The engine's clock: simulated, so Wait nodes and retries take no real time
 * (a timer fires as soon as the event loop is idle), except timers armed while
 * a node that sends requests runs or before any node ran (the request's timeout, the
 * run's deadline), which run in real time: fired early, they would stop
 * requests the local server answers at once.
 */
function runClock(
  workflow: Workflow,
  running: Running,
  sendsRequests: (type: string) => boolean,
): { clock: Clock; onEvent: (event: EngineEvent) => void } {
  const simulated = createTestClock({ start: START, autoAdvance: true });
  const types = new Map(workflow.nodes.map((n) => [n.id, n.type]));
  let realTime = true;
  return {
    clock: { now: () => simulated.now(), setTimer: (ms, fn) => (realTime ? systemClock : simulated).setTimer(ms, fn) },
    onEvent(event) {
      if (event.type !== 'nodeStart') return;
      const type = types.get(event.nodeId) ?? '';
      realTime = type === 'core.httpRequest' || sendsRequests(type);
      running.node = event.nodeId;
    },
  };
}

/** Random numbers from a fixed seed, so every run draws the same (a Wait of random length, a random pick in code). */
function seededRandom(): () => number {
  let seed = 0x2f6b1c3d;
  return () => {
    seed = (seed + 0x6d2b79f5) >>> 0;
    let t = Math.imul(seed ^ (seed >>> 15), seed | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Dummy values of the credential that checks a Webhook's or Form Trigger's callers, by its slot (the way it checks them). */
const WEBHOOK_AUTH_STAND_INS: Readonly<Record<string, StandInCredential>> = {
  basicAuth: { type: 'webhookBasicAuth', data: { username: 'stand-in', password: 'stand-in-password' } },
  headerAuth: { type: 'webhookHeaderAuth', data: { name: 'X-Stand-In', value: 'stand-in-value' } },
  jwtAuth: { type: 'webhookJwtAuth', data: { algorithm: 'HS256', secret: 'stand-in-secret' } },
};

/** Dummy secrets of the core Flowloom credential type matching an n8n credential type. */
export function standInCredential(n8nType: string): StandInCredential {
  const allowedDomains = ['*'];
  if (n8nType === 'totpApi') return { type: 'totp', data: { secret: 'JBSWY3DPEHPK3PXP', label: 'Stand-in:account' } };
  if (n8nType === 'httpBasicAuth')
    return { type: 'basicAuth', data: { username: 'stand-in', password: 'stand-in-password', allowedDomains } };
  if (n8nType === 'httpQueryAuth') {
    return { type: 'apiKey', data: { key: 'stand-in-key', in: 'query', name: 'api_key', allowedDomains } };
  }
  if (n8nType === 'httpHeaderAuth' || n8nType === 'httpCustomAuth') {
    return { type: 'customHeaders', data: { headers: { Authorization: 'Bearer stand-in-token' }, allowedDomains } };
  }
  if (/OAuth2Api$/.test(n8nType)) {
    return {
      type: 'oauth2',
      data: {
        grantType: 'clientCredentials',
        tokenUrl: 'https://oauth.example.com/token',
        clientId: 'stand-in-client',
        clientSecret: 'stand-in-secret',
        allowedDomains,
      },
    };
  }
  return { type: 'bearerToken', data: { token: 'stand-in-token', allowedDomains } };
}

/**
 * The trigger a run starts at (the engine's choice: the Manual Trigger, else the first trigger) and its input: for a
 * Webhook that asks for the raw body, the body as sent in `binary.data` too, as the engine reads a real call.
 */
async function startOf(c: CorpusCase): Promise<{ startNode?: string; input?: Item[] }> {
  const triggers = c.workflow.nodes.filter((n) => /trigger|webhook/i.test(n.type) && n.type !== 'core.respondToWebhook');
  if (triggers.some((n) => n.type === 'core.manualTrigger')) return {};
  const first = triggers.find((n) => n.type !== 'core.executeWorkflowTrigger') ?? triggers[0];
  if (!first) return {};
  if (first.type === 'core.webhook') {
    const item = webhookItem(c.sample, String(first.parameters.httpMethod ?? 'GET'));
    if (first.parameters.rawBody === true && item.json.method !== 'GET' && item.json.method !== 'HEAD') {
      const call = new Request('http://127.0.0.1/webhook', {
        method: String(item.json.method),
        headers: item.json.headers as Record<string, string>,
        body: JSON.stringify(item.json.body),
      });
      const { binary } = await requestToItem(call, { path: 'webhook', params: {}, rawBody: true });
      if (binary) item.binary = binary;
    }
    return { startNode: first.id, input: [item] };
  }
  if (first.type === 'core.formTrigger') {
    return { startNode: first.id, input: [formSubmission(first.parameters.formFields, new Date(START).toISOString())] };
  }
  // A calling workflow passes its own item, which may be the request a webhook took (its body and headers).
  if (first.type === 'core.executeWorkflowTrigger') return { startNode: first.id, input: [{ json: structuredClone(c.sample) }] };
  // A service's trigger starts with an item holding the fields the workflow reads, as its event would.
  if (!first.type.startsWith('core.')) return { startNode: first.id, input: [{ json: answerFields(c.sample) }] };
  return { startNode: first.id };
}

/**
 * The environment its user would set for the `$env` names a workflow reads: an address of the local server for
 * a name that holds one (`WEBHOOK_URL`, `..._SERVER`), a stand-in text otherwise.
 */
function standInEnv(names: readonly string[], serverUrl: string): Record<string, string> {
  return Object.fromEntries(
    names.map((name) => [
      name,
      /(?:URL|URI|ENDPOINT|SERVER)$/i.test(name) ? serverUrl : `stand-in-${name.toLowerCase().replace(/_/g, '-')}`,
    ]),
  );
}

/** Where a failed run stopped. */
function failureOf(execution: Execution): Pick<CorpusOutcome, 'node' | 'code' | 'message'> {
  const error = execution.error;
  return { node: error?.node?.name, code: error?.code, message: error?.message };
}

/** A workflow that passes the items it is called with back, for a sub-workflow the corpus does not hold. */
function standInSubWorkflow(id: string): Workflow {
  return buildWorkflow({ id, name: `Stand-in for workflow ${id}`, nodes: [{ id: 'called', type: 'core.executeWorkflowTrigger' }] });
}

/** The node types that keep each workflow without AI nodes from mapping fully, counted. */
function rankBlocking(blockedBy: readonly ReadonlySet<string>[]): BlockingType[] {
  const counts = new Map<string, BlockingType>();
  for (const types of blockedBy) {
    for (const n8nType of types) {
      const entry = counts.get(n8nType) ?? { n8nType, workflows: 0, alone: 0 };
      entry.workflows++;
      if (types.size === 1) entry.alone++;
      counts.set(n8nType, entry);
    }
  }
  return [...counts.values()].sort((a, b) => b.alone - a.alone || b.workflows - a.workflows || (a.n8nType < b.n8nType ? -1 : 1));
}

/**
 * Imports every corpus workflow with `options.import`, and runs those whose nodes all map, one after another,
 * each on a new Node engine with `options`' node and credential types.
 */
export async function runN8nCorpus(options: CorpusRunOptions = {}): Promise<CorpusRuns> {
  if (!existsSync(join(N8N_CORPUS, 'workflows'))) {
    throw new FlowloomError(
      'CORPUS_NOT_FOUND',
      `The n8n corpus is not at ${N8N_CORPUS}: set FLOWLOOM_N8N_CORPUS to the folder holding workflows/.`,
    );
  }
  const running: Running = { fields: {}, byNode: new Map(), fileNodes: new Map() };
  const workbook = await sampleWorkbook();
  const server = await startTestHttpServer((request, response) => {
    const { type, body } = answer(request, running, options, workbook);
    response.writeHead(200, { 'content-type': type });
    response.end(body);
  });
  const filesRoot = mkdtempSync(join(tmpdir(), 'flowloom-corpus-runs-'));
  const runs: CorpusRuns = { allWorkflows: 0, nonAi: 0, cases: [], outcomes: [], blocking: [], placeholders: [] };
  /** Every imported corpus workflow by id, for the Execute Workflow nodes that call one. */
  const corpusWorkflows = new Map<string, Workflow>();
  const blockedBy: Set<string>[] = [];

  async function runCase(c: CorpusCase): Promise<CorpusOutcome> {
    Object.assign(running, {
      fields: answerFields(c.sample),
      byNode: answersByNode(c.workflow, c.sample),
      fileNodes: fileNodesOf(c.workflow, options.readsFile),
      node: undefined,
    });
    const { clock, onEvent } = runClock(c.workflow, running, options.sendsRequests ?? (() => false));
    const engine = createNodeEngine({
      logger: silentLogger,
      clock,
      random: seededRandom(),
      // Requests go to the local server (routeTo); the engine's private-network guard would refuse 127.0.0.1.
      fetch: routeTo(server, running),
      http: { allowPrivateNetworks: true },
      files: { root: filesRoot },
      env: standInEnv(c.env, server.url),
      nodeTypes: [...(options.nodeTypes ?? [])],
      credentialTypes: [...(options.credentialTypes ?? [])],
    });
    try {
      const validation = engine.validate(c.workflow);
      if (!validation.success) return { file: c.file, validated: false, status: 'invalid', message: validation.error.message };
      for (const credential of c.credentials) {
        const id = credential.n8nId ?? credential.name;
        if (!credential.slot || (await engine.credentials.get(id))) continue;
        const type = c.workflow.nodes.find((n) => n.name === credential.node)?.type;
        const checksCallers = type === 'core.webhook' || type === 'core.formTrigger' ? WEBHOOK_AUTH_STAND_INS[credential.slot] : undefined;
        const standIn = options.standInCredential?.(credential) ?? checksCallers ?? standInCredential(credential.n8nType);
        await engine.credentials.create({ id, name: credential.name, ...standIn });
        await options.prepareCredential?.(engine, id, standIn);
      }
      // The credentials the export left out, chosen as its user would.
      const nodes: WorkflowNode[] = [];
      for (const node of c.workflow.nodes) {
        const chosen = Object.keys(node.credentials ?? {}).length > 0 ? undefined : options.missingCredential?.(node);
        if (!chosen) {
          nodes.push(node);
          continue;
        }
        const id = `stand-in-${node.id}`;
        await engine.credentials.create({ id, name: `Stand-in for ${node.name}`, ...chosen.credential });
        await options.prepareCredential?.(engine, id, chosen.credential);
        nodes.push({ ...node, credentials: { [chosen.slot]: id } });
      }
      const workflow = { ...c.workflow, nodes };
      // The workflows its Execute Workflow nodes call: the corpus's own when it holds them, else stand-ins.
      for (const node of c.workflow.nodes.filter((n) => n.type === 'core.executeWorkflow')) {
        const id = String(node.parameters.workflowId ?? '');
        if (await engine.storage.workflows.get('default', id)) continue;
        await engine.storage.workflows.save('default', corpusWorkflows.get(id) ?? standInSubWorkflow(id));
      }
      const execution = await engine.run(workflow, { ...(await startOf(c)), onEvent });
      const completed = execution.status === 'success' || execution.status === 'waiting';
      return { file: c.file, validated: true, status: execution.status, ...(completed ? {} : failureOf(execution)) };
    } finally {
      await engine.close();
    }
  }

  try {
    for (const path of corpusFiles()) {
      const text = readFileSync(path, 'utf8');
      const n8n = JSON.parse(text) as N8nExport;
      const ai = n8n.nodes.some((n) => n.type.startsWith('@n8n/n8n-nodes-langchain.'));
      runs.allWorkflows++;
      if (!ai) runs.nonAi++;
      const file = relative(join(N8N_CORPUS, 'workflows'), path);
      const { workflow, report } = importN8nWorkflow(text, { source: file, ...options.import });
      if (workflow) corpusWorkflows.set(workflow.id, workflow);
      if (!ai && report.placeholders.length > 0) {
        blockedBy.push(new Set(report.placeholders.map((p) => p.n8nType)));
        runs.placeholders.push(...report.placeholders.map((p) => ({ ...p, file })));
      }
      if (!workflow || report.placeholders.length > 0) continue;
      runs.cases.push({ file, workflow, credentials: report.credentials, ai, sample: sampleDataOf(n8n, workflow), env: envNamesOf(n8n) });
    }
    runs.blocking = rankBlocking(blockedBy);
    for (const c of runs.cases) runs.outcomes.push(await runCase(c));
    return runs;
  } finally {
    await server.close();
    rmSync(filesRoot, { recursive: true, force: true });
  }
}

/** A run that ended `success`, or `waiting` on a Wait node or a form. */
export const completes = (o: CorpusOutcome): boolean => o.status === 'success' || o.status === 'waiting';

/** The share of fully mapped workflows without AI nodes. */
export const nonAiShare = (runs: CorpusRuns): number => runs.cases.filter((c) => !c.ai).length / runs.nonAi;

/**
 * The aggregate table: fully mapped shares, validated, completed, and each failed run with its known cause
 * (`knownFailures` by file); with `blocking`, the n8n node types that block most.
 */
export function corpusRunsTable(
  runs: CorpusRuns,
  knownFailures: Readonly<Record<string, string>>,
  options: { blocking?: number } = {},
): string {
  const { cases, outcomes, allWorkflows, nonAi } = runs;
  const completed = outcomes.filter(completes);
  const failed = outcomes.filter((o) => !completes(o));
  const pct = (n: number, of: number) => `${((100 * n) / of).toFixed(1)}%`;
  const mappedNonAi = cases.filter((c) => !c.ai).length;
  const lines = [
    `fully mapped: ${cases.length} of ${allWorkflows} workflows (${pct(cases.length, allWorkflows)}), ${mappedNonAi} of the ${nonAi} without AI nodes (${pct(mappedNonAi, nonAi)})`,
    `validated:    ${outcomes.filter((o) => o.validated).length}`,
    `completed:    ${completed.length} (${pct(completed.length, outcomes.length)}): ${completed.filter((o) => o.status === 'success').length} success, ${completed.filter((o) => o.status === 'waiting').length} waiting`,
    `failed:       ${failed.length}`,
    ...failed.map(
      (o) =>
        `  ${o.file}: ${o.status} at '${o.node ?? '?'}' ${o.code ?? ''}: ${(o.message ?? '').slice(0, 240)}\n    ${knownFailures[o.file] ?? 'cause not known'}`,
    ),
  ];
  if (options.blocking) {
    lines.push(
      `blocking the workflows without AI nodes (n8n type: workflows it alone blocks / workflows it blocks):`,
      ...runs.blocking.slice(0, options.blocking).map((b) => `  ${b.n8nType}: ${b.alone} / ${b.workflows}`),
    );
  }
  return lines.join('\n');
}
