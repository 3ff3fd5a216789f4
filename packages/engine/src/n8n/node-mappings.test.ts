import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { WorkflowNode } from '../model/node.js';
import { silentLogger } from '../ports/logger.js';
import { createEngine } from '../run/engine.js';
import { importN8nWorkflow, type ImportN8nResult } from './import-workflow.js';
import { NODE_MAPPINGS } from './mappers/index.js';

/** Real n8n nodes copied from the corpus (see fixtures/README.md). */
interface CorpusNode {
  source: string;
  node: { name: string; type: string; typeVersion: number; parameters: Record<string, unknown>; [key: string]: unknown };
}
const corpus = JSON.parse(readFileSync(new URL('./fixtures/corpus-nodes.json', import.meta.url), 'utf8')) as CorpusNode[];

const engine = createEngine({ logger: silentLogger });
const TRIGGER = /(Trigger|\.webhook|\.cron|\.interval|\.start)$/;

/** A workflow holding the node, after a Manual Trigger unless it is a trigger itself. */
function around(node: CorpusNode['node']): Record<string, unknown> {
  if (TRIGGER.test(node.type)) return { name: 'one node', nodes: [node], connections: {} };
  return {
    name: 'one node',
    nodes: [{ name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} }, node],
    connections: { Start: { main: [[{ node: node.name, type: 'main', index: 0 }]] } },
  };
}

function corpusNode(source: string, name: string): CorpusNode['node'] {
  const found = corpus.find((c) => c.source.includes(source) && c.node.name === name);
  if (!found) throw new Error(`no corpus node '${name}' from ${source} in fixtures/corpus-nodes.json`);
  return found.node;
}

/** Imports a corpus node on its own; the result must validate with the engine's validator. */
function importNode(source: string, name: string): ImportN8nResult & { node: WorkflowNode } {
  const result = importN8nWorkflow(around(corpusNode(source, name)));
  expect(result.workflow, result.report.refusedReason).toBeDefined();
  const validation = engine.validate(result.workflow);
  expect(validation.success, validation.success ? '' : validation.error.message).toBe(true);
  return { ...result, node: result.workflow!.nodes.find((n) => n.name === name.trim())! };
}

describe('every corpus node of a mapped type imports into a workflow that validates', () => {
  it.each(corpus.map((c) => [`${c.node.type} v${c.node.typeVersion}: ${c.node.name} (${c.source})`, c] as const))('%s', (_, c) => {
    const { workflow, report } = importN8nWorkflow(around(c.node));
    expect(workflow).toBeDefined();
    const validation = engine.validate(workflow);
    expect(validation.success, validation.success ? '' : validation.error.message).toBe(true);
    const node = workflow!.nodes.find((n) => n.name === c.node.name.trim())!;
    if (node.type === 'core.placeholder' || node.type === 'core.placeholderTrigger') {
      expect(report.placeholders).toEqual([expect.objectContaining({ n8nType: c.node.type, reason: expect.stringMatching(/\w/) })]);
      expect(node.parameters).toMatchObject({
        originalType: c.node.type,
        originalTypeVersion: c.node.typeVersion,
        originalParameters: c.node.parameters,
      });
    } else {
      expect(report.mapped).toContainEqual(expect.objectContaining({ node: node.name, n8nType: c.node.type, flowloomType: node.type }));
    }
  });

  it('exercises every mapping on at least one real node that maps, but for those the fixture holds no node of', () => {
    const mapped = new Set<string>();
    for (const c of corpus) {
      const { workflow } = importN8nWorkflow(around(c.node));
      const node = workflow?.nodes.find((n) => n.name === c.node.name.trim());
      if (node && !node.type.startsWith('core.placeholder')) mapped.add(c.node.type);
    }
    // These run from corpus nodes and whole corpus workflows in their mappers' own tests
    // (mappers/graphql.test.ts, edit-image.test.ts, form-chat.test.ts, flow.test.ts, files.test.ts, and
    // nodes/data/totp/totp.test.ts).
    expect(
      Object.keys(NODE_MAPPINGS)
        .filter((type) => !mapped.has(type))
        .sort(),
    ).toEqual(
      [
        'n8n-nodes-base.debugHelper',
        'n8n-nodes-base.editImage',
        'n8n-nodes-base.executionData',
        'n8n-nodes-base.form',
        'n8n-nodes-base.graphql',
        'n8n-nodes-base.readPDF',
        'n8n-nodes-base.totp',
      ].sort(),
    );
  });
});

