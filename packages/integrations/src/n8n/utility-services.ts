// n8n's nodes of language, link and data-lookup services as Flowloom's service nodes: DeepL.
import type { NodeType } from '@flowloom/engine';
import { compact, type MappedNode, type NodeMapping } from '@flowloom/engine/n8n';
import { deepl } from '../services/deepl/deepl-catalog.js';
import { noOperation, resourceOperation, slotFor } from './n8n-parameters.js';

/** n8n's DeepL node (version 1): text translated, with its source language, sentence splitting, formatting and formality. */
export const deepLMapping: NodeMapping = {
  versions: [1],
  map(ctx): MappedNode {
    const { resource, operation } = resourceOperation(ctx, 'language', 'translate');
    if (resource !== 'language' || operation !== 'translate') noOperation(ctx, 'DeepL', resource, operation);
    const a = 'additionalFields';
    const preserve = ctx.value(`${a}.preserveFormatting`);
    const formality = ctx.value(`${a}.formality`);
    return {
      type: 'integrations.deepl',
      parameters: compact({
        resource,
        operation,
        text: ctx.value('text', '', { asText: true }),
        translateTo: ctx.value('translateTo', undefined, { asText: true }),
        sourceLang: ctx.value(`${a}.sourceLang`, undefined, { asText: true }),
        splitSentences: ctx.value(`${a}.splitSentences`, undefined, { asText: true }),
        // n8n sends '0' or '1'; the Flowloom node takes a yes or no.
        preserveFormatting: preserve === undefined ? undefined : preserve === '1' || preserve === true,
        // n8n's 'default' is DeepL's default: nothing sent.
        formality: formality === 'default' ? undefined : formality,
      }),
      credential: slotFor('deepLApi'),
    };
  },
};

/** n8n node type -> its mapping, merged into `n8nMappings`. */
export const utilityMappings: Readonly<Record<string, NodeMapping>> = {
  'n8n-nodes-base.deepL': deepLMapping,
};
/** The node types these mappings make, merged into `n8nNodeTypes`. */
export const utilityN8nNodeTypes: readonly NodeType[] = [deepl];
