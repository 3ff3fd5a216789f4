import { createHash } from 'node:crypto';
import { parse } from 'parse5';
import { describe, expect, it } from 'vitest';
import { createEngine, describeNodeType, type Execution } from '@flowloom/engine';
import { buildWorkflow } from '@flowloom/engine/testing';
import { PAGE_STYLE } from '../hosted-page/page-style.js';
import { CHAT_SCRIPT } from './chat-script.js';
import { chatTrigger } from './chat-trigger.js';
import { elements, attr, text, byTag, type HtmlNode } from '../../../testing/html-tree.js';

// parse5 (a WHATWG-conformant parser) reads every page back: what a browser would build from it.
const sha256 = (s: string) => `sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}`;

const URL_ = 'https://chat.example/webhook/support/chat';

/** A chat workflow whose last node echoes the message with its session, as an agent's `{ output }`. */
async function chatEngine(parameters: Record<string, unknown> = {}, last?: Record<string, unknown>) {
  const engine = createEngine();
  const finished: Execution[] = [];
  engine.on('executionFinish', (e) => finished.push(e.execution));
  const reply = last ?? {
    id: 'reply',
    type: 'core.set',
    parameters: {
      include: 'none',
      fields: [{ name: 'output', type: 'string', value: 'You said "{{ $json.chatInput }}" in session {{ $json.sessionId }}' }],
    },
  };
  await engine.activate(
    buildWorkflow({
      id: 'support',
      nodes: [{ id: 'chat', name: 'Chat', type: 'core.chatTrigger', parameters: { path: 'support/chat', ...parameters } }, reply as never],
      connections: [['chat', reply.id as string]],
    }),
  );
  return { engine, finished };
}

const send = (body: unknown, type = 'application/json') =>
  new Request(URL_, { method: 'POST', headers: { 'content-type': type }, body: typeof body === 'string' ? body : JSON.stringify(body) });

