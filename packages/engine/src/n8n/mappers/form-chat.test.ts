import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'parse5';
import { describe, expect, it } from 'vitest';
import type { Execution } from '../../model/execution.js';
import { createNodeEngine } from '../../node/create-node-engine.js';
import { silentLogger } from '../../ports/logger.js';
import { createEngine } from '../../run/engine.js';
import { buildWorkflow } from '../../testing/build-workflow.js';
import { standInCredential } from '../../testing/n8n-corpus-runs.node.js';
import { sendJson, serveWebhooks, startTestHttpServer } from '../../testing/test-http-server.node.js';
import { importN8nWorkflow } from '../import-workflow.js';
import { MapContext, type N8nNode } from '../map-context.js';
import { chatTriggerMapping, formMapping, formTriggerMapping } from './form-chat.js';
import type { MappedNode, NodeMapping } from './mapping.js';

/*
 * Real n8n nodes, copied from the n8n workflow collection described in
 * ../fixtures/README.md (MIT licence, see ../fixtures/LICENSE); `source`
 * names the file each came from.
 */
const corpus: Record<string, { source: string; node: N8nNode }> = {
  leads: {
    source: 'Splitout/1146_Splitout_Code_Automation_Webhook.json',
    node: {
      name: 'On form submission',
      type: 'n8n-nodes-base.formTrigger',
      typeVersion: 2.2,
      webhookId: '28ff6927-5d05-4182-910b-be2381e3b2c4',
      parameters: {
        options: {},
        formTitle: 'Leads Search',
        formFields: {
          values: [
            { fieldLabel: 'Job Title', requiredField: true },
            { fieldLabel: 'Location', requiredField: true },
            { fieldType: 'number', fieldLabel: 'Number of Leads', requiredField: true },
          ],
        },
      },
    },
  },
  deals: {
    source: 'Form/0805_Form_Html_Create_Triggered.json',
    node: {
      name: 'When User Completes Form',
      type: 'n8n-nodes-base.formTrigger',
      typeVersion: 2.2,
      webhookId: '33e8f7c3-82fb-4339-9c91-4b19aa6c14ba',
      parameters: {
        options: { path: 'get-top-deals', ignoreBots: true, buttonLabel: 'Get Deals' },
        formTitle: 'Top deals',
        formFields: {
          values: [
            {
              fieldType: 'dropdown',
              fieldLabel: 'Category',
              multiselect: true,
              fieldOptions: {
                values: [
                  { option: 'Appliances' },
                  { option: 'Cameras, CamCorders & Drones' },
                  { option: 'Car Electronics ' },
                  { option: 'Cell Phones' },
                  { option: 'Computers & Tablets' },
                  { option: 'TV & Home Theater' },
                  { option: 'Video Games' },
                ],
              },
              requiredField: true,
            },
            { fieldType: 'email', fieldLabel: 'Email', placeholder: 'Complete your email', requiredField: true },
          ],
        },
        responseMode: 'lastNode',
        formDescription:
          'This form returns top deals by your preferences in the same page.\n\nYou can schedule your future deals once per day at the end of this test.',
      },
    },
  },
  publisher: {
    source: 'Form/1968_Form_Stickynote_Automation_Webhook.json',
    node: {
      name: 'On form submission',
      type: 'n8n-nodes-base.formTrigger',
      typeVersion: 2.2,
      webhookId: 'bb578d47-feaa-4973-96df-659089838de5',
      parameters: {
        options: {},
        formTitle: 'Post Publisher',
        formFields: {
          values: [
            {
              fieldType: 'dropdown',
              fieldLabel: 'Platform',
              fieldOptions: {
                values: [
                  { option: 'instagram' },
                  { option: 'linkedin' },
                  { option: 'facebook' },
                  { option: 'x' },
                  { option: 'tiktok' },
                  { option: 'threads' },
                ],
              },
              requiredField: true,
            },
            { fieldLabel: 'Account', placeholder: 'User Profile name set on Upload-post.com', requiredField: true },
            { fieldType: 'textarea', fieldLabel: 'Caption', requiredField: true },
            { fieldType: 'file', fieldLabel: 'Upload', multipleFiles: false, requiredField: true, acceptFileTypes: '.jpg,.mp4' },
            { fieldLabel: 'Facebook Id', placeholder: 'Facebook page Id (eg. 00000111122222)' },
          ],
        },
      },
    },
  },
  setupHelper: {
    source: 'Webhook/1897_Webhook_Filter_Sync_Webhook.json',
    node: {
      name: 'Notion-Todoist Sync Setup Helper',
      type: 'n8n-nodes-base.formTrigger',
      typeVersion: 2.2,
      webhookId: '7edf515f-bd69-4875-a5d8-eca8b4679896',
      parameters: {
        options: { buttonLabel: 'Begin' },
        formTitle: 'Notion-Todoist Sync Setup Helper',
        formFields: { values: [{ fieldLabel: ' ', placeholder: 'Click "Begin" to continue' }] },
        formDescription:
          'This tool gathers all necessary information and builds a JSON config which is needed as globals in the sync workflows.',
      },
    },
  },
  htmlField: {
    source: 'Stopanderror/0719_Stopanderror_Splitout_Create_Webhook.json',
    node: {
      name: 'On form submission',
      type: 'n8n-nodes-base.formTrigger',
      typeVersion: 2.2,
      webhookId: '026629c8-7644-493c-b830-d9c72eea307d',
      parameters: {
        options: { path: 'deep_research', ignoreBots: true, buttonLabel: 'Next' },
        formTitle: ' DeepResearcher',
        formFields: { values: [{ fieldType: 'html' }] },
        formDescription: '=DeepResearcher is a multi-step, recursive approach using the internet to solve complex research tasks.',
      },
    },
  },
  documenter: {
    source: 'Openai/0464_Openai_Form_Create_Webhook.json',
    node: {
      name: 'n8n Form Trigger',
      type: 'n8n-nodes-base.formTrigger',
      typeVersion: 2,
      webhookId: 'c61492e5-73ce-40d4-b758-d5f09da0fb6c',
      parameters: {
        path: 'c61492e5-73ce-40d4-b758-d5f09da0fb6c',
        formTitle: 'Workflow Documenter',
        formFields: {
          values: [
            { fieldLabel: 'Workflow Title', requiredField: true },
            { fieldLabel: 'Workflow Json', requiredField: true },
          ],
        },
        responseMode: 'responseNode',
        formDescription: 'Automatically document your n8n workflow',
      },
    },
  },
  chooseInstance: {
    source: 'Code/1984_Code_Executecommand_Automation_Webhook.json',
    node: {
      name: 'Choose Instance',
      type: 'n8n-nodes-base.form',
      typeVersion: 1,
      webhookId: 'b1fc6927-ebe8-4a02-9d64-24bf6f6d0db6',
      parameters: {
        options: {
          formTitle: 'Select Destination',
          buttonLabel: 'Continue',
          formDescription: 'Choose the n8n instance where the credential should be copied to',
        },
        defineForm: 'json',
        jsonOutput:
          '=[\n   {\n      "fieldLabel": "Destination",\n      "fieldType": "dropdown",\n      "requiredField": true,\n      "fieldOptions": {\n        "values": {{ $json.options }}\n      }\n   }\n]',
      },
    },
  },
  transferDone: {
    source: 'Code/1984_Code_Executecommand_Automation_Webhook.json',
    node: {
      name: 'Success',
      type: 'n8n-nodes-base.form',
      typeVersion: 1,
      webhookId: '6a630d50-a4b6-4fd7-a7a7-fa0283996903',
      parameters: {
        options: {},
        operation: 'completion',
        completionTitle: '✅ Transfer completed',
        completionMessage: '=The credential has been transfered.',
      },
    },
  },
  authRedirect: {
    source: 'Webhook/1897_Webhook_Filter_Sync_Webhook.json',
    node: {
      name: 'Redirect to Auth Page',
      type: 'n8n-nodes-base.form',
      typeVersion: 1,
      webhookId: 'cb5dbc8c-e5e1-4a37-ae67-e0e2a7ea9a9e',
      parameters: {
        operation: 'completion',
        redirectUrl:
          "=https://todoist.com/oauth/authorize?client_id={{ $json['Client ID'] }}&scope=task:add,data:read_write,data:delete&state={{ $json.state }}",
        respondWith: 'redirect',
      },
    },
  },
  pizza: {
    source: 'Automate/1060_Automate_Webhook.json',
    node: {
      name: 'When chat message received',
      type: '@n8n/n8n-nodes-langchain.chatTrigger',
      typeVersion: 1.1,
      webhookId: 'd925cc6e-6dd7-4459-a917-e68d57ab0e2a',
      parameters: {
        public: true,
        options: {},
        initialMessages:
          "Hellooo! 👋 My name is Pizzaro 🍕. I'm here to help with your pizza order. How can I assist you?\n\n📣 INFO: If you’d like to order a pizza, please include your name + pizza type + quantity. Thank you!",
      },
    },
  },
  cases: {
    source: 'Googlesheetstool/1133_Googlesheetstool_Automation_Triggered.json',
    node: {
      name: 'When chat message received',
      type: '@n8n/n8n-nodes-langchain.chatTrigger',
      typeVersion: 1.1,
      webhookId: '1de1a4dd-cea5-4c95-b489-6004601ff727',
      parameters: {
        public: true,
        options: { responseMode: 'lastNode', loadPreviousSession: 'memory' },
        initialMessages: 'Hi! I’m Babish from Apple Case. How can I help?”',
      },
    },
  },
  embedded: {
    source: 'Telegramtool/1575_Telegramtool_Woocommercetool_Automate_Webhook.json',
    node: {
      name: 'When chat message received',
      type: '@n8n/n8n-nodes-langchain.chatTrigger',
      typeVersion: 1.1,
      webhookId: 'bb9b597a-25ed-43de-9ebb-14f166af789b',
      parameters: { mode: 'webhook', public: true, options: { responseMode: 'responseNode' } },
    },
  },
  plain: {
    source: 'Supabase/1680_Supabase_Stickynote_Automation_Triggered.json',
    node: {
      name: 'When chat message received',
      type: '@n8n/n8n-nodes-langchain.chatTrigger',
      typeVersion: 1.1,
      webhookId: '334e3a8d-73d2-4d3c-9927-158c1169ef5e',
      parameters: { options: {} },
    },
  },
};

