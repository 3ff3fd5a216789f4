import { parse } from 'parse5';
import { afterEach, describe, expect, it } from 'vitest';
import type { Execution } from '../../../model/execution.js';
import { silentLogger } from '../../../ports/logger.js';
import { createEngine } from '../../../run/engine.js';
import { buildWorkflow, type NodeShorthand } from '../../../testing/build-workflow.js';
import { serveWebhooks } from '../../../testing/test-http-server.node.js';
import type { TestHttpServer } from '../../../testing/test-http-server.node.js';
import { elements, attr, text, byTag, byId, type HtmlNode } from '../../../testing/html-tree.js';

// parse5 (a WHATWG-conformant parser) reads every page back: what a browser would build from it.
const labels = (root: HtmlNode) => [...byTag(root, 'label'), ...byTag(root, 'legend')].map((n) => text(n).replace(/\s+\*$/, ''));
/** Every named control of the page's form, as a browser submits them. */
const controls = (root: HtmlNode) =>
  elements(byTag(root, 'form')[0]!, (n) => ['input', 'select', 'textarea'].includes(n.nodeName)).map((n) => attr(n, 'name'));
const html = async (response: Response) => parse(await response.text()) as unknown as HtmlNode;

let server: TestHttpServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** An engine serving a Form Trigger (`/webhook/signup`) followed by `after` in a chain, over real HTTP. */
async function served(after: NodeShorthand[], trigger: Record<string, unknown> = {}) {
  const engine = createEngine({ logger: silentLogger });
  const finished: Execution[] = [];
  engine.on('executionFinish', (e) => finished.push(e.execution));
  const nodes: NodeShorthand[] = [
    {
      id: 'trigger',
      name: 'Sign up',
      type: 'core.formTrigger',
      parameters: { path: 'signup', formTitle: 'Sign up', formFields: [{ fieldLabel: 'Name', requiredField: true }], ...trigger },
    },
    ...after,
  ];
  const connections = after.map((n, i) => [i === 0 ? 'trigger' : after[i - 1]!.id, n.id] as [string, string]);
  const workflow = buildWorkflow({ id: 'signup', nodes, connections });
  const checked = engine.validate(workflow);
  expect(checked.success, checked.success ? '' : checked.error.message).toBe(true);
  await engine.activate(workflow);
  server = await serveWebhooks(engine);
  const url = server.url;
  /** Posts fields URL-encoded as a browser does, without following a redirect. */
  const post = (path: string, fields: Record<string, string>) =>
    fetch(new URL(path, url), { method: 'POST', body: new URLSearchParams(fields), redirect: 'manual' });
  /** Where a 303 sends the browser, as it resolves it against the page it posted. */
  const next = (response: Response, from: string) => {
    expect(response.status).toBe(303);
    return new URL(response.headers.get('location')!, new URL(from, url)).pathname;
  };
  return { engine, finished, post, next, get: (path: string) => fetch(new URL(path, url)) };
}

const PAGE_TWO: NodeShorthand = {
  id: 'details',
  name: 'Details',
  type: 'core.form',
  parameters: {
    formTitle: 'Your plan, {{ $json.Name }}',
    formFields: [
      { fieldLabel: 'Email', fieldType: 'email', requiredField: true },
      { fieldLabel: 'Plan', fieldType: 'dropdown', fieldOptions: ['Free', 'Team'], requiredField: true },
    ],
    buttonLabel: 'Finish',
  },
};
const ENDING: NodeShorthand = {
  id: 'done',
  name: 'Done',
  type: 'core.form',
  parameters: { operation: 'completion', completionTitle: 'Welcome aboard', completionMessage: 'You chose {{ $json.Plan }}.' },
};

