/**
 * The fixture a service's test file is built on: the recording server that
 * answers as the vendor (see `recording-vendor.ts`), an engine with the
 * service's node and credential types reaching it, and the service node run
 * the way the tests run it. The vendor's SDK is aimed at the same server, so
 * a test compares what the node sends with what the SDK sends. Also: a
 * workflow run in the engine and through the command line alike.
 */
import type { Engine, Execution, ExecutionMode, Item, Workflow } from '@flowloom/engine';
import { beforeAll, expect } from 'vitest';
import type { Service } from '../kit/service-types.js';
import { recordingVendor, type RecordingRig, type Vendor, type VendorOptions } from './recording-vendor.js';
import { outputOf, runNode, runThroughCli, type NormalizedRequest } from './service-harness.js';

/** How a test runs the service node: on another engine, under another name, with other credentials or input. */
export interface RunOptions {
  engine?: Engine;
  name?: string;
  credentials?: Record<string, string>;
  input?: Item[];
}

/** A run of the service node: its execution, the items it put out and the requests it sent. */
export interface NodeRun<R extends NormalizedRequest = NormalizedRequest> {
  execution: Execution;
  items: Item[];
  requests: R[];
}

export interface ServiceTestbedOptions<R extends NormalizedRequest = NormalizedRequest> extends Omit<
  VendorOptions<R>,
  'nodeTypes' | 'credentialTypes'
> {
  /** The name the node's runs give it (errors name it). */
  name: string;
}

/** A service's recording server and engine for one test file, and its node run against them. */
export interface ServiceTestbed<R extends NormalizedRequest = NormalizedRequest> extends Vendor<R> {
  /** Runs the node with `parameters` (resource and operation included), with the file's first credential, and returns its execution. */
  run(parameters: Record<string, unknown>, options?: RunOptions): Promise<Execution>;
  /** Runs one operation of the node and returns its execution, items and the requests it sent. */
  node(resource: string, operation: string, parameters: Record<string, unknown>, options?: RunOptions): Promise<NodeRun<R>>;
  /** The choices the editor offers by `method` (a parameter's `loadOptions`) for the node with `parameters`, and the file's first credential. */
  choices(method: string, parameters: Record<string, unknown>): ReturnType<Engine['loadOptions']>;
}

/**
 * Declares a service's fixture: before the file's tests, a recording server
 * that answers as `answers` does and an engine with the service's node and
 * credential types reaching the vendor's hosts through it; after them, the
 * server closed. The node runs with the first credential given.
 *
 * @example
 * const bed = serviceTestbed(airtable, { name: 'Airtable', answers: vendor, hosts: ['api.airtable.com'],
 *   credentials: [{ id: 'pat', type: 'airtableTokenApi', data: { accessToken } }] });
 * const { items, requests } = await bed.node('record', 'get', { baseId, table, recordId });
 */
export function serviceTestbed<R extends NormalizedRequest = NormalizedRequest>(
  service: Service,
  options: ServiceTestbedOptions<R>,
): ServiceTestbed<R> {
  let engine: Engine | undefined;
  const vendor = recordingVendor<R>(
    { ...options, nodeTypes: [service.node], credentialTypes: service.definition.credentials },
    () => engine,
  );
  beforeAll(async () => {
    engine = await vendor.startEngine();
  });
  const first = options.credentials[0];
  const credentials = first ? { [first.type]: first.id } : {};
  const run = (parameters: Record<string, unknown>, how: RunOptions = {}) =>
    runNode(
      how.engine ?? vendor.engine,
      { type: service.node.type, name: how.name ?? options.name, parameters, credentials: how.credentials ?? credentials },
      how.input,
    );
  return Object.assign(vendor, {
    run,
    choices: (method: string, parameters: Record<string, unknown>) =>
      vendor.engine.loadOptions({ node: { type: service.node.type, name: options.name, parameters, credentials }, method }),
    async node(resource: string, operation: string, parameters: Record<string, unknown>, how?: RunOptions) {
      const execution = await run({ resource, operation, ...parameters }, how);
      return { execution, items: outputOf(execution), requests: await vendor.take() };
    },
  });
}

/** A credential the command line is given, as a file kept in a repository holds it. */
export type CliCredential = Parameters<typeof runThroughCli>[1]['credentials'][number];

/** A workflow run through the command line as it ran in the engine. */
export interface CliRun {
  credentials: CliCredential[];
  input?: Item[];
  mode?: ExecutionMode;
  /** The node whose items must be the same in both runs. */
  compare: string;
  /** Puts the vendor back as the engine's run found it (a stand-in that keeps state), before the command line runs. */
  beforeCli?: () => void;
  /** Rewrites each request before the two runs' are compared: what may differ (a MIME boundary, a Date header) made equal. */
  normalize?: (request: NormalizedRequest) => NormalizedRequest;
}

const itemsOf = (execution: Execution, node: string) => execution.nodes[node]?.[0]?.output['main'];

/**
 * Runs `workflow` through the `flowloom` command line, as a host would, and
 * requires what `ran.execution` did: exit code 0 with nothing on stderr, the
 * same items from the node `compare`, and the same requests to the vendor.
 */
export async function expectCliAgrees<R extends NormalizedRequest>(
  rig: RecordingRig<R>,
  workflow: Workflow,
  ran: { execution: Execution; requests: R[] },
  options: CliRun,
) {
  options.beforeCli?.();
  const cli = await runThroughCli(workflow, {
    routes: rig.routes,
    credentials: options.credentials,
    ...(options.input ? { input: options.input } : {}),
    ...(options.mode ? { mode: options.mode } : {}),
  });
  expect(cli.stderr).toBe('');
  expect(cli.code).toBe(0);
  expect(itemsOf(cli.execution, options.compare)).toEqual(itemsOf(ran.execution, options.compare));
  const same = options.normalize ?? ((request: NormalizedRequest) => request);
  expect((await rig.take()).map(same)).toEqual(ran.requests.map(same));
  return cli;
}

/**
 * Runs `workflow` with `engine.run`, requires it to succeed, then runs it
 * through the command line and requires the same items and requests there
 * (see {@link expectCliAgrees}). Returns the engine's execution and requests,
 * for the checks special to the service.
 */
export async function runInEngineAndCli<R extends NormalizedRequest>(rig: RecordingRig<R>, workflow: Workflow, options: CliRun) {
  await rig.take();
  const execution = await rig.engine.run(workflow, {
    ...(options.input ? { input: options.input } : {}),
    ...(options.mode ? { mode: options.mode } : {}),
  });
  expect(execution.error?.message).toBeUndefined();
  expect(execution.status).toBe('success');
  const requests = await rig.take();
  const cli = await expectCliAgrees(rig, workflow, { execution, requests }, options);
  return { execution, requests, cli };
}