const env = { nodeName: () => undefined, itemAligned: () => false, upstream: () => false, usedOutputs: [0], timezone: undefined };

/** Maps a corpus node; every parameter must have been read. */
function map(mapping: NodeMapping, key: keyof typeof corpus): { mapped: MappedNode; warnings: string[] } {
  const { node } = corpus[key]!;
  expect(mapping.versions).toContain(node.typeVersion);
  const ctx = new MapContext(node, env);
  const mapped = mapping.map(ctx);
  expect(ctx.unread()).toEqual([]);
  return { mapped, warnings: ctx.problems.map((p) => p.code) };
}

/** An engine with the mapped trigger active, alone or followed by `after`. */
async function activated(mapped: MappedNode, after?: Record<string, unknown>) {
  const engine = createEngine({ logger: silentLogger });
  const finished: Execution[] = [];
  engine.on('executionFinish', (e) => finished.push(e.execution));
  const workflow = buildWorkflow({
    nodes: [{ id: 't', type: mapped.type, parameters: mapped.parameters }, ...(after ? [after as never] : [])],
    connections: after ? [['t', after.id as string]] : [],
  });
  const validation = engine.validate(workflow);
  expect(validation.success, validation.success ? '' : validation.error.message).toBe(true);
  await engine.activate(workflow);
  return { engine, finished };
}

