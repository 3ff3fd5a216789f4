import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine, type Execution } from '@flowloom/engine';
import { buildWorkflow } from '@flowloom/engine/testing';
import { startTestHttpServer, type TestHttpServer } from '@flowloom/engine/testing/node';

/**
 * The Form and Chat Triggers' pages (and the Form node's) in real Chromium, served by a real HTTP
 * server on 127.0.0.1 that hands each call to `engine.handleWebhook`.
 */
let engine: Engine;
let server: TestHttpServer;
let browser: Browser;
const finished: Execution[] = [];

beforeAll(async () => {
  engine = createEngine();
  engine.on('executionFinish', (e) => finished.push(e.execution));
  await engine.activate(
    buildWorkflow({
      id: 'signup',
      nodes: [
        {
          id: 'form',
          type: 'core.formTrigger',
          parameters: {
            path: 'signup',
            formTitle: 'Join the beta',
            formFields: [
              { fieldLabel: 'Name', requiredField: true },
              { fieldLabel: 'Email', fieldType: 'email', requiredField: true },
              { fieldLabel: 'Plan', fieldType: 'dropdown', fieldOptions: ['Free', 'Team'], requiredField: true },
              { fieldLabel: 'Topics', fieldType: 'checkboxes', fieldOptions: ['News', 'Tips'] },
            ],
            formSubmittedText: 'Welcome aboard.',
          },
        },
      ],
    }),
  );
  await engine.activate(
    buildWorkflow({
      id: 'support',
      nodes: [
        { id: 'chat', type: 'core.chatTrigger', parameters: { path: 'support/chat', public: true, initialMessages: 'Hi! Ask away.' } },
        {
          id: 'echo',
          type: 'core.set',
          parameters: {
            include: 'none',
            fields: [{ name: 'output', type: 'string', value: '{{ $json.sessionId }}: {{ $json.chatInput }}' }],
          },
        },
      ],
      connections: [['chat', 'echo']],
    }),
  );
  await engine.activate(
    buildWorkflow({
      id: 'survey',
      nodes: [
        {
          id: 'start',
          type: 'core.formTrigger',
          parameters: { path: 'survey', formTitle: 'Product survey', formFields: [{ fieldLabel: 'Name', requiredField: true }] },
        },
        {
          id: 'more',
          type: 'core.form',
          parameters: {
            formTitle: 'A bit more, {{ $json.Name }}',
            formFields: [
              { fieldLabel: 'Email', fieldType: 'email', requiredField: true },
              { fieldLabel: 'Rating', fieldType: 'dropdown', fieldOptions: ['Good', 'Great'], requiredField: true },
            ],
            buttonLabel: 'Send',
          },
        },
        {
          id: 'end',
          type: 'core.form',
          parameters: { operation: 'completion', completionTitle: 'Thanks!', completionMessage: 'You rated us {{ $json.Rating }}.' },
        },
      ],
      connections: [
        ['start', 'more'],
        ['more', 'end'],
      ],
    }),
  );
  // The bridge the docs show: node:http request in, engine.handleWebhook, response out.
  server = await startTestHttpServer(async (req, res) => {
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value);
    const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
    const response = await engine.handleWebhook(
      new Request(`http://127.0.0.1${req.url}`, { method: req.method, headers, ...(hasBody ? { body: req.body } : {}) }),
    );
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Messages the browser logs when the page's Content-Security-Policy blocks something. */
function cspViolations(page: Page): string[] {
  const seen: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) seen.push(message.text());
  });
  return seen;
}

