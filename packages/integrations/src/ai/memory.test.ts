// Window Memory: a conversation kept in the engine's storage by session key, across executions and engines,
// per workflow and tenant; the requests that carry it are checked against the openai SDK.
import { createMemoryStorage } from '@flowloom/engine';
import type { NodeShorthand } from '@flowloom/engine/testing';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { MEMORY_NAMESPACE } from './memory.js';
import { aiTestbed, aiWorkflow, chatModelNode, KEYS, outputJson, recordsOf } from './testing/ai-testbed.js';
import { logical } from './testing/fake-models.js';

const bed = aiTestbed();
const SYSTEM = 'You are a helpful assistant.';

const memoryNode = (parameters: Record<string, unknown> = {}): NodeShorthand => ({
  id: 'memory',
  name: 'Memory',
  type: 'ai.memory',
  parameters: { windowSize: 1, ...parameters },
});
const chat = (memory = memoryNode()) =>
  aiWorkflow({ node: { id: 'agent', name: 'Agent', type: 'ai.agent' }, model: chatModelNode('openai'), attached: [['memory', memory]] });
const say = (chatInput: string, sessionId = 'session-1') => [{ json: { chatInput, sessionId } }];
const messagesSent = async () => (await bed.fake.take()).map((r) => (r.body as { messages: unknown[] }).messages);

describe('Window Memory', () => {
  it('gives the model the same session\u2019s last exchanges, across executions and a new engine over the same storage', async () => {
    const storage = createMemoryStorage();
    const engine = await bed.engineWith({ storage });
    const workflow = chat();
    bed.fake.script({ text: 'Nice to meet you, Ada.' }, { text: 'Your name is Ada.' }, { text: 'Still Ada.' }, { text: 'I do not know.' });
    await engine.run(workflow, { input: say('My name is Ada.') });
    const second = await engine.run(workflow, { input: say('What is my name?') });
    expect(outputJson(second, 'agent')).toEqual([{ output: 'Your name is Ada.' }]);
    // A restart: another engine, the same storage.
    const restarted = await bed.engineWith({ storage });
    await restarted.run(workflow, { input: say('And now?') });
    await restarted.run(workflow, { input: say('What is my name?', 'session-2') });
    const sent = await bed.fake.take();

    const client = new OpenAI({ apiKey: KEYS.openai, organization: 'org-flowloom', baseURL: `${bed.oracle.url}/v1`, maxRetries: 0 });
    await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [
        { role: 'system', content: SYSTEM },
        { role: 'user', content: 'My name is Ada.' },
        { role: 'assistant', content: 'Nice to meet you, Ada.' },
        { role: 'user', content: 'What is my name?' },
      ],
    });
    expect(logical(sent[1]!)).toEqual(logical((await bed.oracle.take())[0]!));
    // A window of one exchange: the third call sees only the second; another session sees nothing.
    expect(sent.map((r) => (r.body as { messages: { content: string }[] }).messages.map((m) => m.content))).toEqual([
      [SYSTEM, 'My name is Ada.'],
      [SYSTEM, 'My name is Ada.', 'Nice to meet you, Ada.', 'What is my name?'],
      [SYSTEM, 'What is my name?', 'Your name is Ada.', 'And now?'],
      [SYSTEM, 'What is my name?'],
    ]);
    expect(await storage.keyValue!.get('default', MEMORY_NAMESPACE, `${workflow.id}/session-1`)).toEqual({
      messages: [
        { role: 'user', content: 'And now?' },
        { role: 'assistant', content: 'Still Ada.' },
      ],
    });
  });

  it('keeps each tenant\u2019s conversations apart', async () => {
    const engine = await bed.engineWith({ storage: createMemoryStorage() }, ['acme', 'globex']);
    bed.fake.script({ text: 'Hello Ada.' }, { text: 'I do not know your name.' });
    await engine.run(chat(), { input: say('My name is Ada.'), tenantId: 'acme' });
    await engine.run(chat(), { input: say('What is my name?'), tenantId: 'globex' });
    expect((await messagesSent())[1]).toEqual([
      { role: 'system', content: SYSTEM },
      { role: 'user', content: 'What is my name?' },
    ]);
  });

  it('carries a session from one item to the next through the command line (the storage reached over the worker bridge)', async () => {
    bed.fake.script({ text: 'Nice to meet you, Ada.' }, { text: 'Your name is Ada.' });
    const { code, execution } = await bed.cli(chat(), [...say('My name is Ada.'), ...say('What is my name?')]);
    expect(code).toBe(0);
    expect(outputJson(execution, 'agent')).toEqual([{ output: 'Nice to meet you, Ada.' }, { output: 'Your name is Ada.' }]);
    expect((await messagesSent())[1]).toEqual([
      { role: 'system', content: SYSTEM },
      { role: 'user', content: 'My name is Ada.' },
      { role: 'assistant', content: 'Nice to meet you, Ada.' },
      { role: 'user', content: 'What is my name?' },
    ]);
    expect(recordsOf(execution, 'agent', 'memory-load').map((r) => (r['messages'] as unknown[]).length)).toEqual([0, 2]);
  });

  it('names the parameter when the session key is empty, and says why when the storage keeps nothing', async () => {
    const before = bed.fake.requests.length;
    const empty = await bed.run(chat(), say('Hi', ''));
    expect(empty.error).toMatchObject({
      code: 'PARAMETER_INVALID',
      message:
        "Node 'Agent': Window Memory node 'Memory': parameter 'sessionKey' is empty for item 0, and the item has no 'sessionId' text to use instead; write it, or give it from the item with an expression such as {{ $json.sessionId }}.",
    });
    const { keyValue: _none, ...storage } = createMemoryStorage();
    const noStore = await (await bed.engineWith({ storage })).run(chat(), { input: say('Hi') });
    expect(noStore.error).toMatchObject({
      code: 'STORAGE_UNAVAILABLE',
      message: expect.stringContaining("Window Memory node 'Memory'") as unknown,
    });
    expect(bed.fake.requests.length).toBe(before);
  });
});