interface P5 {
  nodeName: string;
  value?: string;
  attrs?: { name: string; value: string }[];
  childNodes?: P5[];
}
const labels = (html: string): string[] => {
  const found: string[] = [];
  const text = (n: P5): string => (n.nodeName === '#text' ? n.value! : (n.childNodes ?? []).map(text).join(''));
  const walk = (n: P5) => {
    if (n.nodeName === 'label' || n.nodeName === 'legend') found.push(text(n));
    for (const c of n.childNodes ?? []) walk(c);
  };
  walk(parse(html) as unknown as P5);
  return found;
};

describe('n8n Form Trigger import', () => {
  it('maps a form whose answers later nodes read by label, and the answers come under those labels', async () => {
    const { mapped, warnings } = map(formTriggerMapping, 'leads');
    expect(mapped).toEqual({
      type: 'core.formTrigger',
      parameters: {
        path: '28ff6927-5d05-4182-910b-be2381e3b2c4',
        formTitle: 'Leads Search',
        formFields: [
          { fieldLabel: 'Job Title', fieldType: 'text', requiredField: true },
          { fieldLabel: 'Location', fieldType: 'text', requiredField: true },
          { fieldLabel: 'Number of Leads', fieldType: 'number', requiredField: true },
        ],
        responseMode: 'onReceived',
      },
    });
    expect(warnings).toEqual(['trigger-url']);
    const { engine, finished } = await activated(mapped);
    const url = 'https://n8n-import.example/webhook/28ff6927-5d05-4182-910b-be2381e3b2c4';
    expect(labels(await (await engine.handleWebhook(new Request(url))).text())).toEqual(['Job Title *', 'Location *', 'Number of Leads *']);
    const body = new URLSearchParams({ 'field-0': 'CTO', 'field-1': 'Berlin', 'field-2': '25' });
    expect((await engine.handleWebhook(new Request(url, { method: 'POST', body }))).status).toBe(200);
    await engine.idle();
    // The workflow's next nodes read `$json.Location`: the label is the key.
    expect(finished[0]!.nodes.t![0]!.output.main![0]!.json).toMatchObject({
      'Job Title': 'CTO',
      Location: 'Berlin',
      'Number of Leads': 25,
    });
  });

  it('maps options.path, the button, a multiple-choice dropdown (as checkboxes) and "when the workflow finishes"', async () => {
    const { mapped } = map(formTriggerMapping, 'deals');
    expect(mapped.parameters).toMatchObject({
      path: 'get-top-deals',
      formTitle: 'Top deals',
      buttonLabel: 'Get Deals',
      responseMode: 'lastNode',
      formDescription: expect.stringContaining('\n\nYou can schedule'),
    });
    const category = (mapped.parameters.formFields as Record<string, unknown>[])[0]!;
    expect(category).toMatchObject({ fieldLabel: 'Category', fieldType: 'checkboxes', requiredField: true });
    expect(category.fieldOptions).toContain('Car Electronics '); // kept as written: it is the value later nodes compare
    const { engine, finished } = await activated(mapped);
    const body = new URLSearchParams([
      ['field-0', 'Car Electronics '],
      ['field-0', 'Video Games'],
      ['field-1', 'me@example.com'],
    ]);
    const response = await engine.handleWebhook(new Request('https://x.example/webhook/get-top-deals', { method: 'POST', body }));
    expect(response.status).toBe(200);
    expect(finished[0]!.nodes.t![0]!.output.main![0]!.json).toMatchObject({ Category: ['Car Electronics ', 'Video Games'] });
  });

  it('maps file, dropdown, text area and placeholder fields', () => {
    const { mapped } = map(formTriggerMapping, 'publisher');
    expect(mapped.parameters.formFields).toEqual([
      {
        fieldLabel: 'Platform',
        fieldType: 'dropdown',
        requiredField: true,
        fieldOptions: ['instagram', 'linkedin', 'facebook', 'x', 'tiktok', 'threads'],
      },
      { fieldLabel: 'Account', fieldType: 'text', requiredField: true, placeholder: 'User Profile name set on Upload-post.com' },
      { fieldLabel: 'Caption', fieldType: 'textarea', requiredField: true },
      { fieldLabel: 'Upload', fieldType: 'file', requiredField: true, acceptFileTypes: '.jpg,.mp4' },
      { fieldLabel: 'Facebook Id', fieldType: 'text', placeholder: 'Facebook page Id (eg. 00000111122222)' },
    ]);
  });

  it('labels a field n8n left without a label, saying so', async () => {
    const { mapped, warnings } = map(formTriggerMapping, 'setupHelper');
    expect(mapped.parameters.formFields).toEqual([
      { fieldLabel: 'Click "Begin" to continue', fieldType: 'text', placeholder: 'Click "Begin" to continue' },
    ]);
    expect(warnings).toContain('form-field-label');
    await activated(mapped);
  });

  it('maps the top-level path of version 2 and "using Respond to Webhook node"', async () => {
    const { mapped } = map(formTriggerMapping, 'documenter');
    expect(mapped.parameters).toMatchObject({ path: 'c61492e5-73ce-40d4-b758-d5f09da0fb6c', responseMode: 'responseNode' });
    await activated(mapped);
  });

  it('gives up on a custom HTML field, naming it', () => {
    expect(() => map(formTriggerMapping, 'htmlField')).toThrow("the value 'html' has no Flowloom equivalent");
  });

  it('reads the completion options of version 2.2 and maps basic authentication to its slot', () => {
    const node = (parameters: Record<string, unknown>): N8nNode => ({
      name: 'Form',
      type: 'n8n-nodes-base.formTrigger',
      typeVersion: 2.2,
      webhookId: 'abc',
      parameters: { formTitle: 'T', formFields: { values: [{ fieldLabel: 'A' }] }, ...parameters },
    });
    const redirect = formTriggerMapping.map(
      new MapContext(
        node({ options: { respondWithOptions: { values: { respondWith: 'redirect', redirectUrl: 'https://example.com/ok' } } } }),
        env,
      ),
    );
    expect(redirect.parameters).toMatchObject({ respondWith: 'redirect', redirectUrl: 'https://example.com/ok' });
    const text = formTriggerMapping.map(
      new MapContext(node({ options: { respondWithOptions: { values: { respondWith: 'text', formSubmittedText: 'Merci' } } } }), env),
    );
    expect(text.parameters).toMatchObject({ respondWith: 'text', formSubmittedText: 'Merci' });
    const guarded = new MapContext(node({ authentication: 'basicAuth' }), env);
    const mapped = formTriggerMapping.map(guarded);
    expect(mapped.parameters).toMatchObject({ authentication: 'basicAuth' });
    expect(mapped.credential).toEqual({ slot: 'basicAuth', n8nType: 'httpBasicAuth' });
    expect(guarded.problems).toContainEqual(expect.objectContaining({ code: 'webhook-auth-credential', parameter: 'authentication' }));
    expect(() => formTriggerMapping.map(new MapContext(node({ authentication: 'headerAuth' }), env))).toThrow(
      "the value 'headerAuth' has no Flowloom equivalent",
    );
  });
});

