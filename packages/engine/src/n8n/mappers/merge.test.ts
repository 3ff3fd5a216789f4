import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../ports/logger.js';
import { createEngine } from '../../run/engine.js';
import { importN8nWorkflow } from '../import-workflow.js';

/** The 400 real n8n workflows (see its README and ATTRIBUTION.md); FLOWLOOM_N8N_CORPUS points elsewhere. */
const CORPUS = process.env.FLOWLOOM_N8N_CORPUS ?? new URL('../../../../../../shared/corpus/n8n-workflows', import.meta.url).pathname;

const engine = createEngine({ logger: silentLogger });

/** Imports a corpus workflow; it must validate. */
function imported(file: string) {
  const result = importN8nWorkflow(readFileSync(join(CORPUS, 'workflows', file), 'utf8'), { source: file });
  const validation = engine.validate(result.workflow);
  expect(validation.success, validation.success ? '' : validation.error.message).toBe(true);
  return result;
}

describe("n8n's Merge with more than two inputs (numberInputs)", () => {
  it('keeps its five inputs, each n8n connection on the port of its index', () => {
    const { workflow, report } = imported('Webhook/1897_Webhook_Filter_Sync_Webhook.json');
    const merge = workflow!.nodes.find((n) => n.name === 'Merge summary')!;
    expect(report.placeholders.map((p) => p.node)).not.toContain('Merge summary');
    expect(merge).toMatchObject({ type: 'core.merge', parameters: { numberInputs: 5, mode: 'append' } });
    const names = new Map(workflow!.nodes.map((n) => [n.id, n.name]));
    const into = workflow!.connections.filter((c) => c.to.node === merge.id).map((c) => [names.get(c.from.node), c.to.port]);
    // n8n's connections into 'Merge summary', by input index (the corpus file).
    expect(into.sort((a, b) => String(a[1]).localeCompare(String(b[1])))).toEqual([
      ['Merge', 'input1'],
      ['Get mapped item2', 'input2'],
      ['Prepare summary data', 'input3'],
      ['Prepare summary data1', 'input4'],
      ['Prepare summary data2', 'input5'],
    ]);
  });

  it('maps Choose Branch and Combine by Position over several inputs', () => {
    const monday = imported('Mondaycom/1974_Mondaycom_Schedule_Send_Scheduled.json').workflow!;
    expect(monday.nodes.find((n) => n.name === 'Merge')?.parameters).toMatchObject({ numberInputs: 4, mode: 'chooseBranch' });
    const linkedin = imported('Linkedin/1342_Linkedin_Telegram_Automate_Webhook.json').workflow!;
    expect(linkedin.nodes.find((n) => n.name === 'Merge')?.parameters).toMatchObject({
      numberInputs: 3,
      mode: 'combineByPosition',
      includeUnpaired: true,
    });
  });
});

/** An n8n workflow: two pinned inputs into a Merge with the given parameters. */
function mergeOf(parameters: Record<string, unknown>, typeVersion: number, input1: unknown[], input2: unknown[]) {
  const node = (name: string, type: string, extra: Record<string, unknown> = {}) => ({
    name,
    type: `n8n-nodes-base.${type}`,
    typeVersion: 1,
    position: [0, 0],
    parameters: {},
    ...extra,
  });
  const to = (name: string, index: number) => ({ main: [[{ node: name, type: 'main', index }]] });
  return {
    name: 'merge',
    nodes: [node('Start', 'manualTrigger'), node('A', 'noOp'), node('B', 'noOp'), node('Merge', 'merge', { typeVersion, parameters })],
    connections: {
      Start: {
        main: [
          [
            { node: 'A', type: 'main', index: 0 },
            { node: 'B', type: 'main', index: 0 },
          ],
        ],
      },
      A: to('Merge', 0),
      B: to('Merge', 1),
    },
    pinData: { Start: [{ json: {} }], A: input1.map((json) => ({ json })), B: input2.map((json) => ({ json })) },
  };
}

async function mergeOutput(doc: ReturnType<typeof mergeOf>) {
  const { workflow, report } = importN8nWorkflow(doc);
  expect(report.placeholders).toEqual([]);
  const execution = await engine.run(workflow!);
  expect(execution.status).toBe('success');
  const merge = workflow!.nodes.find((n) => n.name === 'Merge')!;
  return execution.nodes[merge.id]?.[0]?.output.main?.map((i) => i.json);
}

// Templates made in one service (input 1, by unified_name) and those already in the other (input 2, by
// braze_template_name): n8n's Keep Non-Matches gives the input 1 items with no match, then the input 2 items with
// none, each with `_source` naming its input (Output Data From 'both', the default).
const campaigns = [
  { unified_name: 'spring-1', id: '1' },
  { unified_name: 'summer-2', id: '2' },
  { unified_name: 'autumn-3', id: '3' },
];
const templates = [
  { braze_template_name: 'summer-2', email_template_id: 't2' },
  { braze_template_name: 'winter-9', email_template_id: 't9' },
];