describe('hosted pages in Chromium', () => {
  it('a browser without JavaScript fills in the form, is told what is wrong, corrects it and is thanked', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const violations = cspViolations(page);
    await page.goto(`${server.url}/webhook/signup`);
    expect(await page.title()).toBe('Join the beta');
    // Labels name the controls (the required star is hidden from assistive technology).
    await page.getByLabel('Name').fill('Ada');
    // Chromium's own check takes "ada@example"; the form's check wants a domain with a dot.
    await page.getByLabel('Email').fill('ada@example');
    await page.getByLabel('Plan').selectOption('Team');
    await page.getByLabel('Tips').check();
    await page.getByRole('button', { name: 'Submit' }).click();

    await page.getByRole('alert').waitFor();
    expect(await page.locator('#field-1-error').textContent()).toBe('Enter an email address, like name@example.com.');
    expect(await page.getByLabel('Email').getAttribute('aria-describedby')).toBe('field-1-error');
    expect(await page.getByLabel('Name').inputValue()).toBe('Ada');
    expect(await page.getByLabel('Plan').inputValue()).toBe('Team');
    expect(await page.getByLabel('Tips').isChecked()).toBe(true);
    expect(finished.filter((e) => e.workflowId === 'signup')).toEqual([]);

    await page.getByLabel('Email').fill('ada@example.com');
    await page.getByRole('button', { name: 'Submit' }).click();
    await page.getByText('Welcome aboard.').waitFor();
    await engine.idle();
    const runs = finished.filter((e) => e.workflowId === 'signup');
    expect(runs.map((e) => e.nodes.form![0]!.output.main![0]!.json)).toEqual([
      { Name: 'Ada', Email: 'ada@example.com', Plan: 'Team', Topics: ['Tips'], submittedAt: expect.any(String) },
    ]);
    expect(violations).toEqual([]);
    await context.close();
  });

  it('a browser without JavaScript goes from the first page to the second, corrects it, and sees the ending', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const violations = cspViolations(page);
    await page.goto(`${server.url}/webhook/survey`);
    await page.getByLabel('Name').fill('Grace');
    await page.getByRole('button', { name: 'Submit' }).click();

    // The browser followed the redirect to the execution's resume URL, which shows the second page.
    await page.getByRole('heading', { name: 'A bit more, Grace' }).waitFor();
    const second = new URL(page.url());
    expect(second.pathname).toMatch(/^\/webhook-waiting\/[^/]+$/);
    await page.getByLabel('Email').fill('grace@example');
    await page.getByLabel('Rating').selectOption('Great');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.locator('#field-0-error').textContent()).toBe('Enter an email address, like name@example.com.');
    expect(new URL(page.url()).pathname).toBe(second.pathname);

    await page.getByLabel('Email').fill('grace@example.com');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByRole('heading', { name: 'Thanks!' }).waitFor();
    expect(await page.getByText('You rated us Great.').count()).toBe(1);
    await engine.idle();
    const runs = finished.filter((e) => e.workflowId === 'survey' && e.status !== 'waiting');
    expect(runs).toHaveLength(1);
    expect(runs[0]!.nodes.start![0]!.output.main![0]!.json).toMatchObject({ Name: 'Grace' });
    expect(runs[0]!.nodes.more!.at(-1)!.output.main![0]!.json).toMatchObject({ Email: 'grace@example.com', Rating: 'Great' });
    expect(violations).toEqual([]);
    await context.close();
  });

  it('the chat page sends messages, shows the answers as text and keeps its session across a reload', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const violations = cspViolations(page);
    await page.goto(`${server.url}/webhook/support/chat`);
    expect(await page.locator('li.message.bot').allTextContents()).toEqual(['Hi! Ask away.']);

    const ask = async (message: string) => {
      const before = await page.locator('li.message.bot').count();
      await page.getByLabel('Your message').fill(message);
      await page.getByLabel('Your message').press('Enter');
      // The answer replaces the busy placeholder the page adds at once.
      const answer = page.locator('li.message.bot:not([aria-busy])').nth(before);
      await answer.waitFor();
      return answer.textContent();
    };
    const first = (await ask('Hello <b>there</b><img src=x>'))!;
    const sessionId = first.slice(0, first.indexOf(':'));
    expect(first).toBe(`${sessionId}: Hello <b>there</b><img src=x>`);
    expect(await page.locator('.log img, .log b').count()).toBe(0);

    await page.reload();
    expect(await ask('Still me?')).toBe(`${sessionId}: Still me?`);
    const items = finished.filter((e) => e.workflowId === 'support').map((e) => e.nodes.chat![0]!.output.main![0]!.json);
    expect(items).toEqual([
      { sessionId, action: 'sendMessage', chatInput: 'Hello <b>there</b><img src=x>' },
      { sessionId, action: 'sendMessage', chatInput: 'Still me?' },
    ]);
    expect(sessionId.length).toBeGreaterThan(8);
    expect(violations).toEqual([]);
    await context.close();
  });
});
