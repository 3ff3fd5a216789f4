// What the palette needs of DeepL, without loading its operations or its credential type.
import { monogram } from '../../kit/icons.js';

/** DeepL as the palette lists it. */
export const deeplInfo = {
  id: 'deepl',
  displayName: 'DeepL',
  description: 'Translate text with DeepL, list the languages it translates from and into, and read the account\u2019s usage.',
  icon: monogram('DL', '0F2B46'),
  docsUrl: 'https://developers.deepl.com/docs/api-reference/translate',
};