describe("n8n's Merge Keep Non-Matches", () => {
  it('maps the corpus Merge that finds templates not yet created, and leaves its sibling as it was', () => {
    const { workflow, report } = imported('Splitout/0774_Splitout_Code_Automate_Webhook.json');
    expect(report.placeholders.map((p) => p.node)).not.toContain('Not existing In Braze');
    const fields = [{ field1: 'unified_name', field2: 'braze_template_name' }];
    expect(workflow!.nodes.find((n) => n.name === 'Not existing In Braze')?.parameters).toEqual({
      mode: 'combineByFields',
      fields,
      joinMode: 'nonMatches',
      multipleMatches: 'all',
      fuzzyCompare: false,
    });
    expect(workflow!.nodes.find((n) => n.name === 'Existing In Braze')?.parameters).toEqual({
      mode: 'combineByFields',
      fields,
      joinMode: 'inner',
      multipleMatches: 'all',
      fuzzyCompare: false,
      clashHandling: 'preferInput2',
    });
  });

  it("runs the corpus Merge's parameters (v3, both inputs) with n8n's output", async () => {
    const corpus = JSON.parse(readFileSync(join(CORPUS, 'workflows', 'Splitout/0774_Splitout_Code_Automate_Webhook.json'), 'utf8')) as {
      nodes: { name: string; parameters: Record<string, unknown> }[];
    };
    const parameters = corpus.nodes.find((n) => n.name === 'Not existing In Braze')!.parameters;
    expect(await mergeOutput(mergeOf(parameters, 3, campaigns, templates))).toEqual([
      { unified_name: 'spring-1', id: '1', _source: 'input1' },
      { unified_name: 'autumn-3', id: '3', _source: 'input1' },
      { braze_template_name: 'winter-9', email_template_id: 't9', _source: 'input2' },
    ]);
  });

  it.each([
    ['input1', [campaigns[0], campaigns[2]]],
    ['input2', [templates[1]]],
  ])("v2.1 with Output Data From '%s' gives that input's non-matches as they are", async (outputDataFrom, expected) => {
    const parameters = {
      mode: 'combine',
      options: {},
      joinMode: 'keepNonMatches',
      mergeByFields: { values: [{ field1: 'unified_name', field2: 'braze_template_name' }] },
      outputDataFrom,
    };
    expect(await mergeOutput(mergeOf(parameters, 2.1, campaigns, templates))).toEqual(expected);
  });

  it("maps Keep Matches with one input's data, with no clash handling to carry", () => {
    const parameters = { mode: 'combine', combineBy: 'combineByFields', fieldsToMatchString: 'id', outputDataFrom: 'input2', options: {} };
    const { workflow, report } = importN8nWorkflow(mergeOf(parameters, 3, [], []));
    expect(report.problems.filter((p) => p.code === 'merge-nested')).toEqual([]);
    expect(workflow!.nodes.find((n) => n.name === 'Merge')?.parameters).toEqual({
      mode: 'combineByFields',
      fields: [{ field1: 'id', field2: 'id' }],
      joinMode: 'inner',
      outputDataFrom: 'input2',
      multipleMatches: 'all',
      fuzzyCompare: false,
    });
  });
});

// Merge v1's key modes, with the outputs n8n's Merge v1 source gives for them: keys compared as text; an item of
// input 1 without a usable key (missing, true/false) is left out of Merge by Key; an input 2 item with an empty key
// matches nothing; the last input 2 item with a key wins; input 2's key field is not copied, its other fields are
// written over input 1's as `overwrite` says.
const people = [
  { id: '1', name: 'Ada', city: '' },
  { id: 2, name: 'Bob' },
  { name: 'NoKey' },
  { id: true, name: 'Bool' },
  { id: '', name: 'Empty' },
  { id: '3', name: 'Cy' },
  { id: '9', name: 'Nine' },
];
const places = [
  { uid: 1, city: 'London', id: 'x1' },
  { uid: '2', city: 'Paris' },
  { uid: '2', city: 'Rome' },
  { uid: '', city: 'Nowhere' },
  { uid: '3', name: 'Cyril', city: null },
];
const byKey = (mode: string, extra: Record<string, unknown> = {}) =>
  mergeOf({ mode, propertyName1: 'id', propertyName2: 'uid', ...extra }, 1, people, places);

