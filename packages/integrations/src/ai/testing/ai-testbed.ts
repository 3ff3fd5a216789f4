/**
 * What the AI nodes' tests share: the fake model APIs and the vendors'
 * oracle server, a tool server (a weather API) and an attacker's server,
 * an engine reaching them through the relay (so credentials still bind to
 * the vendors' real hosts), the credentials, and workflows with a model,
 * a memory and tools attached to an AI node.
 */
import { rawKeyProvider, silentLogger, type Engine, type EngineOptions, type Execution, type Item, type Workflow } from '@flowloom/engine';
import { createNodeEngine } from '@flowloom/engine/node';
import { buildWorkflow, type NodeShorthand } from '@flowloom/engine/testing';
import { afterAll, beforeAll } from 'vitest';
import { allIntegrationCredentials, allIntegrations } from '../../index.js';
import { relayFetch, runThroughCli, startVendorServer, type VendorServer } from '../../testing/service-harness.js';
import { startFakeModels, startOracle, type FakeModels } from './fake-models.js';

export const KEYS = {
  openai: 'sk-test-openai-5f1c2a9e7b',
  anthropic: 'sk-ant-test-8d3e4c1b0a',
  weather: 'weather-token-2b7d91',
};

/** The credentials every test engine (and the command line) has. */
export const CREDENTIALS = [
  { id: 'openai', type: 'openAiApi', data: { apiKey: KEYS.openai, organization: 'org-flowloom' } },
  { id: 'anthropic', type: 'anthropicApi', data: { apiKey: KEYS.anthropic } },
  { id: 'local', type: 'openAiCompatibleApi', data: { baseUrl: 'http://localhost:11434/v1' } },
  { id: 'weather', type: 'bearerToken', data: { token: KEYS.weather, allowedDomains: ['api.weather.example'] } },
];

/** Which credential a Chat Model node uses, by provider. */
const MODEL_CREDENTIAL = {
  openai: { openAiApi: 'openai' },
  anthropic: { anthropicApi: 'anthropic' },
  local: { openAiCompatibleApi: 'local' },
} as const;

export type Provider = keyof typeof MODEL_CREDENTIAL;

/** A Chat Model node on a provider. */
export const chatModelNode = (provider: Provider, parameters: Record<string, unknown> = {}, id = 'model'): NodeShorthand => ({
  id,
  name: provider === 'anthropic' ? 'Claude' : provider === 'local' ? 'Llama' : 'GPT',
  type: 'ai.chatModel',
  parameters: {
    model: provider === 'anthropic' ? 'claude-3-5-haiku-20241022' : provider === 'local' ? 'llama3.2' : 'gpt-4o-mini',
    ...parameters,
  },
  credentials: { ...MODEL_CREDENTIAL[provider] },
});

/**
 * A workflow: Manual Trigger, then `node` (an AI node), with a chat model
 * on its `model` sub-port and the other nodes attached through the
 * sub-port each names (`['tool', httpNode]`), and `after` nodes fed by the
 * AI node's outputs (`['support', node]` connects its `support` output).
 */
export function aiWorkflow(spec: {
  node: NodeShorthand;
  model?: NodeShorthand | undefined;
  attached?: [string, NodeShorthand][];
  after?: [string, NodeShorthand][];
}): Workflow {
  const attached = spec.attached ?? [];
  const after = spec.after ?? [];
  return buildWorkflow({
    nodes: [
      { id: 'trigger', type: 'core.manualTrigger' },
      spec.node,
      ...(spec.model ? [spec.model] : []),
      ...attached.map(([, n]) => n),
      ...after.map(([, n]) => n),
    ],
    connections: [
      ['trigger', spec.node.id],
      ...(spec.model ? [[`${spec.model.id}:model`, `${spec.node.id}:model`] as [string, string]] : []),
      ...attached.map(([port, n]) => [`${n.id}:${port}`, `${spec.node.id}:${port}`] as [string, string]),
      ...after.map(([port, n]) => [`${spec.node.id}:${port}`, n.id] as [string, string]),
    ],
  });
}

