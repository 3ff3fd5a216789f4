// The engine's storage conformance suite, run over the REST API of a real server (createServer on 127.0.0.1,
// SQLite behind it), for every part of the contracts the API serves.
//
// The API reads executions but never lets a caller write one: only the server's engine does, as it runs
// workflows. So the suite's own execution writes (create, appendNodeRun, claim, finish; and tenants(), a
// maintenance read across tenants) go to the server's SQLite storage, standing for its engine, and every read,
// count and delete goes over HTTP. Workflows and variables go over HTTP entirely.
//
// Tests of what the API does not serve, or that exercise only those server-side writes, are left out, each
// with its reason below; the last test checks that every name listed is still a test of the suite.
import type { Storage } from '@flowloom/engine';
import { describeStorageAdapter } from '@flowloom/engine/testing';
import { describe, expect, it } from 'vitest';
import { createHttpStorage } from './index.js';
import { startFlowloomServer, type FlowloomTestServer } from './testing/flowloom-server.js';

const NO_ROUTE = 'the REST API has no route for it';
const SERVER_WRITES = 'it exercises only writes the server’s engine makes (no route writes executions)';

/** Whole groups of the suite left out, and why. */
const GROUPS_LEFT_OUT: Record<string, string> = {
  'trigger state': `${NO_ROUTE}: polling triggers keep their cursors on the server`,
  'key-value records': `${NO_ROUTE}: nodes keep their records on the server`,
};

/** Single tests left out, and why. */
const TESTS_LEFT_OUT: Record<string, string> = {
  'records an execution node by node and reads it back with its node runs in order':
    'GET /executions/{id} leaves out the workflow snapshot kept for retries',
  'keeps the run state given to create and returns it from get': 'GET /executions/{id} leaves out the run state',
  'replaces the run state with each node run that brings one, and returns the latest with the runs':
    'GET /executions/{id} leaves out the run state',
  'leaves the run state as it was when a node run comes without one': 'GET /executions/{id} leaves out the run state',
  'keeps a large run state whole': 'GET /executions/{id} leaves out the run state',
  'deletes the run state with its execution': 'GET /executions/{id} leaves out the run state',
  'shows the new owner in lists, and keeps the run state and node runs through a claim': 'GET /executions/{id} leaves out the run state',
  'stores variables of every type and reads them back':
    'PUT /variables/{key} stamps updatedAt with the server’s clock (http-storage.test.ts checks the values of every type)',
  'refuses to write to an execution that does not exist': SERVER_WRITES,
  'refuses to create the same execution twice': SERVER_WRITES,
  'lists the tenants that have executions': `${SERVER_WRITES}; a token speaks for one tenant, so no route lists tenants`,
  'claims a running execution once: a second claim expecting the old owner fails': SERVER_WRITES,
  'lets only one of two engines racing for the same execution claim it': SERVER_WRITES,
  'refuses to claim an execution that is not running': SERVER_WRITES,
  'resolves false when claiming an execution that does not exist, or exists only in another tenant': SERVER_WRITES,
  'matches a record without an owner when the expected owner is undefined, and only then': SERVER_WRITES,
  'stores credential blobs and metadata as given': 'the API never lets encrypted blobs out: credentials are masked views',
  'never shows one tenant the credentials of another': 'the API never lets encrypted blobs out (http-storage.test.ts checks tenants)',
  'keeps a credential audit trail per tenant, oldest first (when the store keeps one)': NO_ROUTE,
};

const seen = new Set<string>();
const suiteDescribe = (name: string, body: () => void) => {
  if (name in GROUPS_LEFT_OUT) return void seen.add(name);
  describe(name, body);
};
const suiteIt = (name: string, body: () => Promise<void>) => {
  if (name in TESTS_LEFT_OUT) return void seen.add(name);
  it(name, body);
};

/** A store the API does not serve: the tests that would use it are left out above. */
function notOverHttp<T extends object>(what: string): T {
  return new Proxy({} as T, {
    get: (_target, key) => () => Promise.reject(new Error(`${what}.${String(key)} is not served over HTTP; this test should be left out.`)),
  });
}

const servers = new WeakMap<Storage, FlowloomTestServer>();

describeStorageAdapter(
  'http',
  async () => {
    const server = await startFlowloomServer();
    const http = createHttpStorage({ baseUrl: server.url, token: ({ tenantId }) => server.token(tenantId!) });
    const engineWrites = server.storage.executions;
    const storage: Storage = {
      workflows: http.workflows,
      variables: http.variables,
      executions: {
        get: (t, id) => http.executions.get(t, id),
        list: (t, q) => http.executions.list(t, q),
        count: (t, q) => http.executions.count(t, q),
        delete: (t, ids) => http.executions.delete(t, ids),
        create: (e) => engineWrites.create(e),
        appendNodeRun: (t, id, run, state) => engineWrites.appendNodeRun(t, id, run, state),
        claim: (t, id, owner, expected) => engineWrites.claim(t, id, owner, expected),
        finish: (t, id, result) => engineWrites.finish(t, id, result),
        tenants: () => engineWrites.tenants(),
      },
      credentials: notOverHttp('credentials'),
      triggerState: notOverHttp('triggerState'),
      close: () => http.close(),
    };
    servers.set(storage, server);
    return storage;
  },
  {
    describe: suiteDescribe,
    it: suiteIt,
    dispose: async (storage) => {
      await storage.close?.();
      await servers.get(storage)?.close();
    },
  },
);

describe('the conformance run over HTTP', () => {
  it('leaves out only tests and groups the suite has', () => {
    const listed = [...Object.keys(GROUPS_LEFT_OUT), ...Object.keys(TESTS_LEFT_OUT)];
    expect(listed.filter((name) => !seen.has(name))).toEqual([]);
  });
});