describe("n8n's Merge v1 by key", () => {
  it('Merge by Key overwrites always by default', async () => {
    expect(await mergeOutput(byKey('mergeByKey'))).toEqual([
      { id: 'x1', name: 'Ada', city: 'London' },
      { id: 2, name: 'Bob', city: 'Rome' },
      { id: '', name: 'Empty' },
      { id: '3', name: 'Cyril', city: null },
      { id: '9', name: 'Nine' },
    ]);
  });

  it("Merge by Key with overwrite 'blank' fills only missing, null and empty values", async () => {
    expect(await mergeOutput(byKey('mergeByKey', { overwrite: 'blank' }))).toEqual([
      { id: '1', name: 'Ada', city: 'London' },
      { id: 2, name: 'Bob', city: 'Rome' },
      { id: '', name: 'Empty' },
      { id: '3', name: 'Cy', city: null },
      { id: '9', name: 'Nine' },
    ]);
  });

  it("Merge by Key with overwrite 'undefined' only adds fields input 1 lacks", async () => {
    expect(await mergeOutput(byKey('mergeByKey', { overwrite: 'undefined' }))).toEqual([
      { id: '1', name: 'Ada', city: '' },
      { id: 2, name: 'Bob', city: 'Rome' },
      { id: '', name: 'Empty' },
      { id: '3', name: 'Cy', city: null },
      { id: '9', name: 'Nine' },
    ]);
  });

  it("Keep Key Matches gives input 1's matching items, Remove Key Matches the others", async () => {
    expect(await mergeOutput(byKey('keepKeyMatches'))).toEqual([people[0], people[1], people[5]]);
    expect(await mergeOutput(byKey('removeKeyMatches'))).toEqual([people[2], people[3], people[4], people[6]]);
  });

  it("passes input 1's items on when a key name is missing", async () => {
    expect(await mergeOutput(mergeOf({ mode: 'mergeByKey', propertyName1: 'id' }, 1, people, places))).toEqual(people);
  });

  it('maps the corpus Merges by Key', () => {
    const zendesk = importN8nWorkflow(
      readFileSync(join(CORPUS, 'workflows', 'Zendesk/0286_Zendesk_HubSpot_Create_Scheduled.json'), 'utf8'),
    );
    expect(zendesk.report.placeholders.map((p) => p.node)).not.toContain('Add user data');
    expect(zendesk.workflow!.nodes.find((n) => n.name === 'Add user data')?.parameters).toEqual({
      mode: 'combineByFields',
      fields: [{ field1: 'requester_id', field2: 'id' }],
      joinMode: 'left',
      multipleMatches: 'last',
      textKeys: true,
      omitMatchFields: true,
      clashHandling: 'preferInput2',
    });
    const { report } = imported('Pipedrive/0249_Pipedrive_Stickynote_Create_Webhook.json');
    expect(report.placeholders.map((p) => p.node)).not.toContain('Merge');
  });

  it("names 'mergeByPropertyName' as no mode of version 1", () => {
    const { report } = importN8nWorkflow(mergeOf({ mode: 'mergeByPropertyName', propertyName: 'reviewId' }, 1, [], []));
    expect(report.placeholders[0]?.reason).toContain("'mergeByPropertyName' is not a mode of n8n's Merge version 1");
  });
});

describe("n8n's Merge v1 by index", () => {
  const a = [{ a: 1, n: 'a1' }, { a: 2 }, { a: 3 }];
  const b = [{ b: 1, n: 'b1' }];
  it('joins as many items as input 1 has when the join is not given (left, n8n’s default)', async () => {
    expect(await mergeOutput(mergeOf({ mode: 'mergeByIndex' }, 1, a, b))).toEqual([{ a: 1, n: 'b1', b: 1 }, { a: 2 }, { a: 3 }]);
    expect(await mergeOutput(mergeOf({ mode: 'mergeByIndex' }, 1, b, a))).toEqual([{ b: 1, n: 'a1', a: 1 }]);
  });

  it('joins as many as the shorter input (inner) or the longer (outer)', async () => {
    expect(await mergeOutput(mergeOf({ mode: 'mergeByIndex', join: 'inner' }, 1, a, b))).toEqual([{ a: 1, n: 'b1', b: 1 }]);
    expect(await mergeOutput(mergeOf({ mode: 'mergeByIndex', join: 'outer' }, 1, b, a))).toEqual([
      { b: 1, n: 'a1', a: 1 },
      { a: 2 },
      { a: 3 },
    ]);
  });

  it('maps the corpus Merge by index that gives its join no value', () => {
    const { report, workflow } = imported('Manual/0137_Manual_Editimage_Create_Webhook.json');
    expect(report.placeholders.map((p) => p.node)).not.toContain('Merge');
    expect(workflow!.nodes.find((n) => n.name === 'Merge')?.parameters).toEqual({
      mode: 'combineByPosition',
      includeUnpaired: true,
      unpairedFrom: 'input1',
      clashHandling: 'preferInput2',
    });
  });
});
