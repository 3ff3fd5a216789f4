import { checkOptions, OptionError, type ExecutionStore, type VariableStore, type WorkflowStore } from '@flowloom/engine';
import { HttpClient, type FetchLike, type TokenSource } from './http-client.js';
import { HttpCredentials } from './http-credentials.js';
import { HttpExecutionStore } from './http-execution-store.js';
import { HttpStorageError } from './http-storage.error.js';
import { HttpVariableStore } from './http-variable-store.js';
import { HttpWorkflowStore } from './http-workflow-store.js';

/** What `createHttpStorage` takes. */
export interface HttpStorageOptions {
  /** Where the Flowloom API is mounted: `https://flowloom.example.com`, or `https://app.example.com/flowloom`. */
  baseUrl: string | URL;
  /**
   * The bearer credential: one embed token or API key (then name its tenant
   * in `tenantId`), or a function `({ tenantId, refresh }) => token`, called
   * per tenant and again when the server refused the last token as expired.
   */
  token: TokenSource;
  /**
   * The one tenant this storage speaks for: a call for any other tenant is
   * refused (`STORAGE_REFUSED`) before anything is sent. Required with a
   * single token, whose tenant the server alone knows.
   */
  tenantId?: string;
  /** Sends the requests (default: the global `fetch`). */
  fetch?: FetchLike;
}

/**
 * The storage contracts the REST API serves. Not an engine's `Storage`: the
 * server's own engine writes executions and keeps credential secrets, so
 * execution writes are refused, credentials are masked views, and there is
 * no trigger state.
 */
export interface HttpStorage {
  workflows: WorkflowStore;
  /** Reads, counts and deletes; the writes reject with `STORAGE_REFUSED`. */
  executions: ExecutionStore;
  variables: VariableStore;
  credentials: HttpCredentials;
  /** The client that calls the API for a tenant: for runs, live events and the catalog. */
  client(tenantId: string): HttpClient;
  /** Ends this storage: later calls reject with `STORAGE_CLOSED`. The server is not touched. */
  close(): Promise<void>;
}

const OPTIONS = { baseUrl: true, token: true, tenantId: true, fetch: true } as const;

/**
 * The engine's storage contracts over a Flowloom server's REST API, with
 * `fetch`: in a page (beside `<workflow-editor>`) or in a Node back end. Each
 * call goes out with the token of its tenant; the server decides the tenant
 * from the token alone and checks the role's permissions, so a refused call
 * rejects with the server's sentence (an `HttpStorageError`, a
 * `StorageError`), and a refused workflow with a `WorkflowValidationError`
 * naming each field.
 *
 * @example
 * // A back end acting for its tenants, signing an embed token per tenant:
 * const storage = createHttpStorage({
 *   baseUrl: 'https://flowloom.internal',
 *   token: ({ tenantId }) => signEmbedToken({ secret, issuer, audience, tenantId, userId: 'sync', role: 'editor' }),
 * });
 * await storage.workflows.save('acme', workflow);
 */
export function createHttpStorage(options: HttpStorageOptions): HttpStorage {
  checkOptions('createHttpStorage', options, OPTIONS);
  if (typeof options.token === 'string' && options.tenantId === undefined) {
    throw new OptionError(
      'OPTION_INVALID',
      'createHttpStorage',
      'tenantId',
      'createHttpStorage: a single token speaks for one tenant; name it with tenantId, or pass token as a function of the tenant ({ tenantId }) => token.',
    );
  }
  const clients = new Map<string, HttpClient>();
  let closed = false;
  const clientFor = (tenantId: string): HttpClient => {
    if (closed) throw new HttpStorageError('STORAGE_CLOSED', `The HTTP storage of ${String(options.baseUrl)} was closed; create another.`);
    if (options.tenantId !== undefined && tenantId !== options.tenantId) {
      throw new HttpStorageError(
        'STORAGE_REFUSED',
        `This HTTP storage speaks for tenant '${options.tenantId}' (its token's); a call for tenant '${tenantId}' was refused and not sent.`,
      );
    }
    let client = clients.get(tenantId);
    if (!client) {
      client = new HttpClient({
        baseUrl: options.baseUrl,
        token: options.token,
        tenantId,
        ...(options.fetch ? { fetch: options.fetch } : {}),
      });
      clients.set(tenantId, client);
    }
    return client;
  };
  // Checks the base URL and token now, not at the first call.
  new HttpClient({ baseUrl: options.baseUrl, token: options.token });
  return {
    workflows: new HttpWorkflowStore(clientFor),
    executions: new HttpExecutionStore(clientFor),
    variables: new HttpVariableStore(clientFor),
    credentials: new HttpCredentials(clientFor),
    client: clientFor,
    close: async () => {
      closed = true;
      clients.clear();
    },
  };
}