describe('Form node', () => {
  it('leads from the trigger page to a second page and on to the ending, each page’s answers in the run', async () => {
    const { engine, finished, post, next, get } = await served([PAGE_TWO, ENDING]);
    const first = await post('/webhook/signup', { 'field-0': 'Ada' });
    const second = next(first, '/webhook/signup');
    expect(second).toMatch(/^\/webhook-waiting\/[^/]+$/);
    const id = second.split('/').pop()!;
    expect(finished.at(-1)).toMatchObject({ id, status: 'waiting' });

    const shown = await get(second);
    expect(shown.status).toBe(200);
    const doc = await html(shown);
    expect(text(byTag(doc, 'h1')[0]!)).toBe('Your plan, Ada'); // its title resolved from the first page's answers
    expect(labels(doc)).toEqual(['Email', 'Plan']);
    expect(controls(doc)).toEqual(['field-0', 'field-1']);
    expect(text(byTag(doc, 'button')[0]!)).toBe('Finish');
    expect(attr(byTag(doc, 'form')[0]!, 'action')).toBeUndefined(); // posts back to the resume URL

    const ending = await post(second, { 'field-0': 'ada@example.com', 'field-1': 'Team' });
    expect(ending.status).toBe(200);
    const end = await html(ending);
    expect(text(byTag(end, 'title')[0]!)).toBe('Sign up');
    expect(text(byTag(end, 'h1')[0]!)).toBe('Welcome aboard');
    expect(text(byTag(end, 'main')[0]!)).toContain('You chose Team.');

    await engine.idle();
    const run = finished.at(-1)!;
    expect(run).toMatchObject({ id, status: 'success' });
    expect(run.nodes.trigger![0]!.output.main![0]!.json).toMatchObject({ Name: 'Ada' });
    const page2 = run.nodes.details!.at(-1)!.output.main![0]!.json;
    expect(page2).toEqual({ Email: 'ada@example.com', Plan: 'Team', submittedAt: expect.any(String) });
    expect(run.nodes.done![0]!.input.main![0]!.json).toMatchObject({ Email: 'ada@example.com', Plan: 'Team' });
    // The page was sent: its address no longer takes answers.
    expect((await post(second, { 'field-0': 'x@example.com', 'field-1': 'Free' })).status).toBe(404);
  });

  it('shows the second page again with the error beside its field, and waits on', async () => {
    const { finished, post, next } = await served([PAGE_TWO, ENDING]);
    const second = next(await post('/webhook/signup', { 'field-0': 'Ada' }), '/webhook/signup');
    const wrong = await post(second, { 'field-0': 'not an address', 'field-1': 'Team' });
    expect(wrong.status).toBe(422);
    const doc = await html(wrong);
    const email = byId(doc, 'field-0')!;
    expect(attr(email, 'aria-invalid')).toBe('true');
    expect(text(byId(doc, attr(email, 'aria-describedby')!)!)).toBe('Enter an email address, like name@example.com.');
    expect(attr(byId(doc, 'field-0')!, 'value')).toBe('not an address'); // what was sent comes back
    expect(finished.at(-1)!.status).toBe('waiting');
    const right = await post(second, { 'field-0': 'ada@example.com', 'field-1': 'Free' });
    expect(right.status).toBe(200);
    expect(await right.text()).toContain('You chose Free.');
  });

  it('reads fields written as JSON in n8n’s shape, the options from an earlier node, the texts from the trigger', async () => {
    const options: NodeShorthand = {
      id: 'options',
      type: 'core.set',
      parameters: { fields: [{ name: 'options', type: 'string', value: '[{"option":"n8n-test-01"},{"option":"n8n-test-02"}]' }] },
    };
    const choose: NodeShorthand = {
      id: 'choose',
      name: 'Choose Instance',
      type: 'core.form',
      parameters: {
        defineForm: 'json',
        jsonOutput:
          '[{"fieldLabel": "Destination", "fieldType": "dropdown", "requiredField": true, "fieldOptions": {"values": {{ $json.options }} }}]',
      },
    };
    const { engine, finished, post, next, get } = await served([options, choose], {
      formDescription: 'Copies a credential.',
      buttonLabel: 'Begin',
    });
    const second = next(await post('/webhook/signup', { 'field-0': 'Ada' }), '/webhook/signup');
    const doc = await html(await get(second));
    expect(text(byTag(doc, 'h1')[0]!)).toBe('Sign up');
    expect(text(elements(doc, (n) => attr(n, 'class') === 'description')[0]!)).toBe('Copies a credential.');
    expect(text(byTag(doc, 'button')[0]!)).toBe('Begin');
    expect(byTag(doc, 'option').map(text)).toEqual(['Choose…', 'n8n-test-01', 'n8n-test-02']);
    expect((await post(second, { 'field-0': 'elsewhere' })).status).toBe(422); // not among the options

    // No ending follows: the form closes with a plain thank-you.
    const closed = await post(second, { 'field-0': 'n8n-test-02' });
    expect(closed.status).toBe(200);
    expect(text(byTag(await html(closed), 'h1')[0]!)).toBe('Sign up');
    await engine.idle();
    expect(finished.at(-1)!.nodes.choose!.at(-1)!.output.main![0]!.json).toMatchObject({ Destination: 'n8n-test-02' });
  });

  it('ends the form the trigger serves at once when an ending follows it, after the nodes between have run', async () => {
    const mark: NodeShorthand = { id: 'mark', type: 'core.set', parameters: { fields: [{ name: 'result', type: 'string', value: 'ok' }] } };
    const ending: NodeShorthand = {
      id: 'end',
      type: 'core.form',
      parameters: { operation: 'completion', completionTitle: 'Congratulations!', completionMessage: 'Result: {{ $json.result }}' },
    };
    const { engine, finished, post } = await served([mark, ending]);
    const answer = await post('/webhook/signup', { 'field-0': 'Ada' });
    expect(answer.status).toBe(200);
    const doc = await html(answer);
    expect(text(byTag(doc, 'h1')[0]!)).toBe('Congratulations!');
    expect(text(byTag(doc, 'main')[0]!)).toContain('Result: ok');
    await engine.idle();
    expect(finished.at(-1)!.status).toBe('success');
  });

  it('ends on another page, or on a page of the author’s HTML that runs no script', async () => {
    const redirect = await served([
      {
        id: 'end',
        type: 'core.form',
        parameters: { operation: 'completion', respondWith: 'redirect', redirectUrl: 'https://example.com/thanks' },
      },
    ]);
    const moved = await redirect.post('/webhook/signup', { 'field-0': 'Ada' });
    expect(moved.status).toBe(303);
    expect(moved.headers.get('location')).toBe('https://example.com/thanks');
    await server!.close();
    server = undefined;

    const shown = await served([
      {
        id: 'end',
        type: 'core.form',
        parameters: { operation: 'completion', respondWith: 'showText', responseText: '<p>Thanks, <b>{{ $json.Name }}</b></p>' },
      },
    ]);
    const page = await shown.post('/webhook/signup', { 'field-0': 'Ada' });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain('sandbox');
    const doc = await html(page);
    expect(text(byTag(doc, 'b')[0]!)).toBe('Ada');
  });

  it('sends the browser to the next page under the prefix the host mounts webhooks at', async () => {
    const engine = createEngine({ logger: silentLogger });
    await engine.activate(
      buildWorkflow({
        nodes: [
          {
            id: 'trigger',
            type: 'core.formTrigger',
            parameters: { path: 'a/signup', formTitle: 'T', formFields: [{ fieldLabel: 'Name' }] },
          },
          PAGE_TWO,
        ],
        connections: [['trigger', 'details']],
      }),
    );
    const host = 'https://hooks.example/t/acme';
    const sent = await engine.handleWebhook(
      new Request(`${host}/webhook/a/signup`, { method: 'POST', body: new URLSearchParams({ 'field-0': 'Ada' }) }),
      { path: '/webhook/a/signup' },
    );
    expect(sent.status).toBe(303);
    const next = new URL(sent.headers.get('location')!, `${host}/webhook/a/signup`);
    expect(next.href).toMatch(/^https:\/\/hooks\.example\/t\/acme\/webhook-waiting\/[^/]+$/);
    const shown = await engine.handleWebhook(new Request(next), { path: next.pathname.slice('/t/acme'.length) });
    expect(labels(await html(shown))).toEqual(['Email', 'Plan']);
  });

  it('names the node and parameter when its fields are wrong', async () => {
    const engine = createEngine({ logger: silentLogger });
    await engine.nodeTypes.load('core.form');
    const message = (parameters: Record<string, unknown>) => {
      const r = engine.validate(
        buildWorkflow({
          nodes: [
            { id: 't', type: 'core.formTrigger', parameters: { path: 'p', formTitle: 'T', formFields: [{ fieldLabel: 'A' }] } },
            { id: 'f', name: 'Page', type: 'core.form', parameters },
          ],
          connections: [['t', 'f']],
        }),
      );
      return r.success ? '' : r.error.message;
    };
    expect(message({ formFields: [] })).toContain("node 'Page' (Form): parameter 'formFields' must have at least one field");
    expect(message({ formFields: [{ fieldLabel: 'Size', fieldType: 'dropdown' }] })).toContain("'formFields.0.fieldOptions'");
    expect(message({ operation: 'completion', respondWith: 'redirect' })).toContain("parameter 'redirectUrl' is required");
    expect(message({ formFields: [{ fieldLabel: 'A' }] })).toBe('');

    const {
      post,
      finished,
      engine: served2,
    } = await served([
      {
        id: 'bad',
        name: 'Bad page',
        type: 'core.form',
        parameters: { defineForm: 'json', jsonOutput: '[{"fieldLabel": "A", "fieldType": "html"}]' },
      },
    ]);
    const failed = await post('/webhook/signup', { 'field-0': 'Ada' });
    expect(failed.status).toBe(500);
    await served2.idle();
    expect(finished.at(-1)!.error?.message).toContain("Node 'Bad page': parameter 'jsonOutput' field 1 'fieldType'");
  });
});
