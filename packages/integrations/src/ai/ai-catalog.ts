// The AI nodes and the model providers' credential types as the catalog lists them: stand-ins made from their
// listings (`ai-info.ts`), whose code (and the AI SDK with it) loads when a workflow first uses them.
import { defineLazyCredentialType, defineLazyNode, type CredentialType, type LazyCredentialType, type NodeType } from '@flowloom/engine';
import {
  agentInfo,
  chatModelInfo,
  embeddingsInfo,
  informationExtractorInfo,
  llmChainInfo,
  memoryInfo,
  structuredOutputInfo,
  textClassifierInfo,
  vectorStoreInfo,
  type AiNodeInfo,
} from './ai-info.js';

const credentials = () => import('./ai-credentials.js');
const credential = (name: string, displayName: string, load: () => Promise<CredentialType>): LazyCredentialType =>
  defineLazyCredentialType({ name, displayName, load });

export const openAiApi = credential('openAiApi', 'OpenAI API key', async () => (await credentials()).openAiApi);
export const anthropicApi = credential('anthropicApi', 'Anthropic API key', async () => (await credentials()).anthropicApi);
export const openAiCompatibleApi = credential(
  'openAiCompatibleApi',
  'OpenAI-compatible server',
  async () => (await credentials()).openAiCompatibleApi,
);

/** An AI node's stand-in: its listing (ports, sub-ports, credential slots), and where the node loads from. */
const lazyAi = (info: AiNodeInfo, load: () => Promise<NodeType>): NodeType => defineLazyNode({ ...info, load });

export const aiAgent = lazyAi(agentInfo, async () => (await import('./agent.js')).agent);
export const aiLlmChain = lazyAi(llmChainInfo, async () => (await import('./llm-chain.js')).llmChain);
export const aiStructuredOutput = lazyAi(structuredOutputInfo, async () => (await import('./structured-output.js')).structuredOutput);
export const aiInformationExtractor = lazyAi(
  informationExtractorInfo,
  async () => (await import('./information-extractor.js')).informationExtractor,
);
export const aiTextClassifier = lazyAi(textClassifierInfo, async () => (await import('./text-classifier.js')).textClassifier);
export const aiChatModel = lazyAi(chatModelInfo, async () => (await import('./chat-model.js')).chatModel);
export const aiMemory = lazyAi(memoryInfo, async () => (await import('./memory.js')).windowMemory);
export const aiEmbeddings = lazyAi(embeddingsInfo, async () => (await import('./embeddings.js')).embeddings);
export const aiVectorStore = lazyAi(vectorStoreInfo, async () => (await import('./vector-store.js')).vectorStore);

/** Every AI node's stand-in, in palette order. */
export const aiNodeTypes: readonly NodeType[] = [
  aiAgent,
  aiLlmChain,
  aiStructuredOutput,
  aiInformationExtractor,
  aiTextClassifier,
  aiChatModel,
  aiMemory,
  aiEmbeddings,
  aiVectorStore,
];

/** The model providers' credential types, as stand-ins. */
export const aiCredentialTypes: readonly LazyCredentialType[] = [openAiApi, anthropicApi, openAiCompatibleApi];
