import { createHash } from 'node:crypto';
import { parse } from 'parse5';
import { describe, expect, it } from 'vitest';
import { createEngine, describeNodeType, type Execution } from '@flowloom/engine';
import { buildWorkflow } from '@flowloom/engine/testing';
import { startTestHttpServer } from '@flowloom/engine/testing/node';
import { PAGE_STYLE, PAGE_STYLE_HASH } from '../hosted-page/page-style.js';
import { formTrigger } from './form-trigger.js';
import { elements, attr, text, byTag, byId, type HtmlNode } from '../../../testing/html-tree.js';

// parse5 (a WHATWG-conformant parser) reads every page back: what a browser would build from it.
/** The label of a control, as assistive technology finds it: `<label for>` naming its id. */
const labelOf = (root: HtmlNode, control: HtmlNode) =>
  text(elements(root, (n) => n.nodeName === 'label' && attr(n, 'for') === attr(control, 'id'))[0]!);
/** The texts a control's `aria-describedby` points at. */
const describedBy = (root: HtmlNode, control: HtmlNode) =>
  (attr(control, 'aria-describedby') ?? '')
    .split(' ')
    .filter(Boolean)
    .map((id) => text(byId(root, id)!));
const controlNamed = (root: HtmlNode, name: string) =>
  elements(root, (n) => ['input', 'select', 'textarea'].includes(n.nodeName) && attr(n, 'name') === name);

const BASE = 'https://forms.example';
const FIELDS = [
  { fieldLabel: 'Name', requiredField: true, placeholder: 'Ada Lovelace' },
  { fieldLabel: 'Email', fieldType: 'email', requiredField: true },
  { fieldLabel: 'Seats', fieldType: 'number' },
  { fieldLabel: 'Secret', fieldType: 'password' },
  { fieldLabel: 'Notes', fieldType: 'textarea' },
  { fieldLabel: 'Arrival', fieldType: 'date' },
  { fieldLabel: 'Room', fieldType: 'dropdown', fieldOptions: ['Single', 'Double'], requiredField: true },
  { fieldLabel: 'Extras', fieldType: 'checkboxes', fieldOptions: ['Breakfast', 'Parking', 'Late checkout'] },
];

type FormParameters = Record<string, unknown>;

async function formEngine(parameters: FormParameters, after: Record<string, unknown>[] = []) {
  const engine = createEngine();
  const finished: Execution[] = [];
  engine.on('executionFinish', (e) => finished.push(e.execution));
  const nodes = [
    { id: 'form', name: 'Booking form', type: 'core.formTrigger', parameters: { path: 'book', formTitle: 'Book a room', ...parameters } },
    ...after,
  ];
  const connections = after.map((n, i) => [i === 0 ? 'form' : (after[i - 1]!.id as string), n.id as string] as [string, string]);
  await engine.activate(buildWorkflow({ id: 'booking', nodes: nodes as never, connections }));
  return { engine, finished };
}

const get = (path = '/webhook/book') => new Request(`${BASE}${path}`);
const postForm = (fields: Record<string, string | string[]>, path = '/webhook/book') => {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) body.append(k, one);
  return new Request(`${BASE}${path}`, { method: 'POST', body });
};
const page = async (response: Response) => parse(await response.text()) as unknown as HtmlNode;

const valid = {
  'field-0': 'Ada Lovelace',
  'field-1': 'ada@example.com',
  'field-2': '2',
  'field-3': 's3cret',
  'field-4': 'Quiet room,\nplease.',
  'field-5': '2026-03-31',
  'field-6': 'Double',
  'field-7': ['Breakfast', 'Late checkout'],
};