/** The servers and the engine of one test file, started before its tests and closed after. */
export interface AiTestbed {
  fake: FakeModels;
  oracle: VendorServer;
  /** A weather API the HTTP Request tool calls (answers every request, recording it). */
  tools: VendorServer;
  /** Where a prompt-injected tool call would send the weather credential: it must never receive anything. */
  attacker: VendorServer;
  routes: Record<string, string>;
  engine: Engine;
  /** A new engine with these servers and credentials (in each tenant named) and other options (a storage to keep, a clock). */
  engineWith(options?: Partial<EngineOptions>, tenants?: readonly string[]): Promise<Engine>;
  run(workflow: Workflow, input?: Item[]): Promise<Execution>;
  /** Runs a workflow through the `flowloom` command line (an isolated worker, the built package). */
  cli(workflow: Workflow, input?: Item[]): ReturnType<typeof runThroughCli>;
}

/** Starts the servers and an engine for a test file (vitest's beforeAll/afterAll). */
export function aiTestbed(): AiTestbed {
  const bed = {} as AiTestbed;
  beforeAll(async () => {
    bed.fake = await startFakeModels();
    bed.oracle = await startOracle();
    bed.tools = await startVendorServer((request) => {
      const city = new URL(request.url, 'http://x').searchParams.get('city') ?? '';
      if (city === 'Atlantis') return { status: 404, body: { error: `no weather for ${city}` } };
      return { body: { city, sky: 'sunny', celsius: 21, authorization: request.headers.authorization } };
    });
    bed.attacker = await startVendorServer(() => ({ body: { stolen: true } }));
    bed.routes = {
      'api.openai.com': bed.fake.url,
      'api.anthropic.com': bed.fake.url,
      'localhost:11434': bed.fake.url,
      'api.weather.example': bed.tools.url,
      'attacker.example': bed.attacker.url,
    };
    bed.engineWith = async (options = {}, tenants = ['default']) => {
      // The Node entry's engine, for Code tools; its address checks are off because the relay sends the vendors'
      // names to 127.0.0.1 (the guard itself is tested with a private address, in the local server test).
      const engine = createNodeEngine({
        nodeTypes: [...allIntegrations],
        credentialTypes: [...allIntegrationCredentials],
        keyProvider: rawKeyProvider({ key: new Uint8Array(32).fill(7) }),
        fetch: relayFetch(bed.routes),
        logger: silentLogger,
        http: { allowPrivateNetworks: true },
        ...options,
      });
      for (const tenantId of tenants) {
        for (const c of CREDENTIALS) {
          // A storage kept from another engine (a restart) has them already.
          await engine.credentials
            .create({ id: c.id, name: c.id, type: c.type, data: c.data }, { tenantId })
            .catch((error: { code?: string }) => {
              if (error.code !== 'CREDENTIAL_EXISTS') throw error;
            });
        }
      }
      return engine;
    };
    bed.engine = await bed.engineWith();
    bed.run = (workflow, input = [{ json: {} }]) => bed.engine.run(workflow, { input });
    bed.cli = (workflow, input = [{ json: {} }]) => runThroughCli(workflow, { routes: bed.routes, credentials: CREDENTIALS, input });
  });
  afterAll(async () => {
    await Promise.all([bed.fake?.close(), bed.oracle?.close(), bed.tools?.close(), bed.attacker?.close()]);
  });
  return bed;
}

/** The `data` of a run's log entries of one kind (`model-call`, `tool-call`, `conversation`...). */
export function recordsOf(execution: Execution, nodeId: string, kind: string): Record<string, unknown>[] {
  return (execution.nodes[nodeId]?.[0]?.logs ?? []).flatMap((l) => (l.data && l.data['kind'] === kind ? [l.data] : []));
}

/** The JSON of the items a node put out on a port. */
export const outputJson = (execution: Execution, nodeId: string, port = 'main') =>
  (execution.nodes[nodeId]?.[0]?.output[port] ?? []).map((i) => i.json);
