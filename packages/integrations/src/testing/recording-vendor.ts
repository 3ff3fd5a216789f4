/**
 * One recording server per test file, answering as the vendor, and the
 * engines that reach the vendor's hosts through it: what every testbed
 * (a service's, a webhook trigger's, a polling trigger's) is built on.
 */
import type { CredentialType, Engine, NodeType, Storage } from '@flowloom/engine';
import type { TestClock } from '@flowloom/engine/testing';
import type { SeenRequest } from '@flowloom/engine/testing/node';
import { afterAll, beforeAll } from 'vitest';
import { serviceEngine, startVendorServer, type Answers, type NormalizedRequest, type VendorServer } from './service-harness.js';

/** A credential the engine holds from the start. */
export interface TestCredential {
  id: string;
  type: string;
  data: Record<string, unknown>;
}

/** The vendor a test file talks to, and what its engines hold. */
export interface VendorOptions<R extends NormalizedRequest = NormalizedRequest> {
  /** How the recording server answers, as the vendor documents it. */
  answers?: Answers;
  /** Headers that carry an API key, reported as a request's `auth`. */
  authHeaders?: readonly string[];
  /** The vendor's hosts: each is relayed to the recording server. */
  hosts: readonly string[];
  nodeTypes: readonly NodeType[];
  credentialTypes: readonly CredentialType[];
  credentials: readonly TestCredential[];
  /** What a new engine needs once its credentials exist (accounts connected, tokens imported). */
  prepare?(engine: Engine): Promise<void>;
  /**
   * How the tests compare a request (`raw` is what arrived): say, without the
   * content type an SDK names on requests without a body.
   */
  read?(request: NormalizedRequest, raw: SeenRequest): R;
}

/** How a test wants an engine started. */
export interface StartOptions {
  clock?: TestClock;
  /** The storage of an engine that stopped: its credentials and trigger state are kept. */
  storage?: Storage;
  /** Other credentials than the file's (an account about to be connected); `prepare` is left out then. */
  credentials?: readonly TestCredential[];
}

/** What the shared cases need: an engine, the routes to the vendor, and the requests it received. */
export interface RecordingRig<R extends NormalizedRequest = NormalizedRequest> {
  readonly engine: Engine;
  readonly routes: Record<string, string>;
  take(): Promise<R[]>;
}

/** A vendor's recording server for one test file, the engine its tests work on, and more engines on demand. */
export interface Vendor<R extends NormalizedRequest = NormalizedRequest> extends RecordingRig<R> {
  /** The recording server (started before the file's tests). */
  readonly server: VendorServer;
  /** The vendor's hosts, each routed to the recording server. */
  readonly routes: Record<string, string>;
  /** A new engine with the file's node types and credentials, reaching the recording server. */
  startEngine(options?: StartOptions): Promise<Engine>;
}

/**
 * Starts the recording server before the file's tests and closes it after
 * them. `current` gives the engine the tests work on (the testbed starts it).
 */
export function recordingVendor<R extends NormalizedRequest = NormalizedRequest>(
  options: VendorOptions<R>,
  current: () => Engine | undefined,
): Vendor<R> {
  let server: VendorServer | undefined;
  const routes: Record<string, string> = {};
  beforeAll(async () => {
    server = await startVendorServer(options.answers ?? (() => undefined), options.authHeaders);
    for (const host of options.hosts) routes[host] = server.url;
  });
  afterAll(async () => {
    await server?.close();
  });
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new TypeError(`${what} starts before the tests: use it inside a test or a hook`);
    return value;
  };
  return {
    get server() {
      return started(server, 'the recording server');
    },
    get engine() {
      return started(current(), 'the engine');
    },
    routes,
    async take() {
      const recording = started(server, 'the recording server');
      const taken = await recording.take();
      if (!options.read) return taken as R[];
      const raw = recording.requests.slice(recording.requests.length - taken.length);
      return taken.map((request, i) => options.read!(request, raw[i]!));
    },
    async startEngine({ clock, storage, credentials } = {}) {
      const engine = await serviceEngine({
        nodeTypes: options.nodeTypes,
        credentialTypes: options.credentialTypes,
        routes,
        ...(clock ? { clock } : {}),
        ...(storage ? { storage } : { credentials: [...(credentials ?? options.credentials)] }),
      });
      if (!storage && !credentials) await options.prepare?.(engine);
      return engine;
    },
  };
}

/** Leaves out the content type of a request without a body: several SDKs name one on every request, the node only with a body. */
export function withoutBodilessContentType(request: NormalizedRequest): NormalizedRequest {
  return request.body === undefined ? { ...request, contentType: undefined } : request;
}
