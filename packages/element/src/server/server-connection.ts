import {
  connectOAuth2,
  credentialLastUsed,
  createCredential,
  getNodeType,
  HttpClient,
  HttpVariableStore,
  HttpWorkflowStore,
  listCredentials,
  listCredentialTypes,
  listNodeTypes,
  runWorkflow,
  saveWorkflow,
  testCredential,
  testCredentialDraft,
  updateCredential,
  type SavedWorkflow,
} from '@flowloom/adapters/http';
import type {
  CredentialInput,
  CredentialUpdate,
  CredentialView,
  NodeTypeDescription,
  Variable,
  VariableType,
  Workflow,
  WorkflowStore,
} from '@flowloom/engine';
import type { CredentialAdmin, CredentialCheck, CredentialDraft, WorkflowCredentialUse } from '../credentials/credential-admin.js';
import type { CredentialTypeForm } from '../credentials/credential-source.js';
import type { VariableScope, VariableSource } from '../panels/variables/variable-source.js';
import type { WorkflowRunner } from '../runner.js';

/**
 * The token `<workflow-editor>` sends to its server: an embed token, or a
 * function returning one, asked again (`refresh: true`) when the server
 * refused the last one as expired.
 */
export type EditorToken = string | ((request: { refresh: boolean }) => string | Promise<string>);

/**
 * The editor's link to a Flowloom server: the catalog (node types, credential
 * types), saving, runs followed live, and credentials, all through the REST
 * API with the editor's token. Loaded only when `server-url` is set.
 */
export class ServerConnection implements CredentialAdmin {
  readonly client: HttpClient;
  /** The server's audit trail says when each credential was last used. */
  readonly tracksUse = true;
  /** The tenant's and workflows' variables on the server. */
  readonly variables: VariableSource;
  #revision = 0;
  readonly #workflows = new HttpWorkflowStore(() => this.client);
  /** The document the server last stored, as JSON: a run of the same document needs no new version. */
  #stored: string | undefined;
  #credentials: Promise<readonly CredentialView[]> | undefined;
  #types: Promise<readonly CredentialTypeForm[]> | undefined;

  constructor(serverUrl: string, token: () => EditorToken | undefined) {
    this.client = new HttpClient({
      // `server-url="/api"` is read as the page's own origin.
      baseUrl: new URL(serverUrl, document.baseURI),
      token: async ({ refresh }) => {
        const current = token();
        if (typeof current === 'function') return current({ refresh });
        if (!current) throw new Error('<workflow-editor> has a server-url but no token: set its token attribute or property.');
        return current;
      },
    });
    this.variables = new ServerVariables(this.client);
  }

  /** The caller's saved workflows and their versions on the server (the token names the tenant). */
  get workflowStore(): WorkflowStore {
    return this.#workflows;
  }

  /** The node types the server's workflows may use. */
  nodeTypes(): Promise<NodeTypeDescription[]> {
    return listNodeTypes(this.client);
  }

  /** One node type with its whole form (for types that load on demand). */
  loadType(type: string): Promise<NodeTypeDescription | undefined> {
    return getNodeType(this.client, type);
  }

  /** Stores the workflow on the server as a new version. */
  async save(workflow: Workflow): Promise<SavedWorkflow> {
    const saved = await saveWorkflow(this.client, workflow);
    this.#stored = JSON.stringify(workflow);
    return saved;
  }

