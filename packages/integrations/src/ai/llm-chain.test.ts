// Basic LLM Chain: a prompt template per item, streamed or not, on OpenAI or a local OpenAI-compatible server
// (Ollama), checked against the openai SDK; the private-network guard applies to model calls.
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { aiTestbed, aiWorkflow, chatModelNode, KEYS, outputJson, recordsOf, type Provider } from './testing/ai-testbed.js';
import { logical } from './testing/fake-models.js';

const bed = aiTestbed();

const chain = (provider: Provider, model: Record<string, unknown> = {}) =>
  aiWorkflow({
    node: {
      id: 'chain',
      name: 'Summarize',
      type: 'ai.llmChain',
      parameters: { prompt: 'Summarize in one line: {{ $json.ticket }}', system: 'You write short summaries.' },
    },
    model: chatModelNode(provider, model),
  });
const TICKET = 'My invoice for March shows the Pro plan twice; please refund one.';

describe('Basic LLM Chain', () => {
  it('fills its prompt from each item and streams the answer as the openai SDK would ask', async () => {
    bed.fake.script(
      { text: 'Double Pro charge in March; refund one.', usage: { input: 30, output: 9 } },
      { text: 'Nothing to summarize.' },
    );
    const execution = await bed.run(chain('openai', { stream: true, temperature: 0 }), [
      { json: { ticket: TICKET } },
      { json: { ticket: 'Hello?' } },
    ]);
    expect(outputJson(execution, 'chain')).toEqual([
      { text: 'Double Pro charge in March; refund one.' },
      { text: 'Nothing to summarize.' },
    ]);
    const sent = (await bed.fake.take()).map(logical);
    const client = new OpenAI({ apiKey: KEYS.openai, organization: 'org-flowloom', baseURL: `${bed.oracle.url}/v1`, maxRetries: 0 });
    for (const ticket of [TICKET, 'Hello?']) {
      const stream = await client.chat.completions.create({
        model: 'gpt-4o-mini',
        temperature: 0,
        messages: [
          { role: 'system', content: 'You write short summaries.' },
          { role: 'user', content: `Summarize in one line: ${ticket}` },
        ],
        stream: true,
        stream_options: { include_usage: true },
      });
      for await (const _ of stream);
    }
    expect(sent).toEqual((await bed.oracle.take()).map(logical));
    // Usage arrives in the stream's last event: the record has it.
    expect(recordsOf(execution, 'chain', 'model-call')[0]).toMatchObject({
      usage: { inputTokens: 30, outputTokens: 9, totalTokens: 39 },
      costUsd: 0.00001,
    });
  });

  it('reads the item\u2019s text when no prompt is written, and names the parameter when there is neither', async () => {
    const workflow = aiWorkflow({ node: { id: 'chain', name: 'Summarize', type: 'ai.llmChain' }, model: chatModelNode('openai') });
    bed.fake.script({ text: 'ok' });
    const fromText = await bed.run(workflow, [{ json: { text: 'Hi there' } }]);
    expect(((await bed.fake.take())[0]!.body as { messages: unknown[] }).messages).toEqual([{ role: 'user', content: 'Hi there' }]);
    expect(outputJson(fromText, 'chain')).toEqual([{ text: 'ok' }]);
    const neither = await bed.run(workflow, [{ json: { other: 1 } }]);
    expect(neither.error).toMatchObject({
      code: 'PARAMETER_INVALID',
      message:
        "Node 'Summarize': parameter 'prompt' is empty for item 0, and the item has no 'text' text to use instead; write it, or give it from the item with an expression such as {{ $json.text }}.",
    });
  });
});

describe('Basic LLM Chain on a local OpenAI-compatible server (Ollama)', () => {
  it('calls the server\u2019s OpenAI API, with no key, as the openai SDK would', async () => {
    bed.fake.script({ text: 'Refund one duplicate Pro charge.' });
    const execution = await bed.run(chain('local'), [{ json: { ticket: TICKET } }]);
    expect(outputJson(execution, 'chain')).toEqual([{ text: 'Refund one duplicate Pro charge.' }]);
    const [sent] = (await bed.fake.take()).map(logical);
    // Ollama ignores the key; the SDK insists on one, the node sends none.
    await new OpenAI({ apiKey: 'ollama', baseURL: `${bed.oracle.url}/v1`, maxRetries: 0 }).chat.completions.create({
      model: 'llama3.2',
      messages: [
        { role: 'system', content: 'You write short summaries.' },
        { role: 'user', content: `Summarize in one line: ${TICKET}` },
      ],
    });
    expect(sent).toEqual({ ...logical((await bed.oracle.take())[0]!), auth: undefined });
    expect(recordsOf(execution, 'chain', 'model-call')[0]).toMatchObject({ model: { provider: 'openaiCompatible', modelId: 'llama3.2' } });
    expect(recordsOf(execution, 'chain', 'model-call')[0]!['costUsd']).toBeUndefined();
  });

  it('is refused by the private-network guard unless the host allows that address', async () => {
    const guarded = await bed.engineWith({ http: {} });
    const before = bed.fake.requests.length;
    const execution = await guarded.run(chain('local'), { input: [{ json: { ticket: TICKET } }] });
    expect(execution.status).toBe('error');
    expect(execution.error).toMatchObject({
      code: 'PRIVATE_NETWORK_REFUSED',
      message: expect.stringMatching(
        /^Node 'Summarize': Requests to 'localhost' are refused: .*allowPrivateNetworks: true } }\)\. \(Chat Model node 'Llama'\)$/,
      ) as unknown,
    });
    expect(bed.fake.requests.length).toBe(before);
  });

  it('runs through the command line', async () => {
    bed.fake.script({ text: 'Refund one duplicate Pro charge.' });
    const { code, execution } = await bed.cli(chain('local'), [{ json: { ticket: TICKET } }]);
    expect([code, outputJson(execution, 'chain')]).toEqual([0, [{ text: 'Refund one duplicate Pro charge.' }]]);
    expect((await bed.fake.take()).map((r) => [r.path, r.auth])).toEqual([['/v1/chat/completions', undefined]]);
  });
});
