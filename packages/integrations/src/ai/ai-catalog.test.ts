// The AI nodes in the catalog: light stand-ins that list exactly what they load (ports, sub-ports, credential slots),
// sub-nodes that are never triggers, and provider credentials that bind to their base URL's host.
import { CredentialTypeRegistry, isTriggerType, NodeRegistry, type CredentialType } from '@flowloom/engine';
import { describe, expect, it } from 'vitest';
import { allIntegrationCredentials, allIntegrations } from '../index.js';
import { anthropicApi, openAiApi, openAiCompatibleApi, PROVIDER_HOST } from './ai-credentials.js';

describe('the AI nodes in the catalog', () => {
  it('lists each AI node without loading it, and each loads into the type its stand-in promised', async () => {
    const registry = new NodeRegistry(allIntegrations);
    const stubs = registry.describe().filter((d) => d.type.startsWith('ai.'));
    expect(stubs.map((d) => d.type).sort()).toEqual(
      [
        'agent',
        'chatModel',
        'embeddings',
        'informationExtractor',
        'llmChain',
        'memory',
        'structuredOutput',
        'textClassifier',
        'vectorStore',
      ].map((id) => `ai.${id}`),
    );
    expect(stubs.every((d) => d.lazy)).toBe(true);
    for (const stub of stubs) {
      const full = (await registry.load(stub.type))!;
      const loaded = registry.describe().find((d) => d.type === stub.type)!;
      const listed = ({ lazy, properties, ...rest }: typeof stub) => (void lazy, void properties, rest);
      expect(listed(loaded)).toEqual(listed(stub));
      expect(full.load).toBeUndefined();
      expect(Object.keys(loaded.properties['properties'] as object).length).toBeGreaterThan(0);
    }
  });

  it('describes sub-ports for the editor, and never takes a node that only attaches to others for a trigger', () => {
    const registry = new NodeRegistry(allIntegrations);
    const byType = new Map(registry.describe().map((d) => [d.type, d]));
    expect(byType.get('ai.agent')!.subInputs).toEqual([
      { name: 'model', displayName: 'Chat Model', max: 1 },
      { name: 'memory', displayName: 'Memory', max: 1 },
      { name: 'tool', displayName: 'Tools' },
    ]);
    expect(['ai.chatModel', 'ai.memory', 'ai.embeddings'].map((t) => byType.get(t)!.subOutputs)).toEqual([
      ['model'],
      ['memory'],
      ['embeddings'],
    ]);
    expect(registry.list().filter((t) => t.type.startsWith('ai.') && isTriggerType(t))).toEqual([]);
    expect(byType.get('ai.textClassifier')!.dynamicOutputs).toBe(true);
  });

  it('loads the provider credential types, each sent only to its base URL\u2019s host (and the placeholder nodes address)', async () => {
    const registry = new CredentialTypeRegistry(allIntegrationCredentials);
    for (const type of [openAiApi, anthropicApi, openAiCompatibleApi]) expect(await registry.load(type.name)).toBe(type);
    const hosts = (type: CredentialType, data: Record<string, unknown>) =>
      (type.allowedHosts as (d: Record<string, unknown>) => readonly string[])(type.properties.parse(data));
    expect(hosts(openAiApi, { apiKey: 'k' })).toEqual([PROVIDER_HOST, 'api.openai.com']);
    expect(hosts(anthropicApi, { apiKey: 'k', baseUrl: 'https://gateway.example.com/anthropic/v1' })).toEqual([
      PROVIDER_HOST,
      'gateway.example.com',
    ]);
    expect(hosts(openAiCompatibleApi, { baseUrl: 'http://10.0.0.5:11434/v1' })).toEqual([PROVIDER_HOST, '10.0.0.5:11434']);
    expect(openAiCompatibleApi.properties.safeParse({ baseUrl: 'localhost:11434' }).success).toBe(false);
  });
});