  /** Runs on the server: stores the document if it changed since the last save, then runs it and follows it live. */
  readonly runner: WorkflowRunner = async (workflow, { signal, onEvent }) => {
    if (JSON.stringify(workflow) !== this.#stored) await this.save(workflow);
    return runWorkflow(this.client, workflow.id, { signal, onEvent });
  };

  list(): Promise<readonly CredentialView[]> {
    return cached(
      () => this.#credentials,
      (p) => {
        this.#credentials = p;
      },
      () => listCredentials(this.client),
    );
  }

  types(): Promise<readonly CredentialTypeForm[]> {
    return cached(
      () => this.#types,
      (p) => {
        this.#types = p;
      },
      async () =>
        (await listCredentialTypes(this.client)).map(({ name, displayName, description, properties, testable }) => ({
          name,
          displayName,
          ...(description ? { description } : {}),
          properties,
          testable,
        })),
    );
  }

  /** Goes up after every change to credentials or variables made through this connection. */
  get revision(): number {
    return this.#revision;
  }

  async create(input: CredentialInput): Promise<CredentialView> {
    const created = await createCredential(this.client, input);
    this.#changed();
    return created;
  }

  connect(credentialId: string): Promise<CredentialView> {
    // Opens the popup before anything is awaited, while the click still allows it.
    const connected = connectOAuth2(this.client, credentialId);
    return connected.finally(() => this.#changed());
  }

  async update(id: string, patch: CredentialUpdate): Promise<CredentialView> {
    const updated = await updateCredential(this.client, id, patch);
    this.#changed();
    return updated;
  }

  async delete(id: string): Promise<void> {
    await this.client.delete(`/credentials/${encodeURIComponent(id)}`);
    this.#changed();
  }

  async test(id: string): Promise<CredentialCheck> {
    const result = await testCredential(this.client, id);
    // The answer carries no error code: an OAuth2 grant that is gone is told by the engine's documented sentence.
    return RECONNECT.test(result.message) ? { ...result, reconnect: true } : result;
  }

  /** Tests a form's values on the server before they are saved (`POST /credentials/test`); nothing is stored. */
  // Fields the type refuses reject with the server's issues (`data.token`), which the form places under them.
  readonly testDraft = (draft: CredentialDraft, id?: string): Promise<CredentialCheck> => testCredentialDraft(this.client, draft, id);

  lastUsed(id: string): Promise<string | undefined> {
    return credentialLastUsed(this.client, id);
  }

  /** The saved workflows of the caller's tenant, one request each for their nodes. */
  async workflows(): Promise<readonly WorkflowCredentialUse[]> {
    // The token names the tenant: the store's tenant argument is not sent.
    const summaries = await this.#workflows.list('');
    const documents = await Promise.all(summaries.map((s) => this.#workflows.get('', s.id)));
    return documents.flatMap((w) => (w ? [{ id: w.id, name: w.name, nodes: w.nodes }] : []));
  }

  #changed(): void {
    this.#credentials = undefined;
    this.#revision++;
  }
}

/** How the engine ends the message of an OAuth2 credential whose grant is gone (`OAUTH2_RECONNECT_REQUIRED`). */
const RECONNECT = /Reconnect this account/;

/** One request shared by every caller until it fails (then the next caller asks again). */
function cached<T>(get: () => Promise<T> | undefined, set: (p: Promise<T> | undefined) => void, load: () => Promise<T>): Promise<T> {
  const existing = get();
  if (existing) return existing;
  const pending = load();
  set(pending);
  pending.catch(() => {
    if (get() === pending) set(undefined);
  });
  return pending;
}

/** Variables over the server's `/variables`, in the tenant of the editor's token. */
class ServerVariables implements VariableSource {
  #revision = 0;
  readonly #store: HttpVariableStore;

  constructor(client: HttpClient) {
    // The token names the tenant: the store's tenant argument is not sent.
    this.#store = new HttpVariableStore(() => client);
  }

  get revision(): number {
    return this.#revision;
  }

  list(scope: VariableScope): Promise<readonly Variable[]> {
    return this.#store.list('', scope.workflowId);
  }

  async set(key: string, value: unknown, scope: VariableScope & { type?: VariableType }): Promise<void> {
    // The server stamps the time, and infers the type when none is given.
    const variable = {
      key,
      value,
      updatedAt: '',
      ...(scope.type ? { type: scope.type } : {}),
      ...(scope.workflowId ? { workflowId: scope.workflowId } : {}),
    };
    await this.#store.set('', variable as Variable);
    this.#revision++;
  }

  async delete(key: string, scope: VariableScope): Promise<void> {
    await this.#store.delete('', key, scope.workflowId);
    this.#revision++;
  }
}
