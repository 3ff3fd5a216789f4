// DeepL, checked against DeepL's own SDK (deepl-node's Translator, pointed at the recording server with its
// `serverUrl` option): both make the same call to one recording server. Answers are shaped as DeepL's API
// reference documents them.
import { Translator } from 'deepl-node';
import type { SeenRequest } from '@flowloom/engine/testing/node';
import { beforeAll, describe, expect, it } from 'vitest';
import { itNamesMissingCredential, itRejectsBadInput } from '../../testing/bad-input-cases.js';
import { itKeepsCustomCall, itTestsCredential, itWaitsOutRateLimit } from '../../testing/service-cases.js';
import type { Answer, NormalizedRequest } from '../../testing/service-harness.js';
import { serviceTestbed } from '../../testing/service-testbed.js';
import { deepl } from './deepl.js';
import { deepLApiKey, FREE_HOST, PRO_HOST } from './deepl-credentials.js';

const KEY = '0f5e2a1c-7b9d-4e3f-a6c2-1d8b9e7f6a5c';
const FREE_KEY = `${KEY}:fx`;

const targets = [
  { language: 'DE', name: 'German', supports_formality: true },
  { language: 'EN-GB', name: 'English (British)', supports_formality: false },
  { language: 'FR', name: 'French', supports_formality: true },
];
const sources = [
  { language: 'DE', name: 'German' },
  { language: 'EN', name: 'English' },
];

/** Answers shaped like DeepL's documented ones. */
function vendor(request: SeenRequest): Answer | undefined {
  const url = new URL(request.url, 'http://x');
  const auth = String(request.headers.authorization ?? '');
  if (auth !== `DeepL-Auth-Key ${KEY}` && auth !== `DeepL-Auth-Key ${FREE_KEY}`) {
    return { status: 403, body: { message: 'Wrong endpoint. Use https://api.deepl.com' } };
  }
  switch (`${request.method} ${url.pathname}`) {
    case 'POST /v2/translate': {
      const form = new URLSearchParams(request.body.toString('utf8'));
      if (form.get('text') === 'quota') return { status: 456, body: { message: 'Quota exceeded' } };
      const translations = form.getAll('text').map((text) => ({
        detected_source_language: form.get('source_lang') ?? 'EN',
        text: `[${form.get('target_lang')}] ${text}`,
        ...(form.get('show_billed_characters') === '1' ? { billed_characters: text.length } : {}),
      }));
      return { body: { translations } };
    }
    case 'GET /v2/languages':
      // Without a type, DeepL lists the source languages.
      return { body: url.searchParams.get('type') === 'target' ? targets : sources };
    case 'GET /v2/usage':
      return { body: { character_count: 180118, character_limit: 1250000 } };
  }
  return undefined;
}

const bed = serviceTestbed(deepl, {
  name: 'DeepL',
  answers: vendor,
  hosts: [PRO_HOST, FREE_HOST],
  credentials: [
    { id: 'key', type: 'deepLApi', data: { apiKey: KEY } },
    { id: 'wrong', type: 'deepLApi', data: { apiKey: 'not-a-key' } },
  ],
});
const { take } = bed;
let sdk: Translator;
beforeAll(() => {
  sdk = new Translator(KEY, { serverUrl: bed.server.url, maxRetries: 0 });
});

/**
 * The SDK's requests as the node's are compared: the SDK always asks for the billed characters
 * (`show_billed_characters=1`), which the node leaves at DeepL's default, as n8n's node does.
 */
const sdkRequests = async () =>
  (await take()).map((r: NormalizedRequest) => {
    if (typeof r.body !== 'object' || r.body === null) return r;
    const { show_billed_characters: _billed, ...body } = r.body as Record<string, unknown>;
    return { ...r, body };
  });

