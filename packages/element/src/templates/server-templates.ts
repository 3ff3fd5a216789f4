import type { HttpClient } from '@flowloom/adapters/http';
import type { Workflow } from '@flowloom/engine';
import type { ImportCounter, ServerCatalogue } from './template-host.js';

interface Summary {
  id: string;
  /** This tenant's imports (servers before import counts leave it out). */
  imports?: number;
  template?: { id?: unknown };
}

/**
 * The templates a Flowloom server offers (`GET /templates`), each read whole
 * (`GET /templates/{id}`), since the list carries names and descriptions
 * only; and the tenant's import counts the list carries, an import counted
 * with `POST /templates/{id}/imports`.
 */
export async function loadServerTemplates(client: HttpClient): Promise<ServerCatalogue> {
  const { templates } = await client.request<{ templates: Summary[] }>('GET', '/templates');
  const documents = await Promise.all(templates.map((t) => client.request<Workflow>('GET', `/templates/${encodeURIComponent(t.id)}`)));
  return { templates: documents, counts: new ServerImportCounter(client, templates) };
}

/**
 * Import counts kept by the server, per tenant. The gallery names a template
 * by its gallery id (`meta.template.id`); the server by its document's id.
 */
class ServerImportCounter implements ImportCounter {
  readonly #documentIds = new Map<string, string>();
  readonly #counts = new Map<string, number>();

  constructor(
    private readonly client: HttpClient,
    summaries: readonly Summary[],
  ) {
    for (const summary of summaries) {
      const galleryId = typeof summary.template?.id === 'string' ? summary.template.id : summary.id;
      this.#documentIds.set(galleryId, summary.id);
      this.#counts.set(galleryId, summary.imports ?? 0);
    }
  }

  get(templateId: string): Promise<number> {
    return Promise.resolve(this.#counts.get(templateId) ?? 0);
  }

  async add(templateId: string): Promise<number> {
    const id = this.#documentIds.get(templateId) ?? templateId;
    const { imports } = await this.client.request<{ imports: number }>('POST', `/templates/${encodeURIComponent(id)}/imports`);
    this.#counts.set(templateId, imports);
    return imports;
  }
}