describe('n8n Chat Trigger import', () => {
  it('serves the chat at n8n’s address with its initial messages, and a message reaches the item', async () => {
    const { mapped, warnings } = map(chatTriggerMapping, 'pizza');
    expect(mapped).toEqual({
      type: 'core.chatTrigger',
      parameters: {
        path: 'd925cc6e-6dd7-4459-a917-e68d57ab0e2a/chat',
        public: true,
        initialMessages: corpus.pizza!.node.parameters.initialMessages,
        responseMode: 'lastNode',
      },
    });
    expect(warnings).toEqual(['trigger-url']);
    const { engine, finished } = await activated(mapped, { id: 'noop', type: 'core.noOp' });
    const url = 'https://x.example/webhook/d925cc6e-6dd7-4459-a917-e68d57ab0e2a/chat';
    expect((await engine.handleWebhook(new Request(url))).status).toBe(200);
    const response = await engine.handleWebhook(
      new Request(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ action: 'sendMessage', sessionId: 'f00d', chatInput: 'One margherita' }),
      }),
    );
    expect(await response.json()).toEqual({ sessionId: 'f00d', action: 'sendMessage', chatInput: 'One margherita' });
    expect(finished).toHaveLength(1);
  });

  it('says the page will not show earlier messages again', () => {
    const { mapped, warnings } = map(chatTriggerMapping, 'cases');
    expect(mapped.parameters).toMatchObject({ public: true, responseMode: 'lastNode' });
    expect(warnings).toContain('chat-history');
  });

  it('maps an embedded chat answered by Respond to Webhook, warning about calls from other origins', async () => {
    const { mapped, warnings } = map(chatTriggerMapping, 'embedded');
    expect(mapped.parameters).toMatchObject({ public: true, responseMode: 'responseNode' });
    expect(warnings).toContain('chat-embedded');
    await activated(mapped);
  });

  it('maps a chat with no settings', async () => {
    const { mapped } = map(chatTriggerMapping, 'plain');
    expect(mapped.parameters).toEqual({ path: '334e3a8d-73d2-4d3c-9927-158c1169ef5e/chat', public: false, responseMode: 'lastNode' });
    await activated(mapped);
  });
});