describe('DeepL, against deepl-node', () => {
  it('translates text as the SDK does, and puts out the translation with the language detected', async () => {
    await sdk.translateText('The order has shipped.', null, 'de');
    const expected = await sdkRequests();
    const { items, requests } = await bed.node('language', 'translate', { text: 'The order has shipped.', translateTo: 'de' });
    expect(requests).toEqual(expected);
    expect(requests[0]).toMatchObject({
      method: 'POST',
      path: '/v2/translate',
      contentType: 'application/x-www-form-urlencoded',
      body: { text: 'The order has shipped.', target_lang: 'de' },
    });
    expect(items.map((i) => i.json)).toEqual([{ detected_source_language: 'EN', text: '[de] The order has shipped.' }]);
  });

  it('sends the source language, formality, sentence splitting, formatting, tags, glossary and context as the SDK does', async () => {
    await sdk.translateText('<p>Hello, how are you?</p>', 'en', 'de', {
      formality: 'prefer_more',
      splitSentences: 'nonewlines',
      preserveFormatting: true,
      tagHandling: 'html',
      glossary: 'def3a26b-3e84-45b3-84ae-0c0aaf3525f7',
      context: 'A greeting in an email.',
    });
    const expected = await sdkRequests();
    const { requests } = await bed.node('language', 'translate', {
      text: '<p>Hello, how are you?</p>',
      translateTo: 'de',
      sourceLang: 'en',
      formality: 'prefer_more',
      splitSentences: 'nonewlines',
      preserveFormatting: true,
      tagHandling: 'html',
      glossaryId: 'def3a26b-3e84-45b3-84ae-0c0aaf3525f7',
      context: 'A greeting in an email.',
    });
    expect(requests).toEqual(expected);
  });

  it('lists the target and source languages as the SDK does', async () => {
    const sdkTargets = await sdk.getTargetLanguages();
    await sdk.getSourceLanguages();
    const expected = await sdkRequests();
    const target = await bed.node('language', 'list', {});
    const source = await bed.node('language', 'list', { type: 'source' });
    expect([...target.requests, ...source.requests]).toEqual(expected);
    expect(target.items.map((i) => i.json.language)).toEqual(sdkTargets.map((l) => l.code.toUpperCase()));
    expect(source.items.map((i) => i.json)).toEqual(sources);
  });

  it('reads the usage as the SDK does', async () => {
    const usage = await sdk.getUsage();
    const expected = await sdkRequests();
    const { items, requests } = await bed.node('usage', 'get', {});
    expect(requests).toEqual(expected);
    expect(items[0]!.json).toEqual({ character_count: usage.character?.count, character_limit: usage.character?.limit });
  });

  it('offers the target languages DeepL lists as the choices of the target language', async () => {
    const choices = await bed.choices('targetLanguages', { resource: 'language', operation: 'translate' });
    expect(choices).toMatchObject([
      { value: 'DE', label: 'German' },
      { value: 'EN-GB', label: 'English (British)' },
      { value: 'FR', label: 'French' },
    ]);
  });

  itTestsCredential(bed, 'tests a credential with the usage call the SDK makes, and reports a refused key', [
    { id: 'key', sdk: () => sdk.getUsage().then(() => undefined), calls: [{ method: 'GET', path: '/v2/usage' }] },
    { id: 'wrong', outcome: { ok: false }, calls: [{ method: 'GET', path: '/v2/usage' }] },
  ]);
});

describe('DeepL API key', () => {
  const signed = (apiKey: string) => {
    const request = { url: new URL(`https://${PRO_HOST}/v2/translate`), headers: new Headers(), method: 'POST' };
    const authenticate = deepLApiKey.authenticate as (data: { apiKey: string }) => { type: 'custom'; sign(r: typeof request): void };
    const auth = authenticate({ apiKey });
    auth.sign(request);
    return { host: request.url.hostname, authorization: request.headers.get('authorization') };
  };

  it("sends a DeepL API Free key's requests to the free API's host, as the SDK chooses it, and a Pro key's to the Pro host", () => {
    expect(signed(FREE_KEY)).toEqual({ host: FREE_HOST, authorization: `DeepL-Auth-Key ${FREE_KEY}` });
    expect(signed(KEY)).toEqual({ host: PRO_HOST, authorization: `DeepL-Auth-Key ${KEY}` });
    // The SDK's own choice for each key, when no server URL is given.
    const hostOf = (key: string) =>
      new URL((new Translator(key) as unknown as { httpClient: { serverUrl: string } }).httpClient.serverUrl).hostname;
    expect([hostOf(FREE_KEY), hostOf(KEY)]).toEqual([FREE_HOST, PRO_HOST]);
  });
});

describe('DeepL node: errors and bad input', () => {
  it("turns DeepL's used-up quota (456) into a node error that says so", async () => {
    const { execution } = await bed.node('language', 'translate', { text: 'quota', translateTo: 'DE' });
    await take();
    expect(execution.status).toBe('error');
    expect(execution.error?.message).toMatch(/character quota is used up \(Quota exceeded\)/);
  });

  itWaitsOutRateLimit(bed, {
    title: 'waits as Retry-After says on a 429, on the engine clock',
    parameters: { resource: 'language', operation: 'translate', text: 'Later', translateTo: 'FR' },
    limits: (_request, path) => path === '/v2/translate',
    answer: { status: 429, headers: { 'retry-after': '5' }, body: { message: 'Too many requests' } },
    waitMs: 5_000,
    check: ({ execution, limited, retried }) => {
      expect(execution.status).toBe('success');
      expect([...limited, ...retried].map((r) => r.path)).toEqual(['/v2/translate', '/v2/translate']);
    },
  });

  itNamesMissingCredential(bed, {
    name: 'Translate',
    parameters: { resource: 'usage', operation: 'get' },
    message: "Node 'Translate': DeepL usage.get needs a credential: choose a DeepL API key credential.",
  });

  itRejectsBadInput(bed, 'names the node, the service and the parameter that is wrong or left out', {
    name: 'Translate',
    cases: [
      {
        parameters: { resource: 'language', operation: 'translate', text: 'Hi' },
        fails: "Node 'Translate': DeepL language.translate: parameter 'translateTo' is required.",
      },
      {
        parameters: { resource: 'language', operation: 'translate', text: 'Hi', translateTo: 'German' },
        throws: "node 'Translate' (DeepL): parameter 'translateTo' must be a language code such as DE, EN-GB or PT-BR",
      },
    ],
  });

  itKeepsCustomCall(bed, 'signs a custom API call on the base URL with the credential', {
    parameters: { method: 'GET', path: '/usage' },
    request: { method: 'GET', path: '/v2/usage' },
    item: { statusCode: 200, body: { character_count: 180118, character_limit: 1250000 } },
    exact: true,
  });
});
