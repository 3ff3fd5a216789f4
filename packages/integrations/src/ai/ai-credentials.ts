// The model providers' credential types: loaded when a credential of theirs is used (the catalog lists stand-ins).
//
// Model nodes address every request to PROVIDER_HOST; the credential moves it to its own base URL as it signs it,
// so the node never reads the base URL, and the key goes only to that URL's host (destination binding).
import { defineCredentialType, type SignableRequest } from '@flowloom/engine';
import { z } from 'zod';

/** The host model nodes address (`.invalid` never resolves); each credential moves requests to its base URL. */
export const PROVIDER_HOST = 'provider.ai.invalid';

/** The base URL model providers are built with: the credential completes it with its own base URL. */
export const PROVIDER_BASE_URL = `https://${PROVIDER_HOST}`;

const baseUrl = (example: string, description: string) =>
  z
    .string()
    .trim()
    .regex(/^https?:\/\/[^/?#\s]+(\/[^?#\s]*)?$/i, `must be an http(s) URL such as ${example}`)
    .meta({ label: 'Base URL', placeholder: example, description });

/** Moves a request addressed to PROVIDER_HOST onto the credential's base URL (path prefix included). */
function toBaseUrl(request: SignableRequest, base: string): void {
  if (request.url.hostname !== PROVIDER_HOST) return;
  const target = new URL(base);
  request.url.protocol = target.protocol;
  request.url.host = target.host;
  request.url.pathname = `${target.pathname.replace(/\/+$/, '')}${request.url.pathname}`;
}

/** The hosts a provider credential may be sent to: its base URL's host (and port), and the placeholder nodes address. */
const hostsOf = (d: { baseUrl: string }) => [PROVIDER_HOST, new URL(d.baseUrl).host];

/** An OpenAI API key, with the organization it bills to; the base URL also serves Azure-style gateways and proxies. */
export const openAiApi = defineCredentialType({
  name: 'openAiApi',
  displayName: 'OpenAI API key',
  documentationUrl: 'https://platform.openai.com/api-keys',
  properties: z.object({
    apiKey: z.string().trim().min(1).meta({ label: 'API key', placeholder: 'sk-...', secret: true }),
    baseUrl: baseUrl('https://api.openai.com/v1', 'Where the API is; change it only for a proxy or a compatible service.').default(
      'https://api.openai.com/v1',
    ),
    organization: z.string().trim().optional().meta({ label: 'Organization ID', placeholder: 'org-...' }),
  }),
  authenticate: (d) => ({
    type: 'custom',
    sign(request) {
      toBaseUrl(request, d.baseUrl);
      request.headers.set('authorization', `Bearer ${d.apiKey}`);
      if (d.organization) request.headers.set('openai-organization', d.organization);
    },
  }),
  allowedHosts: hostsOf,
  test: () => ({ url: `${PROVIDER_BASE_URL}/models` }),
});

/** An Anthropic API key. */
export const anthropicApi = defineCredentialType({
  name: 'anthropicApi',
  displayName: 'Anthropic API key',
  documentationUrl: 'https://console.anthropic.com/settings/keys',
  properties: z.object({
    apiKey: z.string().trim().min(1).meta({ label: 'API key', placeholder: 'sk-ant-...', secret: true }),
    baseUrl: baseUrl('https://api.anthropic.com/v1', 'Where the API is; change it only for a proxy.').default(
      'https://api.anthropic.com/v1',
    ),
  }),
  authenticate: (d) => ({
    type: 'custom',
    sign(request) {
      toBaseUrl(request, d.baseUrl);
      request.headers.set('x-api-key', d.apiKey);
    },
  }),
  allowedHosts: hostsOf,
  test: () => ({ url: `${PROVIDER_BASE_URL}/models`, headers: { 'anthropic-version': '2023-06-01' } }),
});

/**
 * A server that speaks OpenAI's API (Ollama, vLLM, LM Studio, llama.cpp),
 * usually on the host's own network: the engine must allow that address
 * (`http.allowedRanges`, or `allowPrivateNetworks`), since the private
 * network guard applies to model calls as to every request.
 */
export const openAiCompatibleApi = defineCredentialType({
  name: 'openAiCompatibleApi',
  displayName: 'OpenAI-compatible server',
  documentationUrl: 'https://github.com/ollama/ollama/blob/main/docs/openai.md',
  properties: z.object({
    baseUrl: baseUrl('http://localhost:11434/v1', 'The server\u2019s OpenAI-compatible API, ending in /v1 for Ollama, vLLM and LM Studio.'),
    apiKey: z
      .string()
      .trim()
      .optional()
      .meta({ label: 'API key', description: 'Only when the server asks for one (vLLM with --api-key).', secret: true }),
  }),
  authenticate: (d) => ({
    type: 'custom',
    sign(request) {
      toBaseUrl(request, d.baseUrl);
      if (d.apiKey) request.headers.set('authorization', `Bearer ${d.apiKey}`);
    },
  }),
  allowedHosts: hostsOf,
  test: () => ({ url: `${PROVIDER_BASE_URL}/models` }),
});