describe('Chat Trigger', () => {
  it('starts the workflow with the message and answers with the last node’s first item', async () => {
    const { engine, finished } = await chatEngine();
    const response = await engine.handleWebhook(send({ sessionId: 'sess-1', chatInput: 'Where is my order?' }));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ output: 'You said "Where is my order?" in session sess-1' });
    expect(finished[0]!.nodes.chat![0]!.output.main).toEqual([
      { json: { sessionId: 'sess-1', action: 'sendMessage', chatInput: 'Where is my order?' } },
    ]);
  });

  it('takes the sendMessage action and gives each session its own id in the item', async () => {
    const { engine, finished } = await chatEngine();
    await engine.handleWebhook(send({ action: 'sendMessage', sessionId: 'alice', chatInput: 'Hi', metadata: { page: '/pricing' } }));
    await engine.handleWebhook(send({ action: 'sendMessage', sessionId: 'bob', chatInput: 'Hello' }));
    expect(finished.map((e) => e.nodes.chat![0]!.output.main![0]!.json)).toEqual([
      { sessionId: 'alice', action: 'sendMessage', chatInput: 'Hi', metadata: { page: '/pricing' } },
      { sessionId: 'bob', action: 'sendMessage', chatInput: 'Hello' },
    ]);
  });

  it('answers a request for earlier messages with none, starting nothing', async () => {
    const { engine, finished } = await chatEngine();
    const response = await engine.handleWebhook(send({ action: 'loadPreviousSession', sessionId: 'alice' }));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: [] });
    await engine.idle();
    expect(finished).toEqual([]);
  });

  it('refuses a message without a session or text, saying what is missing, and starts nothing', async () => {
    const { engine, finished } = await chatEngine();
    const refused = async (request: Request) => {
      const response = await engine.handleWebhook(request);
      expect(response.status).toBe(400);
      return ((await response.json()) as { error: { code: string; message: string } }).error;
    };
    expect((await refused(send({ chatInput: 'Hi' }))).message).toMatch(/^'sessionId' must be a text/);
    expect((await refused(send({ sessionId: 's', chatInput: '  ' }))).message).toMatch(/^'chatInput' must be the message/);
    expect((await refused(send({ sessionId: 's', chatInput: 'Hi', action: 'reset' }))).message).toMatch(/^'action' must be "sendMessage"/);
    expect((await refused(send(['Hi']))).message).toMatch(/as a JSON object/);
    expect((await refused(send('{"sessionId":', 'application/json'))).code).toBe('BAD_REQUEST');
    await engine.idle();
    expect(finished).toEqual([]);
  });

  it('lets a Respond to Webhook node answer when set to', async () => {
    const { engine } = await chatEngine(
      { responseMode: 'responseNode' },
      {
        id: 'reply',
        type: 'core.respondToWebhook',
        parameters: { respondWith: 'json', responseBody: '{ "output": "Hello {{ $json.sessionId }}" }' },
      },
    );
    const response = await engine.handleWebhook(send({ sessionId: 'carol', chatInput: 'Hi' }));
    expect(await response.json()).toEqual({ output: 'Hello carol' });
  });

  it('serves a chat page whose only script and style are the ones its policy allows by hash', async () => {
    const { engine } = await chatEngine({
      public: true,
      title: 'Support',
      subtitle: 'We answer fast.',
      initialMessages: 'Hello!\nAsk me anything.',
    });
    const response = await engine.handleWebhook(new Request(URL_));
    expect(response.status).toBe(200);
    const policy = response.headers.get('content-security-policy')!;
    const doc = parse(await response.text()) as unknown as HtmlNode;
    const scripts = byTag(doc, 'script').map(text);
    expect(scripts).toEqual([CHAT_SCRIPT]);
    expect(policy).toContain(`script-src '${sha256(scripts[0]!)}'`);
    expect(policy).toContain(`style-src '${sha256(PAGE_STYLE)}'`);
    expect(policy).toContain("connect-src 'self'");
    expect(policy).toContain("default-src 'none'");
    expect(text(byTag(doc, 'h1')[0]!)).toBe('Support');
    expect(elements(doc, (n) => attr(n, 'class') === 'message bot').map(text)).toEqual(['Hello!', 'Ask me anything.']);
    const box = byTag(doc, 'textarea')[0]!;
    const label = elements(doc, (n) => n.nodeName === 'label' && attr(n, 'for') === attr(box, 'id'))[0]!;
    expect(text(label)).toBe('Your message');
    expect(attr(byTag(doc, 'ol')[0]!, 'aria-live')).toBe('polite');
  });

  it('escapes hostile page settings', async () => {
    const evil = `"><script>alert(1)</script><img src=x onerror=alert(2)>`;
    const { engine } = await chatEngine({
      public: true,
      title: `T ${evil}`,
      subtitle: `S ${evil}`,
      initialMessages: `M ${evil}`,
      inputPlaceholder: `P ${evil}`,
    });
    const doc = parse(await (await engine.handleWebhook(new Request(URL_))).text()) as unknown as HtmlNode;
    expect(byTag(doc, 'script').map(text)).toEqual([CHAT_SCRIPT]);
    expect(byTag(doc, 'img')).toEqual([]);
    expect(text(byTag(doc, 'title')[0]!)).toBe(`T ${evil}`);
    expect(text(byTag(doc, 'h1')[0]!)).toBe(`T ${evil}`);
    expect(text(elements(doc, (n) => attr(n, 'class') === 'description')[0]!)).toBe(`S ${evil}`);
    expect(elements(doc, (n) => attr(n, 'class') === 'message bot').map(text)).toEqual([`M ${evil}`]);
    expect(attr(byTag(doc, 'textarea')[0]!, 'placeholder')).toBe(`P ${evil}`);
  });

  it('answers a GET with 405 when the hosted page is off', async () => {
    const { engine } = await chatEngine();
    const response = await engine.handleWebhook(new Request(URL_));
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
  });

  it('describes its form for the editor', () => {
    const d = describeNodeType(chatTrigger);
    const properties = (d.properties as { properties: Record<string, { label?: string }> }).properties;
    for (const key of ['path', 'public', 'title', 'subtitle', 'initialMessages', 'inputPlaceholder', 'responseMode']) {
      expect(properties[key]?.label, key).toBeTruthy();
    }
  });
});