describe('triggers', () => {
  it('Manual Trigger and Start', () => {
    expect(importNode('0910_Bitly', "When clicking 'Test workflow'").node).toMatchObject({ type: 'core.manualTrigger', parameters: {} });
  });

  it.each([
    ['1138_Airtable', 'Daily trigger', '0 8 * * *'],
    ['1836_Code_Googledocs', 'Cron', '0 22 1 * *'],
    ['0822_Cron_Postgres', 'Cron', '* * * * *'],
  ])('Cron %s %s fires on %s', (source, name, cronExpression) => {
    const { node, report } = importNode(source, name);
    expect(node).toMatchObject({ type: 'core.scheduleTrigger', parameters: { mode: 'cron', cronExpression } });
    expect(report.problems).toContainEqual(expect.objectContaining({ code: 'schedule-timezone', node: name }));
  });

  it.each([
    ['0910_Bitly', 'Schedule Trigger', '0 0 */1 * *'],
    ['0034_Code_Filter', 'Schedule Trigger', '*/5 * * * *'],
    ['0553_Code_Schedule', 'CRON Monday 2:45 am', '45 2 * * 1'],
  ])('Schedule Trigger %s %s fires on %s', (source, name, cronExpression) => {
    expect(importNode(source, name).node).toMatchObject({ type: 'core.scheduleTrigger', parameters: { mode: 'cron', cronExpression } });
  });

  it('Interval keeps its period (seconds by default)', () => {
    expect(importNode('0055_Signl4', 'Interval').node.parameters).toEqual({ mode: 'interval', interval: 20, unit: 'seconds' });
    expect(importNode('0211_Interval', 'Interval').node.parameters).toEqual({ mode: 'interval', interval: 1, unit: 'seconds' });
  });

  it('Webhook keeps method, path and response mode (GET by default)', () => {
    expect(importNode('0910_Bitly', 'Webhook').node.parameters).toEqual({
      httpMethod: 'GET',
      path: '5d58aa36-a90f-4ec3-ab44-2006a370ae56',
      responseMode: 'onReceived',
    });
    expect(importNode('0373_Code_Webhook', 'Webhook').node.parameters).toMatchObject({ httpMethod: 'POST', responseMode: 'onReceived' });
  });

  it('Respond to Webhook with text from an expression', () => {
    expect(importNode('0482_Code_Respondtowebhook', 'Respond to Webhook').node.parameters).toEqual({
      respondWith: 'text',
      responseBody: '{{ $json.html }}',
      responseHeaders: [],
    });
  });

  it('Execute Workflow Trigger v1.1 keeps its declared inputs, typed as text when no type is given', () => {
    const { node, report } = importNode('1681_Airtoptool', 'When Executed by Another Workflow');
    expect(node).toMatchObject({
      type: 'core.executeWorkflowTrigger',
      parameters: {
        inputSource: 'fields',
        fields: [
          { name: 'url', type: 'string' },
          { name: 'profile_name', type: 'string' },
        ],
      },
    });
    expect(report.placeholders).toEqual([]);
  });
});

