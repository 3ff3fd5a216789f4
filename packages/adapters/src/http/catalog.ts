import type { NodeTypeDescription } from '@flowloom/engine';
import type { HttpClient, RequestOptions } from './http-client.js';

type Signal = Pick<RequestOptions, 'signal'>;

/** A credential type as the server describes it, for a form: the JSON Schema of its fields (secret ones say `secret: true`). */
export interface CredentialTypeInfo {
  name: string;
  displayName: string;
  description?: string;
  documentationUrl?: string;
  properties: Record<string, unknown>;
  /** Whether `POST /credentials/{id}/test` can check a credential of this type. */
  testable: boolean;
}

/**
 * The node types the server's workflows may use (`GET /node-types`): the
 * palette and forms of an editor working against it. A type marked `lazy`
 * has its whole form from `getNodeType`.
 */
export async function listNodeTypes(client: HttpClient, options: Signal = {}): Promise<NodeTypeDescription[]> {
  return (await client.request<{ nodeTypes: NodeTypeDescription[] }>('GET', '/node-types', options)).nodeTypes;
}

/** One node type with its whole form, loaded first on the server if it loads on demand; undefined when unknown. */
export function getNodeType(client: HttpClient, type: string, options: Signal = {}): Promise<NodeTypeDescription | undefined> {
  return client.request<NodeTypeDescription | undefined>('GET', `/node-types/${encodeURIComponent(type)}`, {
    notFound: 'undefined',
    ...options,
  });
}

/** The credential types of the server (`GET /credential-types`), for credential forms. */
export async function listCredentialTypes(client: HttpClient, options: Signal = {}): Promise<CredentialTypeInfo[]> {
  return (await client.request<{ credentialTypes: CredentialTypeInfo[] }>('GET', '/credential-types', options)).credentialTypes;
}
