import { z } from 'zod';
import { defineService } from '../../kit/define-service.js';
import { param } from '../../kit/request-spec.js';
import type { ResourceDefinition, VendorResponse } from '../../kit/service-types.js';
import { deepLApiKey, PRO_HOST } from './deepl-credentials.js';
import { deeplInfo } from './deepl-info.js';

export { deepLApiKey };

/** A language code as DeepL writes them (`DE`, `EN-GB`, `PT-BR`, `ZH-HANS`), in any case. */
const language = (label: string, description: string) =>
  z
    .string()
    .trim()
    .regex(/^[a-z]{2,3}(-[a-z0-9]{2,4})?$/i, 'must be a language code such as DE, EN-GB or PT-BR')
    .meta({ label, description, loadOptions: label === 'Source language' ? 'sourceLanguages' : 'targetLanguages' });

/** A yes or no sent as DeepL's `1` and `0`. */
const flag = (value: unknown) => (value === undefined ? undefined : value ? '1' : '0');

const resources: Record<string, ResourceDefinition> = {
  language: {
    displayName: 'Language',
    operations: {
      translate: {
        displayName: 'Translate',
        description: 'Translate the text into the language chosen; the item is the translation and the language DeepL detected.',
        params: z.object({
          text: z.string().min(1).meta({ label: 'Text', editor: 'multiline' }),
          translateTo: language('Target language', 'The language to translate into, such as DE, EN-GB or PT-BR.'),
          sourceLang: language('Source language', 'The language of the text; DeepL detects it when left empty.').optional(),
          formality: z.enum(['default', 'more', 'less', 'prefer_more', 'prefer_less']).optional().meta({
            label: 'Formality',
            description: 'Only some target languages have it; the prefer_ forms fall back to the default where they do not.',
          }),
          splitSentences: z
            .enum(['0', '1', 'nonewlines'])
            .optional()
            .meta({
              label: 'Split sentences',
              options: [
                { value: '1', label: 'On punctuation and newlines' },
                { value: 'nonewlines', label: 'On punctuation only' },
                { value: '0', label: 'No splitting' },
              ],
            }),
          preserveFormatting: z.boolean().optional().meta({ label: 'Preserve formatting' }),
          tagHandling: z.enum(['xml', 'html']).optional().meta({ label: 'Tag handling' }),
          glossaryId: z.string().trim().min(1).optional().meta({ label: 'Glossary ID' }),
          context: z.string().min(1).optional().meta({
            label: 'Context',
            description: 'Text around the text to translate, read to translate it better and not translated itself.',
          }),
        }),
        request: {
          method: 'POST',
          path: '/translate',
          bodyType: 'form',
          body: {
            text: param('text'),
            target_lang: param('translateTo'),
            source_lang: param('sourceLang'),
            formality: param('formality'),
            split_sentences: param('splitSentences'),
            preserve_formatting: param('preserveFormatting', flag),
            tag_handling: param('tagHandling'),
            glossary_id: param('glossaryId'),
            context: param('context'),
          },
        },
        response: { items: 'translations' },
      },
      list: {
        displayName: 'List languages',
        description: 'The languages DeepL translates from or into, with whether each has a formality choice.',
        params: z.object({
          type: z
            .enum(['source', 'target'])
            .default('target')
            .meta({
              label: 'Languages',
              options: [
                { value: 'target', label: 'Translated into' },
                { value: 'source', label: 'Translated from' },
              ],
            }),
        }),
        // Without a type DeepL lists the source languages, as the official SDK asks for them.
        request: { method: 'GET', path: '/languages', query: { type: param('type', (v) => (v === 'source' ? undefined : v)) } },
      },
    },
  },
  usage: {
    displayName: 'Usage',
    operations: {
      get: {
        displayName: 'Get',
        description: 'The characters translated in the current billing period, and the account\u2019s limit.',
        params: z.object({}),
        request: { method: 'GET', path: '/usage' },
      },
    },
  },
};

/** DeepL's errors: `{ message }`, and 456 when the account's character quota is used up. */
function deeplError(response: VendorResponse) {
  if (response.status < 400) return undefined;
  const body = response.body as { message?: unknown; detail?: unknown } | string | undefined;
  const said =
    typeof body === 'object' && body !== null ? [body.message, body.detail].filter((s) => typeof s === 'string').join(': ') : body;
  if (response.status === 456)
    return { code: 'quota_exceeded', message: `The account's character quota is used up${said ? ` (${said})` : ''}.` };
  if (response.status === 403) return { code: 'unauthorized', message: `DeepL refused the authentication key${said ? ` (${said})` : ''}.` };
  return { message: said || `DeepL answered ${response.status}.` };
}

/** The DeepL node: translate text, list languages, read usage. */
export const deepl = defineService({
  ...deeplInfo,
  baseUrl: `https://${PRO_HOST}/v2`,
  credentials: [deepLApiKey],
  resources,
  error: deeplError,
  loadOptions: {
    sourceLanguages: { request: { method: 'GET', path: '/languages' }, value: 'language', label: 'name' },
    targetLanguages: { request: { method: 'GET', path: '/languages', query: { type: 'target' } }, value: 'language', label: 'name' },
  },
});