describe('Form Trigger', () => {
  it('answers a GET with the form: every field labelled, typed and marked required as defined', async () => {
    const { engine, finished } = await formEngine({
      formDescription: 'Pick a room.\n\nWe answer within a day.',
      formFields: FIELDS,
      buttonLabel: 'Book',
    });
    const response = await engine.handleWebhook(get());
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const doc = await page(response);
    expect(text(byTag(doc, 'title')[0]!)).toBe('Book a room');
    expect(text(byTag(doc, 'h1')[0]!)).toBe('Book a room');
    expect(elements(doc, (n) => n.nodeName === 'p' && attr(n, 'class') === 'description').map(text)).toEqual([
      'Pick a room.',
      'We answer within a day.',
    ]);
    const form = byTag(doc, 'form')[0]!;
    expect(attr(form, 'method')).toBe('post');
    expect(attr(form, 'action')).toBeUndefined(); // posts back to where it was served
    expect(attr(form, 'enctype')).toBeUndefined(); // no file field: URL-encoded

    const shown = FIELDS.slice(0, 7).map((f, i) => {
      const [control] = controlNamed(doc, `field-${i}`);
      return {
        label: labelOf(doc, control!),
        tag: control!.nodeName,
        type: attr(control!, 'type'),
        required: attr(control!, 'required') !== undefined,
        field: f.fieldLabel,
      };
    });
    expect(shown).toEqual([
      { field: 'Name', label: 'Name *', tag: 'input', type: 'text', required: true },
      { field: 'Email', label: 'Email *', tag: 'input', type: 'email', required: true },
      { field: 'Seats', label: 'Seats', tag: 'input', type: 'number', required: false },
      { field: 'Secret', label: 'Secret', tag: 'input', type: 'password', required: false },
      { field: 'Notes', label: 'Notes', tag: 'textarea', type: undefined, required: false },
      { field: 'Arrival', label: 'Arrival', tag: 'input', type: 'date', required: false },
      { field: 'Room', label: 'Room *', tag: 'select', type: undefined, required: true },
    ]);
    expect(attr(controlNamed(doc, 'field-0')[0]!, 'placeholder')).toBe('Ada Lovelace');
    expect(byTag(controlNamed(doc, 'field-6')[0]!, 'option').map((o) => [attr(o, 'value'), text(o)])).toEqual([
      ['', 'Choose…'],
      ['Single', 'Single'],
      ['Double', 'Double'],
    ]);
    // Checkboxes: a fieldset named by its legend, each box labelled by its option.
    const boxes = controlNamed(doc, 'field-7');
    expect(boxes.map((b) => [attr(b, 'type'), attr(b, 'value'), labelOf(doc, b)])).toEqual([
      ['checkbox', 'Breakfast', 'Breakfast'],
      ['checkbox', 'Parking', 'Parking'],
      ['checkbox', 'Late checkout', 'Late checkout'],
    ]);
    const group = byId(doc, 'field-7')!;
    expect(group.nodeName).toBe('fieldset');
    expect(text(byTag(group, 'legend')[0]!)).toBe('Extras');
    expect(text(byTag(form, 'button')[0]!)).toBe('Book');
    expect(finished).toEqual([]); // a page view starts nothing
  });

  it('allows only its own stylesheet, by a hash that matches it, and no script', async () => {
    const { engine } = await formEngine({ formFields: FIELDS });
    const response = await engine.handleWebhook(get());
    const policy = response.headers.get('content-security-policy')!;
    const doc = await page(response);
    expect(byTag(doc, 'script')).toEqual([]);
    const style = text(byTag(doc, 'style')[0]!);
    expect(style).toBe(PAGE_STYLE);
    const hash = `sha256-${createHash('sha256').update(style, 'utf8').digest('base64')}`;
    expect(PAGE_STYLE_HASH).toBe(hash);
    expect(policy).toContain(`style-src '${hash}'`);
    expect(policy).toContain("default-src 'none'");
    expect(policy).not.toContain('script-src');
  });

  it('starts the workflow with the answers by label and answers the completion page', async () => {
    const { engine, finished } = await formEngine({
      formFields: FIELDS,
      formSubmittedText: 'Thanks!\nSee you soon.',
    });
    const response = await engine.handleWebhook(postForm(valid));
    expect(response.status).toBe(200);
    const doc = await page(response);
    expect(text(byTag(doc, 'h1')[0]!)).toBe('Book a room');
    expect(text(byTag(doc, 'main')[0]!)).toContain('Thanks!See you soon.');
    expect(byTag(doc, 'br')).toHaveLength(1);
    await engine.idle();
    expect(finished).toHaveLength(1);
    const item = finished[0]!.nodes.form![0]!.output.main![0]!;
    expect(item.json).toEqual({
      Name: 'Ada Lovelace',
      Email: 'ada@example.com',
      Seats: 2,
      Secret: 's3cret',
      Notes: 'Quiet room,\nplease.',
      Arrival: '2026-03-31',
      Room: 'Double',
      Extras: ['Breakfast', 'Late checkout'],
      submittedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
  });

  it('sends the form back with each error next to its field and the values kept, and starts nothing', async () => {
    const { engine, finished } = await formEngine({ formFields: FIELDS });
    const response = await engine.handleWebhook(
      postForm({
        'field-0': '  ',
        'field-1': 'ada-at-example',
        'field-2': 'two',
        'field-3': 'hunter2',
        'field-4': 'kept text',
        'field-5': '2026-02-30',
        'field-6': 'Suite',
        'field-7': ['Parking', 'Spa'],
      }),
    );
    expect(response.status).toBe(422);
    const doc = await page(response);
    const errorsOf = (name: string) => describedBy(doc, controlNamed(doc, name)[0]!);
    expect(errorsOf('field-0')).toEqual(['Fill in this field.']);
    expect(errorsOf('field-1')).toEqual(['Enter an email address, like name@example.com.']);
    expect(errorsOf('field-2')).toEqual(['Enter a number, like 42 or 3.5.']);
    expect(errorsOf('field-3')).toEqual([]);
    expect(errorsOf('field-5')).toEqual(['Enter a date as year-month-day, like 2026-03-31.']);
    expect(errorsOf('field-6')).toEqual(['Choose among the options listed.']);
    expect(describedBy(doc, byId(doc, 'field-7')!)).toEqual(['Choose among the options listed.']);
    for (const name of ['field-0', 'field-1', 'field-2', 'field-5', 'field-6']) {
      expect(attr(controlNamed(doc, name)[0]!, 'aria-invalid'), name).toBe('true');
      // The error is right after its control, inside the field's block.
      const block = elements(doc, (n) => attr(n, 'class') === 'field' && byTag(n, 'p').length > 0 && controlNamed(n, name).length > 0);
      expect(block, name).toHaveLength(1);
    }
    // Values come back (but not the password); checkboxes stay ticked.
    expect(attr(controlNamed(doc, 'field-1')[0]!, 'value')).toBe('ada-at-example');
    expect(attr(controlNamed(doc, 'field-3')[0]!, 'value')).toBeUndefined();
    expect(text(controlNamed(doc, 'field-4')[0]!)).toBe('kept text');
    expect(controlNamed(doc, 'field-7').map((b) => attr(b, 'checked') !== undefined)).toEqual([false, true, false]);
    // A summary on top links to each field in error.
    const summary = elements(doc, (n) => attr(n, 'role') === 'alert')[0]!;
    expect(text(byTag(summary, 'h2')[0]!)).toBe('6 answers need your attention');
    expect(byTag(summary, 'a').map((a) => attr(a, 'href'))).toEqual([
      '#field-0',
      '#field-1',
      '#field-2',
      '#field-5',
      '#field-6',
      '#field-7',
    ]);
    await engine.idle();
    expect(finished).toEqual([]);
  });

  it('asks for a choice in a required dropdown and for a ticked box in required checkboxes', async () => {
    const { engine } = await formEngine({
      formFields: [
        { fieldLabel: 'Room', fieldType: 'dropdown', fieldOptions: ['Single'], requiredField: true },
        { fieldLabel: 'Terms', fieldType: 'checkboxes', fieldOptions: ['I agree'], requiredField: true },
      ],
    });
    const doc = await page(await engine.handleWebhook(postForm({ 'field-0': '' })));
    expect(describedBy(doc, controlNamed(doc, 'field-0')[0]!)).toEqual(['Choose an option.']);
    expect(describedBy(doc, byId(doc, 'field-1')!)).toEqual(['Tick at least one option.']);
  });

  it('escapes hostile definitions and hostile answers wherever it writes them', async () => {
    const evil = `"><script>alert(1)</script><img src=x onerror=alert(2)>&amp;'`;
    const { engine } = await formEngine({
      formTitle: `Title ${evil}`,
      formDescription: `Description ${evil}`,
      buttonLabel: `Go ${evil}`,
      formFields: [
        { fieldLabel: `Label ${evil}`, placeholder: `Hint ${evil}` },
        { fieldLabel: 'Pick', fieldType: 'dropdown', fieldOptions: [`Option ${evil}`, '</option></select><script>x()</script>'] },
        { fieldLabel: 'Box', fieldType: 'checkboxes', fieldOptions: [`Box ${evil}`] },
        { fieldLabel: 'Notes', fieldType: 'textarea' },
        { fieldLabel: 'Email', fieldType: 'email' },
      ],
    });
    const check = (doc: HtmlNode) => {
      expect(byTag(doc, 'script')).toEqual([]);
      expect(byTag(doc, 'img')).toEqual([]);
      expect(elements(doc, (n) => (n.attrs ?? []).some((a) => a.name.startsWith('on')))).toEqual([]);
    };
    const first = await page(await engine.handleWebhook(get()));
    check(first);
    expect(text(byTag(first, 'title')[0]!)).toBe(`Title ${evil}`);
    expect(text(byTag(first, 'h1')[0]!)).toBe(`Title ${evil}`);
    expect(text(elements(first, (n) => attr(n, 'class') === 'description')[0]!)).toBe(`Description ${evil}`);
    expect(labelOf(first, controlNamed(first, 'field-0')[0]!)).toBe(`Label ${evil}`);
    expect(attr(controlNamed(first, 'field-0')[0]!, 'placeholder')).toBe(`Hint ${evil}`);
    expect(byTag(controlNamed(first, 'field-1')[0]!, 'option').map((o) => attr(o, 'value'))).toEqual([
      '',
      `Option ${evil}`,
      '</option></select><script>x()</script>',
    ]);
    expect(labelOf(first, controlNamed(first, 'field-2')[0]!)).toBe(`Box ${evil}`);
    expect(text(byTag(first, 'button')[0]!)).toBe(`Go ${evil}`);

    // Sent back with an error: what the user typed is shown as typed, never as markup.
    const back = await page(
      await engine.handleWebhook(
        postForm({ 'field-0': evil, 'field-1': `Option ${evil}`, 'field-3': `</textarea>${evil}`, 'field-4': evil }),
      ),
    );
    check(back);
    expect(attr(controlNamed(back, 'field-0')[0]!, 'value')).toBe(evil);
    expect(text(controlNamed(back, 'field-3')[0]!)).toBe(`</textarea>${evil}`);
    expect(attr(controlNamed(back, 'field-4')[0]!, 'value')).toBe(evil);
    expect(describedBy(back, controlNamed(back, 'field-4')[0]!)).toEqual(['Enter an email address, like name@example.com.']);
    const chosen = byTag(controlNamed(back, 'field-1')[0]!, 'option').filter((o) => attr(o, 'selected') !== undefined);
    expect(chosen.map((o) => attr(o, 'value'))).toEqual([`Option ${evil}`]);
  });

  it('takes files by multipart upload (FormData) into the item as binary', async () => {
    const { engine, finished } = await formEngine({
      formFields: [
        { fieldLabel: 'Name', requiredField: true },
        { fieldLabel: 'Extras', fieldType: 'checkboxes', fieldOptions: ['Breakfast', 'Parking'] },
        { fieldLabel: 'Passport scan', fieldType: 'file', requiredField: true, acceptFileTypes: '.png, .pdf' },
      ],
    });
    const doc = await page(await engine.handleWebhook(get()));
    expect(attr(byTag(doc, 'form')[0]!, 'enctype')).toBe('multipart/form-data');
    expect(attr(controlNamed(doc, 'field-2')[0]!, 'accept')).toBe('.png, .pdf');

    const bytes = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10, 0, 255]);
    const body = new FormData();
    body.append('field-0', 'Ada');
    body.append('field-1', 'Breakfast');
    body.append('field-1', 'Parking');
    body.append('field-2', new Blob([bytes], { type: 'image/png' }), 'scan.png');
    const response = await engine.handleWebhook(new Request(`${BASE}/webhook/book`, { method: 'POST', body }));
    expect(response.status).toBe(200);
    await engine.idle();
    const item = finished[0]!.nodes.form![0]!.output.main![0]!;
    expect(item.json).toMatchObject({
      Name: 'Ada',
      Extras: ['Breakfast', 'Parking'],
      'Passport scan': { filename: 'scan.png', mimetype: 'image/png', size: 10 },
    });
    expect(item.binary!['Passport scan']).toMatchObject({ fileName: 'scan.png', mimeType: 'image/png' });
    expect(Buffer.from(item.binary!['Passport scan']!.data!, 'base64')).toEqual(Buffer.from(bytes));
  });

  it('refuses a missing file and a file of another type, asking to choose again', async () => {
    const { engine, finished } = await formEngine({
      formFields: [
        { fieldLabel: 'Name', requiredField: true },
        { fieldLabel: 'Scan', fieldType: 'file', requiredField: true, acceptFileTypes: '.pdf' },
        { fieldLabel: 'Photo', fieldType: 'file' },
      ],
    });
    const empty = new FormData();
    empty.append('field-0', 'Ada');
    empty.append('field-1', new Blob([], { type: 'application/octet-stream' }), '');
    let doc = await page(await engine.handleWebhook(new Request(`${BASE}/webhook/book`, { method: 'POST', body: empty })));
    expect(describedBy(doc, controlNamed(doc, 'field-1')[0]!)).toEqual(['Choose a file.']);

    const wrong = new FormData();
    wrong.append('field-1', new Blob(['MZ'], { type: 'application/x-msdownload' }), 'setup.exe');
    wrong.append('field-2', new Blob(['GIF89a'], { type: 'image/gif' }), 'me.gif');
    doc = await page(await engine.handleWebhook(new Request(`${BASE}/webhook/book`, { method: 'POST', body: wrong })));
    expect(describedBy(doc, controlNamed(doc, 'field-1')[0]!)).toEqual(['Choose a file of one of these types: .pdf.']);
    expect(describedBy(doc, controlNamed(doc, 'field-2')[0]!)).toEqual(['Choose the file again: a form sent back cannot keep it.']);
    await engine.idle();
    expect(finished).toEqual([]);
  });

  it('redirects once the form is sent, with 303 so a reload does not send it again', async () => {
    const { engine, finished } = await formEngine({
      formFields: [{ fieldLabel: 'Name' }],
      respondWith: 'redirect',
      redirectUrl: 'https://example.com/thanks?from=form',
    });
    const response = await engine.handleWebhook(postForm({ 'field-0': 'Ada' }));
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('https://example.com/thanks?from=form');
    await engine.idle();
    expect(finished.map((e) => e.status)).toEqual(['success']);
  });

  it("waits for a Respond to Webhook node when 'Respond when' says so", async () => {
    const { engine } = await formEngine({ formFields: [{ fieldLabel: 'Name' }], responseMode: 'responseNode' }, [
      {
        id: 'reply',
        type: 'core.respondToWebhook',
        parameters: {
          respondWith: 'text',
          responseBody: '<p>Welcome, {{ $json.Name }}</p>',
          responseHeaders: [{ name: 'content-type', value: 'text/html; charset=utf-8' }],
          responseCode: 201,
        },
      },
    ]);
    const response = await engine.handleWebhook(postForm({ 'field-0': 'Ada' }));
    expect(response.status).toBe(201);
    expect(await response.text()).toBe('<p>Welcome, Ada</p>');
  });

  it('shows the completion page once the workflow finishes, and a failure page when it fails', async () => {
    const stop = { id: 'stop', type: 'core.stopAndError', parameters: { errorMessage: 'internal detail: db down' } };
    const done = await formEngine({ formFields: [{ fieldLabel: 'Name' }], responseMode: 'lastNode', formSubmittedText: 'All done.' }, [
      { id: 'noop', type: 'core.noOp' },
    ]);
    const ok = await done.engine.handleWebhook(postForm({ 'field-0': 'Ada' }));
    // The run has ended by the time the page comes.
    expect(done.finished.map((e) => e.status)).toEqual(['success']);
    expect(ok.status).toBe(200);
    expect(text(byTag(await page(ok), 'main')[0]!)).toContain('All done.');

    const failing = await formEngine({ formFields: [{ fieldLabel: 'Name' }], responseMode: 'lastNode' }, [stop]);
    const failed = await failing.engine.handleWebhook(postForm({ 'field-0': 'Ada' }));
    expect(failed.status).toBe(500);
    expect(failed.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const body = text(byTag(await page(failed), 'main')[0]!);
    expect(body).toContain('could not be processed');
    expect(body).toContain(failing.finished[0]!.id);
    expect(body).not.toContain('db down'); // the workflow's inner error stays in the execution record
  });

  it('takes answers posted as JSON by label, for scripts', async () => {
    const { engine, finished } = await formEngine({ formFields: FIELDS.slice(0, 3) });
    const response = await engine.handleWebhook(
      new Request(`${BASE}/webhook/book`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ Name: 'Ada', Email: 'ada@example.com', Seats: 3 }),
      }),
    );
    expect(response.status).toBe(200);
    await engine.idle();
    expect(finished[0]!.nodes.form![0]!.output.main![0]!.json).toMatchObject({ Name: 'Ada', Email: 'ada@example.com', Seats: 3 });
  });

  it('serves and takes the form through a real HTTP server on 127.0.0.1', async () => {
    const { engine, finished } = await formEngine({ formFields: FIELDS.slice(0, 2) });
    const server = await startTestHttpServer(async (req, res) => {
      const request = new Request(`http://127.0.0.1${req.url}`, {
        method: req.method,
        headers: req.headers as Record<string, string>,
        ...(req.method === 'GET' ? {} : { body: req.body }),
      });
      const response = await engine.handleWebhook(request);
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    });
    try {
      const form = await page(await fetch(`${server.url}/webhook/book`));
      // Fill in the form as a browser would: every named control of the page, URL-encoded, to the form's own address.
      const names = elements(byTag(form, 'form')[0]!, (n) => attr(n, 'name') !== undefined).map((n) => attr(n, 'name')!);
      expect(names).toEqual(['field-0', 'field-1']);
      const answer = await fetch(`${server.url}/webhook/book`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ 'field-0': 'Grace', 'field-1': 'grace@example.com' }).toString(),
      });
      expect(answer.status).toBe(200);
      await engine.idle();
      expect(finished[0]!.nodes.form![0]!.output.main![0]!.json).toMatchObject({ Name: 'Grace', Email: 'grace@example.com' });
    } finally {
      await server.close();
    }
  });

  it('refuses to activate a form whose fields are wrong, naming the node and parameter', async () => {
    const activate = (parameters: FormParameters) =>
      createEngine().activate(
        buildWorkflow({
          nodes: [
            { id: 'f', name: 'Signup', type: 'core.formTrigger', parameters: { path: 'signup', formTitle: 'Sign up', ...parameters } },
          ],
        }),
      );
    await expect(activate({ formFields: [{ fieldLabel: 'Plan', fieldType: 'dropdown' }] })).rejects.toThrow(
      /node 'Signup' \(Form Trigger\): parameter 'formFields\.0\.fieldOptions' must list at least one option/,
    );
    await expect(activate({ formFields: [{ fieldLabel: 'Name' }, { fieldLabel: 'Name' }] })).rejects.toThrow(
      /parameter 'formFields\.1\.fieldName' gives the answer the key "Name", as field 1 does/,
    );
    await expect(activate({ formFields: [{ fieldLabel: 'A' }], respondWith: 'redirect' })).rejects.toThrow(
      /parameter 'redirectUrl' is required when the form redirects/,
    );
    await expect(
      activate({ formFields: [{ fieldLabel: 'A' }], respondWith: 'redirect', redirectUrl: 'javascript:alert(1)' }),
    ).rejects.toThrow(/parameter 'redirectUrl' must be an http or https URL/);
    await expect(activate({ formFields: [] })).rejects.toThrow(/parameter 'formFields' must have at least one field/);
  });

  it('emits empty answers in a manual run and passes answers handed to engine.run through', async () => {
    const engine = createEngine();
    const workflow = buildWorkflow({
      nodes: [{ id: 'f', type: 'core.formTrigger', parameters: { path: 'x', formTitle: 'T', formFields: FIELDS } }],
    });
    const manual = await engine.run(workflow);
    expect(manual.nodes.f![0]!.output.main![0]!.json).toMatchObject({ Name: '', Seats: null, Room: '', Extras: [] });
    const given = await engine.run(workflow, { input: [{ json: { Name: 'Ada' } }], mode: 'webhook' });
    expect(given.nodes.f![0]!.output.main![0]!.json).toEqual({ Name: 'Ada' });
  });

  it('describes its form for the editor', () => {
    const d = describeNodeType(formTrigger);
    const properties = (d.properties as { properties: Record<string, { label?: string }> }).properties;
    for (const key of [
      'path',
      'formTitle',
      'formDescription',
      'formFields',
      'buttonLabel',
      'responseMode',
      'respondWith',
      'formSubmittedText',
      'redirectUrl',
    ]) {
      expect(properties[key]?.label, key).toBeTruthy();
    }
  });
});