/** The 400 real n8n workflows (see the corpus README); FLOWLOOM_N8N_CORPUS points elsewhere. */
const CORPUS = process.env.FLOWLOOM_N8N_CORPUS ?? new URL('../../../../../../shared/corpus/n8n-workflows', import.meta.url).pathname;
const corpusFile = (file: string) => readFileSync(join(CORPUS, 'workflows', file), 'utf8');

describe('n8n Form import', () => {
  it('maps a page whose fields are JSON built from an earlier node, with its title, description and button', () => {
    const { mapped, warnings } = map(formMapping, 'chooseInstance');
    expect(mapped).toEqual({
      type: 'core.form',
      parameters: {
        operation: 'page',
        defineForm: 'json',
        // Text around an expression is kept as written; the expression runs as JavaScript, as in n8n.
        jsonOutput:
          '[\n   {\n      "fieldLabel": "Destination",\n      "fieldType": "dropdown",\n      "requiredField": true,\n      "fieldOptions": {\n        "values": {{js: $json.options }}\n      }\n   }\n]',
        formTitle: 'Select Destination',
        formDescription: 'Choose the n8n instance where the credential should be copied to',
        buttonLabel: 'Continue',
      },
    });
    expect(warnings).toEqual([]);
  });

  it('maps a form ending to its completion screen, and one that redirects with its URL as an expression', () => {
    expect(map(formMapping, 'transferDone').mapped).toEqual({
      type: 'core.form',
      parameters: {
        operation: 'completion',
        respondWith: 'text',
        completionTitle: '✅ Transfer completed',
        completionMessage: 'The credential has been transfered.',
      },
    });
    const redirect = map(formMapping, 'authRedirect').mapped.parameters;
    expect(redirect).toMatchObject({ operation: 'completion', respondWith: 'redirect' });
    expect(redirect.redirectUrl).toBe(
      "https://todoist.com/oauth/authorize?client_id={{js: $json['Client ID'] }}&scope=task:add,data:read_write,data:delete&state={{js: $json.state }}",
    );
  });

  it('gives up on a wait time limit and on an ending that returns a file', () => {
    const node = (parameters: Record<string, unknown>): N8nNode => ({
      name: 'Form',
      type: 'n8n-nodes-base.form',
      typeVersion: 1,
      parameters,
    });
    expect(() =>
      formMapping.map(new MapContext(node({ limitWaitTime: true, formFields: { values: [{ fieldLabel: 'A' }] } }), env)),
    ).toThrow('has no Flowloom equivalent');
    expect(() => formMapping.map(new MapContext(node({ operation: 'completion', respondWith: 'returnBinary' }), env))).toThrow(
      "the value 'returnBinary' has no Flowloom equivalent",
    );
  });

  it.each(['Code/1984_Code_Executecommand_Automation_Webhook.json', 'Form/1968_Form_Stickynote_Automation_Webhook.json'])(
    'imports %s with every node mapped, and the engine validates it',
    (file) => {
      const { workflow, report } = importN8nWorkflow(corpusFile(file), { source: file });
      expect(report.placeholders).toEqual([]);
      expect(report.status).toBe('imported');
      expect(workflow!.nodes.filter((n) => n.type === 'core.form')).toHaveLength(4);
      const validation = createEngine({ logger: silentLogger }).validate(workflow!);
      expect(validation.success, validation.success ? '' : validation.error.message).toBe(true);
    },
  );

  it('runs the imported credential transfer to its second page, the dropdown filled by its Code node', async () => {
    const { workflow } = importN8nWorkflow(corpusFile('Code/1984_Code_Executecommand_Automation_Webhook.json'));
    // The Code nodes run in the sandbox Node's engine brings.
    const engine = createNodeEngine({ logger: silentLogger });
    await engine.activate(workflow!);
    const server = await serveWebhooks(engine);
    try {
      const start = '/webhook/f6c627e5-e93c-4ee1-9605-ebdfa5fff286';
      const first = await fetch(new URL(start, server.url), {
        method: 'POST',
        body: new URLSearchParams({ 'field-0': '' }),
        redirect: 'manual',
      });
      expect(first.status).toBe(303);
      const second = new URL(first.headers.get('location')!, new URL(start, server.url));
      expect(second.pathname).toMatch(/^\/webhook-waiting\//);
      const page = parse(await (await fetch(second)).text()) as unknown as P5;
      const texts = (tag: string) => {
        const found: string[] = [];
        const text = (n: P5): string => (n.nodeName === '#text' ? n.value! : (n.childNodes ?? []).map(text).join(''));
        const walk = (n: P5) => {
          if (n.nodeName === tag) found.push(text(n));
          for (const c of n.childNodes ?? []) walk(c);
        };
        walk(page);
        return found;
      };
      expect(texts('h1')).toEqual(['Select Destination']);
      expect(texts('option')).toEqual(['Choose…', 'n8n-test-01']);
      expect(texts('button')).toEqual(['Continue']);
    } finally {
      await server.close();
      await engine.close();
    }
  });

  it('runs the imported post publisher: the photo sent with the form is posted, and the form ends on the screen its branch leads to', async () => {
    // The upload service, on 127.0.0.1: it answers as upload-post.com does when the post could not go out.
    const upload = await startTestHttpServer((_request, response) =>
      sendJson(response, 200, { results: { instagram: { success: false } } }),
    );
    const n8n = JSON.parse(corpusFile('Form/1968_Form_Stickynote_Automation_Webhook.json')) as { nodes: N8nNode[] };
    for (const node of n8n.nodes) {
      const url = node.parameters.url;
      if (typeof url === 'string') node.parameters.url = url.replace('https://api.upload-post.com', upload.url);
    }
    const { workflow } = importN8nWorkflow(n8n);
    const engine = createNodeEngine({ logger: silentLogger, http: { allowPrivateNetworks: true } });
    await engine.credentials.create({ id: 'DEE2XGvhGodgbAJh', name: 'Upload-post.com API', ...standInCredential('httpHeaderAuth') });
    await engine.activate(workflow!);
    const server = await serveWebhooks(engine);
    try {
      const body = new FormData();
      body.append('field-0', 'instagram');
      body.append('field-1', 'acme');
      body.append('field-2', 'Our new shop');
      body.append('field-3', new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0xe0])], { type: 'image/jpeg' }), 'shop.jpg');
      body.append('field-4', '');
      const answer = await fetch(new URL('/webhook/bb578d47-feaa-4973-96df-659089838de5', server.url), { method: 'POST', body });
      const page = await answer.text();
      expect(answer.status, page).toBe(200);
      // "Success Photo?" sends the failed post to "KO Photo", the form ending that says so.
      expect(page).toContain('<h1>Oops</h1>');
      expect(page).toContain('<p>There was an error</p>');
      // The Switch sent the JPEG down the photo branch: its request went to the photo endpoint with the caption and the file.
      expect(upload.requests.map((r) => r.url)).toEqual(['/api/upload_photos']);
      const sent = upload.requests[0]!.body.toString('latin1');
      expect(sent).toContain('Our new shop');
      expect(sent).toContain('filename="shop.jpg"');
    } finally {
      await server.close();
      await upload.close();
      await engine.close();
    }
  });
});
