// What the palette and the workflow checks need of the AI nodes, without loading them: names, icons, ports,
// sub-ports and credential slots. The catalog's stand-ins and the full node types are both made from these.
import type { NodeTypeDefinition } from '@flowloom/engine';
import { monogram } from '../kit/icons.js';

/** What a stand-in lists: everything but the parameters and the code. */
export type AiNodeInfo = Pick<
  NodeTypeDefinition,
  'type' | 'version' | 'displayName' | 'description' | 'group' | 'icon' | 'inputs' | 'outputs' | 'credentials' | 'subInputs' | 'subOutputs'
>;

const GROUP = 'ai';
const COLOUR = '10A37F';
const modelPort = { name: 'model', displayName: 'Chat Model', max: 1 } as const;

/** The credential types a chat model may use; the slot that is filled picks the provider. */
export const CHAT_MODEL_SLOTS = [
  { name: 'openAiApi', type: 'openAiApi', required: false },
  { name: 'anthropicApi', type: 'anthropicApi', required: false },
  { name: 'openAiCompatibleApi', type: 'openAiCompatibleApi', required: false },
] as const;

export const chatModelInfo: AiNodeInfo = {
  type: 'ai.chatModel',
  version: 1,
  displayName: 'Chat Model',
  description: 'A language model (OpenAI, Anthropic, or a local OpenAI-compatible server) for the AI node it is attached to.',
  group: GROUP,
  icon: monogram('LM', COLOUR),
  inputs: [],
  outputs: [],
  subOutputs: ['model'],
  credentials: CHAT_MODEL_SLOTS,
};

export const llmChainInfo: AiNodeInfo = {
  type: 'ai.llmChain',
  version: 1,
  displayName: 'Basic LLM Chain',
  description: 'Sends a prompt made from each item to the attached chat model and outputs its answer.',
  group: GROUP,
  icon: monogram('LC', COLOUR),
  inputs: ['main'],
  outputs: ['main'],
  subInputs: [modelPort],
};

export const agentInfo: AiNodeInfo = {
  type: 'ai.agent',
  version: 1,
  displayName: 'AI Agent',
  description: 'Answers each item with the attached chat model, calling the attached tools as it decides, with an optional memory.',
  group: GROUP,
  icon: monogram('AG', COLOUR),
  inputs: ['main'],
  outputs: ['main'],
  subInputs: [modelPort, { name: 'memory', displayName: 'Memory', max: 1 }, { name: 'tool', displayName: 'Tools' }],
};

export const structuredOutputInfo: AiNodeInfo = {
  type: 'ai.structuredOutput',
  version: 1,
  displayName: 'Structured Output',
  description: 'Asks the attached chat model for data matching a schema, checks it, and asks once more when it does not match.',
  group: GROUP,
  icon: monogram('SO', COLOUR),
  inputs: ['main'],
  outputs: ['main'],
  subInputs: [modelPort],
};

export const informationExtractorInfo: AiNodeInfo = {
  type: 'ai.informationExtractor',
  version: 1,
  displayName: 'Information Extractor',
  description: 'Extracts the attributes you list from each item\u2019s text with the attached chat model.',
  group: GROUP,
  icon: monogram('IE', COLOUR),
  inputs: ['main'],
  outputs: ['main'],
  subInputs: [modelPort],
};

const PORT_NAME = /^[a-zA-Z][\w-]*$/;

/**
 * The Text Classifier's outputs: one per category (its name when that is a
 * valid port name, else `category<i>`), and `other` when items that fit no
 * category have an output of their own. Read from raw parameters, so the
 * editor shows the ports while the form is being filled.
 */
export function classifierOutputs(parameters: Record<string, unknown>): string[] {
  const categories = Array.isArray(parameters['categories']) ? (parameters['categories'] as unknown[]) : [];
  const names = categories.map((c, i) => {
    const name = (c as { name?: unknown } | null)?.name;
    return typeof name === 'string' && PORT_NAME.test(name) ? name : `category${i}`;
  });
  if (parameters['fallback'] === 'other') names.push('other');
  return [...new Set(names)];
}

export const textClassifierInfo: AiNodeInfo = {
  type: 'ai.textClassifier',
  version: 1,
  displayName: 'Text Classifier',
  description: 'Routes each item to the output of the category the attached chat model puts its text in.',
  group: GROUP,
  icon: monogram('TC', COLOUR),
  inputs: ['main'],
  outputs: classifierOutputs,
  subInputs: [modelPort],
};

export const memoryInfo: AiNodeInfo = {
  type: 'ai.memory',
  version: 1,
  displayName: 'Window Memory',
  description:
    'Keeps the last messages of each conversation (by session key) in the engine\u2019s storage, for the agent it is attached to.',
  group: GROUP,
  icon: monogram('ME', COLOUR),
  inputs: [],
  outputs: [],
  subOutputs: ['memory'],
};

/** The credential types embeddings may use (Anthropic has no embeddings API). */
export const EMBEDDINGS_SLOTS = [
  { name: 'openAiApi', type: 'openAiApi', required: false },
  { name: 'openAiCompatibleApi', type: 'openAiCompatibleApi', required: false },
] as const;

export const embeddingsInfo: AiNodeInfo = {
  type: 'ai.embeddings',
  version: 1,
  displayName: 'Embeddings',
  description: 'An embedding model (OpenAI or an OpenAI-compatible server) for the vector store it is attached to.',
  group: GROUP,
  icon: monogram('EM', COLOUR),
  inputs: [],
  outputs: [],
  subOutputs: ['embeddings'],
  credentials: EMBEDDINGS_SLOTS,
};

export const vectorStoreInfo: AiNodeInfo = {
  type: 'ai.vectorStore',
  version: 1,
  displayName: 'Vector Store',
  description:
    'Keeps texts with their embeddings, in memory or in the engine\u2019s storage: inserts items, finds the closest to a query, or serves an agent as a search tool.',
  group: GROUP,
  icon: monogram('VS', COLOUR),
  inputs: ['main'],
  outputs: ['main'],
  subInputs: [{ name: 'embeddings', displayName: 'Embeddings', max: 1 }],
};

/** Every AI node's listing, in palette order. */
export const AI_NODE_INFOS: readonly AiNodeInfo[] = [
  agentInfo,
  llmChainInfo,
  structuredOutputInfo,
  informationExtractorInfo,
  textClassifierInfo,
  chatModelInfo,
  memoryInfo,
  embeddingsInfo,
  vectorStoreInfo,
];