describe('flow', () => {
  it('If v1 string conditions, compared loosely as n8n v1 did', () => {
    const { node, report } = importNode('0241_Asana_Notion', 'Determine create/update');
    expect(node.parameters).toEqual({
      conditions: [{ leftValue: '{{ $json.action }}', operator: 'string:equals', rightValue: 'Create' }],
      combinator: 'and',
      ignoreCase: false,
      looseTypeValidation: true,
    });
    expect(report.problems).toContainEqual(expect.objectContaining({ code: 'loose-comparison', parameter: 'conditions' }));
  });

  it('If v2 filter conditions: an object test has no right value', () => {
    expect(importNode('0034_Code_Filter', 'Is not saved').node.parameters).toEqual({
      conditions: [{ leftValue: '{{ $json }}', operator: 'object:empty' }],
      combinator: 'and',
      ignoreCase: false,
      looseTypeValidation: false,
    });
  });

  it('Filter v2 runs as JavaScript a reference to a node not connected before it (here the node is imported alone)', () => {
    const { node, report } = importNode('0034_Code_Filter', 'Get monthly playlist');
    expect(node.parameters.conditions).toEqual([
      { leftValue: '{{ $json.name }}', operator: 'string:equals', rightValue: "{{js: $('Get current date').item.json.currentDate.text }}" },
    ]);
    expect(report.expressions).toMatchObject({ total: 2, translated: 1, javascript: 1 });
    expect(report.notTranslated[0]).toMatchObject({ reason: 'notConnected', parameter: 'conditions.conditions[0].rightValue' });
  });

  it('Switch v3 rules keep their output names', () => {
    const { node } = importNode('0482_Code_Respondtowebhook', 'Switch');
    expect(node.parameters).toMatchObject({ mode: 'rules', fallbackOutput: 'none', allMatchingOutputs: false });
    expect((node.parameters.rules as { output?: string }[]).map((r) => r.output)).toEqual(['Username', 'Direct', 'Video-ID']);
  });

  it('Switch v1 rules share outputs by number, with the fallback on output 3', () => {
    const n8n = corpusNode('0946_Code_Webhook', 'DKIM');
    const targets = ['Pass', 'Fail', 'Neutral', 'Other'];
    const { workflow } = importN8nWorkflow({
      nodes: [
        ...(around(n8n).nodes as unknown[]),
        ...targets.map((name, i) => ({ name, type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [400, i * 100], parameters: {} })),
      ],
      connections: { ...(around(n8n).connections as object), DKIM: { main: targets.map((node) => [{ node, type: 'main', index: 0 }]) } },
    });
    const node = workflow!.nodes.find((n) => n.name === 'DKIM')!;
    expect(node.parameters).toMatchObject({ mode: 'rules', fallbackOutput: 'extra', looseTypeValidation: true });
    expect((node.parameters.rules as { conditions: unknown[] }[]).map((r) => r.conditions)).toEqual(
      ['spf=pass', 'spf=fail', 'spf=neutral'].map((rightValue) => [
        {
          leftValue: "{{js: $('Authentication Results Present?').item.json.header['authentication-results'] }}",
          operator: 'string:contains',
          rightValue,
        },
      ]),
    );
    const idOf = (name: string) => workflow!.nodes.find((n) => n.name === name)!.id;
    expect(workflow!.connections.filter((c) => c.from.node === node.id).map((c) => [c.from.port, c.to.node])).toEqual([
      ['output0', idOf('Pass')],
      ['output1', idOf('Fail')],
      ['output2', idOf('Neutral')],
      ['fallback', idOf('Other')],
    ]);
  });

  it.each([
    ['0910_Bitly', 'Merge', { mode: 'append' }],
    ['0034_Code_Filter', 'Merge', { mode: 'chooseBranch', output: 'empty' }],
    ['0482_Code_Respondtowebhook', 'Merga Data of Youtube & Community RSS', { mode: 'combineAll', clashHandling: 'preferInput2' }],
    ['1656_Code_Readpdf', 'Merge', { mode: 'combineByPosition', clashHandling: 'preferInput1', includeUnpaired: false }],
  ])('Merge %s %s', (source, name, parameters) => {
    expect(importNode(source, name).node.parameters).toEqual(parameters);
  });

  it('Loop Over Items: done and loop outputs, and its loop validates', () => {
    const loop = corpusNode('0910_Bitly', 'Loop Over Items');
    const { workflow, report } = importN8nWorkflow({
      nodes: [
        ...(around(loop).nodes as unknown[]),
        { name: 'Body', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [0, 0], parameters: {} },
      ],
      connections: {
        ...(around(loop).connections as object),
        'Loop Over Items': { main: [[], [{ node: 'Body', type: 'main', index: 0 }]] },
        Body: { main: [[{ node: 'Loop Over Items', type: 'main', index: 0 }]] },
      },
    });
    expect(engine.validate(workflow).success).toBe(true);
    expect(report.problems.filter((p) => p.code === 'cycle')).toEqual([]);
    const node = workflow!.nodes.find((n) => n.name === 'Loop Over Items')!;
    expect(node).toMatchObject({ type: 'core.splitInBatches', parameters: { batchSize: 1 } });
    expect(workflow!.connections.find((c) => c.from.node === node.id)!.from.port).toBe('loop');
  });

  it('Wait: an interval, with version 1.1 defaults of 5 seconds', () => {
    expect(importNode('1261_Airtabletool', 'Wait 1 Minute').node.parameters).toEqual({
      resume: 'timeInterval',
      amount: 1,
      unit: 'minutes',
    });
    expect(importNode('0537_Localfile_Wait', '2secs').node.parameters).toEqual({ resume: 'timeInterval', amount: 5, unit: 'seconds' });
  });

  it('Stop and Error: a fixed message written as an expression without braces', () => {
    expect(importNode('0719_Stopanderror', 'Stop and Error').node.parameters).toEqual({
      errorType: 'message',
      message: 'Apify Auth Error! Check your API token is valid and make sure you put "Bearer <api_key>" if using HeaderAuth.',
    });
  });

  it('Execute Workflow: the id from a resource locator or an expression', () => {
    expect(importNode('1836_Code_Googledocs', 'Execute Workflow - Sql Agent').node.parameters).toEqual({
      source: 'database',
      workflowId: '5367xTgfv61uFvHl',
      mode: 'once',
      waitForCompletion: true,
    });
    expect(importNode('0604_Jiratool', 'Execute Workflow').node.parameters).toEqual({
      source: 'database',
      workflowId: '{{ $workflow.id }}',
      mode: 'each',
    });
  });

  it('No Operation', () => {
    expect(importNode('0910_Bitly', 'Replace Me').node).toMatchObject({ type: 'core.noOp', parameters: {} });
  });
});

