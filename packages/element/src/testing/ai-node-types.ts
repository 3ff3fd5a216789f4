import { createEngine, defineNode, FlowloomError, type Engine, type NodeType } from '@flowloom/engine';
import { z } from 'zod';
import { testNodeTypes } from './fixture.js';

const COLOUR = '%2310A37F';
const icon = (letters: string) =>
  `data:image/svg+xml,<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 20 20"><rect width="20" height="20" rx="4" fill="${COLOUR}"/><text x="10" y="14" font-size="9" font-family="sans-serif" text-anchor="middle" fill="white">${letters}</text></svg>`;

const notHere = () => {
  throw new FlowloomError('NOT_IN_PAGE', 'The element tests draw AI nodes; they run in @flowloom/integrations.');
};

/** A node type as the AI catalog lists it: ids, ports and sub-ports, no code. */
const aiListing = (definition: Omit<Parameters<typeof defineNode>[0], 'version' | 'group' | 'execute'>): NodeType =>
  defineNode({ version: 1, group: 'ai', properties: z.object({}).passthrough(), execute: notHere, ...definition });

const modelPort = { name: 'model', displayName: 'Chat Model', max: 1 } as const;

/**
 * The AI nodes' listings for the element's tests, as `@flowloom/integrations`
 * declares them (ids, ports, sub-ports): the editor needs no more to draw,
 * connect and check them, as in server mode, where the page knows node types
 * by their descriptions only.
 */
export const aiNodeTypes: readonly NodeType[] = [
  aiListing({
    type: 'ai.agent',
    displayName: 'AI Agent',
    description: 'Answers each item with the attached chat model, calling the attached tools.',
    icon: icon('AG'),
    inputs: ['main'],
    outputs: ['main'],
    subInputs: [modelPort, { name: 'memory', displayName: 'Memory', max: 1 }, { name: 'tool', displayName: 'Tools' }],
  }),
  aiListing({
    type: 'ai.llmChain',
    displayName: 'Basic LLM Chain',
    description: 'Sends a prompt made from each item to the attached chat model.',
    icon: icon('LC'),
    inputs: ['main'],
    outputs: ['main'],
    subInputs: [modelPort],
  }),
  aiListing({
    type: 'ai.chatModel',
    displayName: 'Chat Model',
    description: 'A language model for the AI node it is attached to.',
    icon: icon('LM'),
    inputs: [],
    outputs: [],
    subOutputs: ['model'],
  }),
  aiListing({
    type: 'ai.memory',
    displayName: 'Window Memory',
    description: 'Keeps the last messages of each conversation.',
    icon: icon('ME'),
    inputs: [],
    outputs: [],
    subOutputs: ['memory'],
  }),
  aiListing({
    type: 'ai.embeddings',
    displayName: 'Embeddings',
    description: 'An embedding model for the vector store it is attached to.',
    icon: icon('EM'),
    inputs: [],
    outputs: [],
    subOutputs: ['embeddings'],
  }),
];

/** An engine with the test node types and the AI listings. */
export function aiTestEngine(): Engine {
  return createEngine({ nodeTypes: [...testNodeTypes, ...aiNodeTypes], logger: { debug() {}, info() {}, warn() {}, error() {} } });
}
