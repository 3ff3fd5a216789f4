import type { Workflow, WorkflowStore, WorkflowSummary, WorkflowVersionSummary } from '@flowloom/engine';
import type { HttpClient, RequestOptions } from './http-client.js';
import { HttpStorageError } from './http-storage.error.js';

/** A version as the server saved it: its summary, the document as stored, and whether the workflow is active. */
export interface SavedWorkflow extends WorkflowVersionSummary {
  workflow: Workflow;
  active: boolean;
}

/** The server's answer to a save or a restore. */
interface SavedAnswer {
  workflow: Workflow;
  version: number;
  savedAt?: string;
  active: boolean;
}

/** Which of the caller's clients to use for a tenant (it refuses a tenant it does not speak for). */
export type ClientFor = (tenantId: string) => HttpClient;

const at = (id: string) => `/workflows/${encodeURIComponent(id)}`;

/**
 * Saves a workflow as a new version on the server, creating it on its first
 * save (`PUT /workflows/{id}`, else `POST /workflows`). The server checks it
 * against its node types: a document it refuses rejects with a
 * `WorkflowValidationError` whose issues name each field.
 */
export async function saveWorkflow(
  client: HttpClient,
  workflow: Workflow,
  options: Pick<RequestOptions, 'signal'> = {},
): Promise<SavedWorkflow> {
  const put = () => client.request<SavedAnswer | undefined>('PUT', at(workflow.id), { body: workflow, notFound: 'undefined', ...options });
  let answer = await put();
  if (!answer) {
    try {
      answer = await client.request<SavedAnswer>('POST', '/workflows', { body: workflow, ...options });
    } catch (error) {
      // Created by another call in between: save over it.
      if (!(error instanceof HttpStorageError && error.serverCode === 'WORKFLOW_EXISTS')) throw error;
      answer = await put();
    }
  }
  if (!answer) throw new HttpStorageError('STORAGE_FAILED', `The workflow '${workflow.id}' was neither saved nor found on the server.`);
  return savedFrom(client, answer);
}

async function savedFrom(client: HttpClient, answer: SavedAnswer): Promise<SavedWorkflow> {
  const { workflow, version, active } = answer;
  // Servers before `savedAt` was in the answer: read it from the version list.
  const savedAt =
    answer.savedAt ??
    (await client.request<{ versions: WorkflowVersionSummary[] }>('GET', `${at(workflow.id)}/versions`)).versions.find(
      (v) => v.version === version,
    )?.savedAt ??
    '';
  return { workflowId: workflow.id, version, name: workflow.name, savedAt, workflow, active };
}

/**
 * The `WorkflowStore` contract over `/workflows`: saves, version history,
 * restore and deletion, each in the tenant of the token its client sends.
 */
export class HttpWorkflowStore implements WorkflowStore {
  readonly #clientFor: ClientFor;

  constructor(clientFor: ClientFor) {
    this.#clientFor = clientFor;
  }

  async save(tenantId: string, workflow: Workflow): Promise<WorkflowVersionSummary> {
    const { workflowId, version, name, savedAt } = await saveWorkflow(this.#clientFor(tenantId), workflow);
    return { workflowId, version, name, savedAt };
  }

  async get(tenantId: string, id: string): Promise<Workflow | undefined> {
    return this.#clientFor(tenantId).request<Workflow | undefined>('GET', at(id), { notFound: 'undefined' });
  }

  async list(tenantId: string): Promise<WorkflowSummary[]> {
    const { workflows } = await this.#clientFor(tenantId).request<{ workflows: (WorkflowSummary & { active?: boolean })[] }>(
      'GET',
      '/workflows',
    );
    return workflows.map(({ id, name, updatedAt, version }) => ({ id, name, updatedAt, version }));
  }

  async delete(tenantId: string, id: string): Promise<boolean> {
    return this.#clientFor(tenantId).delete(at(id));
  }

  async listVersions(tenantId: string, id: string): Promise<WorkflowVersionSummary[]> {
    const answer = await this.#clientFor(tenantId).request<{ versions: WorkflowVersionSummary[] } | undefined>(
      'GET',
      `${at(id)}/versions`,
      {
        notFound: 'undefined',
      },
    );
    return answer?.versions ?? [];
  }

  async getVersion(tenantId: string, id: string, version: number): Promise<Workflow | undefined> {
    return this.#clientFor(tenantId).request<Workflow | undefined>('GET', `${at(id)}/versions/${version}`, { notFound: 'undefined' });
  }

  async restoreVersion(tenantId: string, id: string, version: number): Promise<WorkflowVersionSummary | undefined> {
    const client = this.#clientFor(tenantId);
    const answer = await client.request<SavedAnswer | undefined>('POST', `${at(id)}/versions/${version}/restore`, {
      notFound: 'undefined',
    });
    if (!answer) return undefined;
    const { workflowId, name, savedAt } = await savedFrom(client, answer);
    return { workflowId, version: answer.version, name, savedAt };
  }
}