describe('data', () => {
  it('Edit Fields v1: an expression keeps its type; keep only set', () => {
    expect(importNode('1138_Airtable', 'Filter data ').node.parameters).toEqual({
      mode: 'manual',
      fields: [
        { name: 'English word', type: 'expression', value: '{{js:$node["Translate"].json["source"]}}' },
        { name: 'Translated word', type: 'expression', value: '{{js:$node["Translate"].json["result"]}}' },
      ],
      include: 'none',
      dotNotation: true,
    });
  });

  it('Edit Fields v3.4 assignments become fields; other fields are dropped by default', () => {
    expect(importNode('1261_Airtabletool', 'Format Fields').node.parameters).toEqual({
      mode: 'manual',
      fields: [{ name: 'SoMe Text', type: 'string', value: '{{ $json.output }}' }],
      include: 'none',
      dotNotation: true,
      ignoreConversionErrors: false,
      includeBinary: true,
    });
  });

  it('Edit Fields v3.3 runs JavaScript as JavaScript and translates bracket references', () => {
    const { node, report } = importNode('1665_Bannerbear', 'Set Parameters');
    const fields = node.parameters.fields as { name: string; value: string }[];
    expect(fields.find((f) => f.name === 'title')!.value).toBe('{{ $json["Title of Event"] }}');
    expect(fields.find((f) => f.name === 'template_id')!.value).toMatch(/^\{\{js: \{\n'AI Meetup Template'/);
    expect(report.expressions).toMatchObject({ translated: 4, javascript: 1 });
  });

  it('Edit Fields v3.2 field types, with n8n defaults for values left out', () => {
    const { workflow } = importN8nWorkflow(
      JSON.parse(readFileSync(new URL('./fixtures/workflows/1164_Stopanderror_Code_Automation_Triggered.json', import.meta.url), 'utf8')),
    );
    expect(workflow!.nodes.find((n) => n.name === 'Set Verified to True')!.parameters).toMatchObject({
      fields: [{ name: 'signature_verified', type: 'boolean', value: false }],
      include: 'none',
    });
  });

  it.each([
    ['1374_Aggregate', 'Aggregate', { aggregate: 'allItemData', destinationField: 'messages', include: 'all', includeBinaries: false }],
    [
      '0482_Code_Respondtowebhook',
      'Aggregate',
      {
        aggregate: 'individualFields',
        fields: [{ field: 'rss', renameTo: 'rss url' }],
        mergeLists: false,
        keepMissing: false,
        includeBinaries: false,
      },
    ],
  ])('Aggregate %s %s', (source, name, parameters) => {
    expect(importNode(source, name).node.parameters).toEqual(parameters);
  });

  it('Split Out keeping the other fields', () => {
    expect(importNode('0660_Calendly', 'Split Out guest bookings').node.parameters).toEqual({ fieldToSplitOut: 'guests', include: 'all' });
  });

  it('Sort compares text as JavaScript does', () => {
    expect(importNode('0758_Schedule_Manual', 'Sort by date').node.parameters).toEqual({
      mode: 'fields',
      fields: [{ field: 'CreatedDate', order: 'desc' }],
      textOrder: 'codePoint',
      dotNotation: true,
    });
  });

  it('Limit with n8n defaults', () => {
    expect(importNode('1374_Aggregate', 'Limit').node.parameters).toEqual({ maxItems: 1, keep: 'first' });
  });

  it('Remove Duplicates by chosen fields', () => {
    expect(importNode('1854_Removeduplicates', 'Remove Duplicate IPs').node.parameters).toEqual({
      compare: 'selectedFields',
      fields: 'ip',
    });
  });

  it('Summarize: concatenate per group with the separator given', () => {
    expect(importNode('0971_Limit_Splitout', 'Concatenate').node.parameters).toEqual({
      fieldsToSummarize: [{ aggregation: 'concatenate', field: 'transcript.text', separator: ' ', includeEmpty: false }],
      groupBy: 'youtubeId',
      continueIfFieldNotFound: false,
    });
  });

  it('Rename Keys, with an expression in the new name kept for the JavaScript step', () => {
    const { node, report } = importNode('1977_Wait_Splitout', 'Pluralize key');
    expect(node.parameters).toEqual({
      keys: [{ currentKey: 'employee', newKey: 'employee{{js: $if($json.employee.length > 1,"s","") }}' }],
    });
    expect(report.expressions.javascript).toBe(1);
  });

  it('Date & Time v2: subtract, and the current date in a zone', () => {
    expect(importNode('0682_Datetime_Schedule', 'Get 5 Minute Ago Timestamp').node.parameters).toEqual({
      operation: 'subtract',
      date: '{{js: $now.toUTC() }}',
      amount: 5,
      unit: 'minutes',
      outputField: 'queryDate',
    });
    expect(importNode('0570_Splitout_Datetime', 'get Date & Time').node.parameters).toEqual({
      operation: 'currentDate',
      outputField: 'currentDate',
      timezone: 'America/Sao_Paulo',
    });
  });

  it('Date & Time v1: its Moment.js format in Luxon tokens, names in English as Moment writes them', () => {
    expect(importNode('0159_Datetime_Functionitem', 'Format Date').node.parameters).toEqual({
      operation: 'format',
      date: '{{ $json.date }}',
      format: 'yyyy-MM-dd',
      locale: 'en',
      outputField: 'date',
    });
  });

  it('Crypto hash of an expression', () => {
    expect(importNode('0042_Crypto_Airtable', 'Crypto').node.parameters).toEqual({
      action: 'hash',
      algorithm: 'SHA256',
      value: '{{js:$node["Extract URL"].json["url"]}}',
      encoding: 'hex',
      dataPropertyName: 'data',
    });
  });

  it('Crypto HMAC with the secret left empty signs with an empty key, as n8n does', () => {
    const { node, report } = importNode('1740_Webhook_Respondtowebhook', 'Calculate sha256');
    expect(node).toMatchObject({ type: 'core.crypto', parameters: { action: 'hmac', algorithm: 'SHA256', secret: '' } });
    expect(report.placeholders).toEqual([]);
  });

  it('Convert to File (JSON) and Extract from File (JSON)', () => {
    expect(importNode('1356_Code_Webhook', 'Create Settings File').node.parameters).toEqual({
      operation: 'toJson',
      mode: 'allItems',
      binaryProperty: 'data',
      fileName: '{{js: $json.settingsFilePath }}/widget-app-settings.json',
      pretty: false,
    });
    expect(importNode('1356_Code_Webhook', 'Extract Installation Settings').node.parameters).toEqual({
      operation: 'json',
      binaryProperty: 'data',
      destinationKey: 'data',
    });
  });
});

describe('code and HTTP', () => {
  it('Code v2 keeps its JavaScript', () => {
    const n8n = corpusNode('0910_Bitly', 'Code');
    expect(importNode('0910_Bitly', 'Code').node.parameters).toEqual({ mode: 'allItems', code: n8n.parameters.jsCode });
  });

  it('Code in Python is kept as a placeholder', () => {
    const { report } = importNode('1728_Code_Filter', 'Split in batches, generate uuids for Qdrant points');
    expect(report.placeholders[0]).toMatchObject({ parameter: 'language' });
  });

  it('Function Item runs its code with `item` bound to the JSON, the source unchanged inside', () => {
    const n8n = corpusNode('0025_Manual_Uproc', 'Create IP and Email Item');
    const code = importNode('0025_Manual_Uproc', 'Create IP and Email Item').node.parameters.code as string;
    expect(code).toContain(`\n${n8n.parameters.functionCode as string}\n`);
    expect(importNode('0025_Manual_Uproc', 'Create IP and Email Item').node.parameters.mode).toBe('eachItem');
  });

  it('HTTP Request v4.2: multipart file, query and the credential slot to fill', () => {
    const { node, report } = importNode('1665_Bannerbear', 'Upload to Cloudinary');
    expect(node.parameters).toEqual({
      method: 'POST',
      url: 'https://api.cloudinary.com/v1_1/daglih2g8/image/upload',
      query: [{ name: 'upload_preset', value: 'n8n-workflows-preset' }],
      headers: [],
      bodyType: 'multipart',
      multipartFields: [{ name: 'file', binaryProperty: 'data' }],
      responseFormat: 'auto',
    });
    expect(node.credentials).toEqual({ auth: 'sT9jeKzZiLJ3bVPz' });
    expect(report.credentials).toEqual([
      { node: 'Upload to Cloudinary', slot: 'auth', n8nType: 'httpQueryAuth', name: 'Cloudinary API', n8nId: 'sT9jeKzZiLJ3bVPz' },
    ]);
  });

  it('HTTP Request v4.1: a JSON body built from a template stays a template', () => {
    const { node } = importNode('0651_Code_Schedule', 'Create Meal Plan');
    expect(node.parameters).toMatchObject({
      method: 'POST',
      url: "{{js: $('Config').first().json.mealieBaseUrl }}/api/households/mealplans",
      bodyType: 'json',
      responseFormat: 'json',
    });
    expect(typeof node.parameters.jsonBody).toBe('string');
  });

  it('HTTP Request v1: the String format reads the answer as text, with the timeout set', () => {
    const { node, report } = importNode('0159_Datetime_Functionitem', 'Fetch Website');
    expect(report.placeholders).toEqual([]);
    expect(node.parameters).toMatchObject({ method: 'GET', responseFormat: 'text', timeoutMs: 10000 });
  });
});
