import {
  connectOAuth2,
  createCredential,
  getNodeType,
  HttpClient,
  listCredentials,
  listCredentialTypes,
  listNodeTypes,
  runWorkflow,
  saveWorkflow,
  type SavedWorkflow,
} from '@flowloom/adapters/http';
import type { CredentialInput, CredentialView, NodeTypeDescription, Workflow } from '@flowloom/engine';
import type { CredentialSource, CredentialTypeForm } from '../credentials/credential-source.js';
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
export class ServerConnection implements CredentialSource {
  readonly client: HttpClient;
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
        (await listCredentialTypes(this.client)).map(({ name, displayName, description, properties }) => ({
          name,
          displayName,
          ...(description ? { description } : {}),
          properties,
        })),
    );
  }

  async create(input: CredentialInput): Promise<CredentialView> {
    const created = await createCredential(this.client, input);
    this.#credentials = undefined;
    return created;
  }

  connect(credentialId: string): Promise<CredentialView> {
    // Opens the popup before anything is awaited, while the click still allows it.
    const connected = connectOAuth2(this.client, credentialId);
    return connected.finally(() => (this.#credentials = undefined));
  }
}

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
