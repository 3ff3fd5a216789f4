import type { HttpClient } from '@flowloom/adapters/http';
import type { Workflow } from '@flowloom/engine';

/**
 * The templates a Flowloom server offers (`GET /templates`), each read whole
 * (`GET /templates/{id}`), since the list carries names and descriptions only.
 */
export async function loadServerTemplates(client: HttpClient): Promise<Workflow[]> {
  const { templates } = await client.request<{ templates: { id: string }[] }>('GET', '/templates');
  return Promise.all(templates.map((t) => client.request<Workflow>('GET', `/templates/${encodeURIComponent(t.id)}`)));
}
