// n8n's DeepL node, from the real corpus node (Http/1233_HTTP_Deepl_Automation_Webhook.json) and variants of it:
// each becomes Flowloom's DeepL node, whose request is the one DeepL's own SDK (deepl-node) makes for the same
// translation, sent to the same recording server.
import { Translator, type TargetLanguageCode } from 'deepl-node';
import type { SeenRequest } from '@flowloom/engine/testing/node';
import { beforeAll, describe, expect, it } from 'vitest';
import { deepl } from '../services/deepl/deepl.js';
import { PRO_HOST } from '../services/deepl/deepl-credentials.js';
import { importAfterTrigger, type N8nFixtureNode } from '../testing/n8n-import.js';
import { serviceTestbed } from '../testing/service-testbed.js';

/** The corpus node as the export holds it (without its id and position). */
const CORPUS_NODE: N8nFixtureNode = {
  name: 'DeepL',
  type: 'n8n-nodes-base.deepL',
  parameters: { text: '={{$json["drinks"][0]["strInstructions"]}}', translateTo: 'FR', additionalFields: {} },
  credentials: { deepLApi: 'DeepL API Credentials' } as unknown as N8nFixtureNode['credentials'],
  typeVersion: 1,
};

const KEY = '0f5e2a1c-7b9d-4e3f-a6c2-1d8b9e7f6a5c';
const answer = (request: SeenRequest) => {
  const form = new URLSearchParams(request.body.toString('utf8'));
  return { body: { translations: [{ detected_source_language: 'EN', text: `(${form.get('target_lang')}) ${form.get('text')}` }] } };
};
const bed = serviceTestbed(deepl, {
  name: 'DeepL',
  answers: answer,
  hosts: [PRO_HOST],
  credentials: [{ id: 'key', type: 'deepLApi', data: { apiKey: KEY } }],
});
let sdk: Translator;
beforeAll(() => {
  sdk = new Translator(KEY, { serverUrl: bed.server.url, maxRetries: 0 });
});

/**
 * Requests as they are compared: the SDK always asks for the billed characters, where n8n's node and Flowloom's leave
 * DeepL's default, and it writes language codes in lower case, where the node sends them as the user wrote them
 * (DeepL reads them in any case).
 */
const comparable = (requests: Awaited<ReturnType<typeof bed.take>>) =>
  requests.map((r) => {
    const { show_billed_characters: _billed, ...body } = r.body as Record<string, unknown>;
    for (const key of ['target_lang', 'source_lang']) if (typeof body[key] === 'string') body[key] = body[key].toLowerCase();
    return { ...r, body };
  });

describe("n8n's DeepL node", () => {
  it('becomes the DeepL node translating the same text into the same language, as the SDK sends it', async () => {
    const { workflow, report, node } = importAfterTrigger(structuredClone(CORPUS_NODE));
    expect(report.placeholders).toEqual([]);
    expect(node).toMatchObject({
      type: 'integrations.deepl',
      parameters: { resource: 'language', operation: 'translate', text: '{{js:$json["drinks"][0]["strInstructions"]}}', translateTo: 'FR' },
    });
    expect(report.credentials).toMatchObject([{ node: 'DeepL', n8nType: 'deepLApi', slot: 'deepLApi' }]);
    expect(workflow.nodes).toHaveLength(2);

    const instructions = 'Shake well with ice. Strain into a glass.';
    await sdk.translateText(instructions, null, 'FR' as TargetLanguageCode);
    const expected = comparable(await bed.take());
    const { items, requests } = await bed.node('language', 'translate', { ...node!.parameters, text: instructions });
    expect(comparable(requests)).toEqual(expected);
    expect(items.map((i) => i.json)).toEqual([{ detected_source_language: 'EN', text: `(FR) ${instructions}` }]);
  });

  it('carries the source language, sentence splitting, formatting and formality over as the SDK sends them', async () => {
    const variant = structuredClone(CORPUS_NODE);
    variant.parameters.additionalFields = { sourceLang: 'EN', splitSentences: 'nonewlines', preserveFormatting: '1', formality: 'less' };
    const { node } = importAfterTrigger(variant);
    expect(node?.parameters).toMatchObject({ sourceLang: 'EN', splitSentences: 'nonewlines', preserveFormatting: true, formality: 'less' });
    await sdk.translateText('Hello', 'en', 'FR' as TargetLanguageCode, {
      splitSentences: 'nonewlines',
      preserveFormatting: true,
      formality: 'less',
    });
    const expected = comparable(await bed.take());
    const { requests } = await bed.node('language', 'translate', { ...node!.parameters, text: 'Hello' });
    expect(comparable(requests)).toEqual(expected);
  });

  it("sends nothing for n8n's default formality, as DeepL's default is the same", () => {
    const variant = structuredClone(CORPUS_NODE);
    variant.parameters.additionalFields = { formality: 'default', preserveFormatting: '0' };
    expect(importAfterTrigger(variant).node?.parameters).toEqual({
      resource: 'language',
      operation: 'translate',
      text: '{{js:$json["drinks"][0]["strInstructions"]}}',
      translateTo: 'FR',
      preserveFormatting: false,
    });
  });
});
