import { describe, expect, it } from 'vitest';
import { FlowloomError } from '../errors/flowloom.error.js';
import { formatIssue } from '../errors/workflow-validation.error.js';
import type { WorkflowInput } from '../model/workflow.js';
import { createEngine } from '../run/engine.js';
import { silentLogger } from '../ports/logger.js';
import { fillTemplate, readTemplateMeta, templateMetaSchema, type TemplateMeta } from './template-meta.js';
import { TemplateError } from './template.error.js';

const meta = (): TemplateMeta => ({
  id: 'greet-on-start',
  name: 'Greeting',
  description: 'Builds a greeting and posts it.',
  category: 'communication',
  tags: ['greeting'],
  useCases: ['Say hello'],
  version: '1.2.0',
  placeholders: [
    {
      key: 'greeting',
      label: 'Greeting text',
      kind: 'text',
      targets: [
        { node: 'set', parameter: 'fields.0.value' },
        { node: 'post', parameter: 'url' },
      ],
      example: 'Hello',
    },
    { key: 'account', label: 'Web account', kind: 'credential', targets: [{ node: 'post', slot: 'auth' }] },
  ],
});

const template = (template: unknown = meta()): WorkflowInput => ({
  schemaVersion: 1,
  id: 'tpl',
  name: 'Greeting',
  meta: { description: 'Builds a greeting and posts it.', template },
  nodes: [
    { id: 'start', name: 'Start', type: 'core.manualTrigger' },
    {
      id: 'set',
      name: 'Greeting',
      type: 'core.set',
      parameters: { include: 'none', fields: [{ name: 'text', type: 'string', value: '' }] },
    },
    { id: 'post', name: 'Post', type: 'core.httpRequest', parameters: { method: 'POST', url: '' } },
  ],
  connections: [
    { from: { node: 'start', port: 'main' }, to: { node: 'set', port: 'main' } },
    { from: { node: 'set', port: 'main' }, to: { node: 'post', port: 'main' } },
  ],
});

/** The `path: message` lines of the TemplateError `run` throws. */
function problems(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(TemplateError);
    expect(error).toBeInstanceOf(FlowloomError);
    return (error as TemplateError).issues.map(formatIssue);
  }
  throw new Error('expected a TemplateError');
}

describe('templateMetaSchema', () => {
  it('accepts complete metadata', () => {
    expect(templateMetaSchema.parse(meta())).toEqual(meta());
  });

  it('refuses unknown properties, at any depth', () => {
    const bad = { ...meta(), author: 'x' };
    bad.placeholders[0]!.targets[0] = { ...bad.placeholders[0]!.targets[0]!, extra: 1 } as never;
    const result = templateMetaSchema.safeParse(bad);
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((issue) => issue.path.join('.')).sort()).toEqual(['', 'placeholders.0.targets.0']);
  });

  it('refuses a category outside the gallery sections, and a version that is not semver', () => {
    expect(templateMetaSchema.safeParse({ ...meta(), category: 'finance' }).success).toBe(false);
    for (const version of ['1', '1.0', 'v1.0.0', '01.0.0']) {
      expect(templateMetaSchema.safeParse({ ...meta(), version }).success, version).toBe(false);
    }
    for (const version of ['0.0.1', '1.0.0-beta.2', '2.10.3+build.7']) {
      expect(templateMetaSchema.safeParse({ ...meta(), version }).success, version).toBe(true);
    }
  });
});

describe('readTemplateMeta', () => {
  it('returns the metadata of meta.template', () => {
    expect(readTemplateMeta(template())).toEqual(meta());
  });

  it('says when the workflow has no meta.template', () => {
    expect(problems(() => readTemplateMeta({ ...template(), meta: {} }))).toEqual([
      'meta.template: is required: a template describes itself in meta.template',
    ]);
  });

  it('names the path of each bad field', () => {
    const bad = meta() as Record<string, unknown> & TemplateMeta;
    bad.version = 'latest';
    bad.placeholders[1] = { ...bad.placeholders[1]!, targets: [{ node: 'post', parameter: 'url' }] };
    expect(problems(() => readTemplateMeta(template(bad)))).toEqual([
      'meta.template.version: a template version is a semantic version such as "1.0.0"',
      "meta.template.placeholders[1].targets[0].slot: a credential placeholder's target names the credential slot its value goes to",
      'meta.template.placeholders[1].targets[0].parameter: a credential placeholder\'s target has no "parameter" (it belongs to text placeholders)',
    ]);
  });

  it('refuses two placeholders with one key', () => {
    const bad = meta();
    bad.placeholders[1]!.key = 'greeting';
    expect(problems(() => readTemplateMeta(template(bad)))).toEqual([
      'meta.template.placeholders[1].key: the key "greeting" is used by another placeholder',
    ]);
  });

  it('refuses a target node id the workflow does not have', () => {
    const bad = meta();
    bad.placeholders[0]!.targets[1]!.node = 'Post';
    expect(problems(() => readTemplateMeta(template(bad)))).toEqual([
      'meta.template.placeholders[0].targets[1].node: placeholder "greeting" (Greeting text) targets node id "Post", which is not in the workflow',
    ]);
  });
});

describe('fillTemplate', () => {
  it('writes texts into parameters and credential ids into slots, and records the source', () => {
    const source = template();
    const filled = fillTemplate(source, { greeting: 'https://example.test/hello', account: 'cred-1' });
    const nodes = Object.fromEntries(filled.nodes.map((node) => [node.id, node]));
    expect(nodes.set!.parameters).toEqual({
      include: 'none',
      fields: [{ name: 'text', type: 'string', value: 'https://example.test/hello' }],
    });
    expect(nodes.post!.parameters).toEqual({ method: 'POST', url: 'https://example.test/hello' });
    expect(nodes.post!.credentials).toEqual({ auth: 'cred-1' });
    expect(filled.meta).toEqual({
      description: 'Builds a greeting and posts it.',
      templateSource: { id: 'greet-on-start', version: '1.2.0' },
    });
  });

  it('leaves the template untouched', () => {
    const source = template();
    const before = structuredClone(source);
    fillTemplate(source, { greeting: 'x', account: 'cred-1' });
    expect(source).toEqual(before);
  });

  it('keeps the other credentials a node already has', () => {
    const source = template();
    source.nodes[2]!.credentials = { other: 'cred-0' };
    const filled = fillTemplate(source, { greeting: 'x', account: 'cred-1' });
    expect(filled.nodes[2]!.credentials).toEqual({ other: 'cred-0', auth: 'cred-1' });
  });

  it('gives a workflow the engine runs with the value in place', async () => {
    const engine = createEngine({ logger: silentLogger });
    const source = template();
    source.nodes = source.nodes.slice(0, 2);
    source.connections = source.connections!.slice(0, 1);
    const onlySet = { ...meta(), placeholders: [{ ...meta().placeholders[0]!, targets: [{ node: 'set', parameter: 'fields.0.value' }] }] };
    source.meta = { ...source.meta, template: onlySet };
    const workflow = engine.parseWorkflow(fillTemplate(source, { greeting: 'Hello {{ $json.name }}' }));
    const execution = await engine.run(workflow, { input: [{ json: { name: 'Ada' } }] });
    expect(execution.status).toBe('success');
    expect(execution.nodes.set![0]!.output.main!.map((item) => item.json)).toEqual([{ text: 'Hello Ada' }]);
  });

  it('names each placeholder whose value is missing or blank, by key and label', () => {
    expect(problems(() => fillTemplate(template(), { greeting: '  ' }))).toEqual([
      'values.greeting: placeholder "greeting" (Greeting text) needs a text, but it is empty',
      'values.account: placeholder "account" (Web account) needs the id of a credential, but none was given',
    ]);
    try {
      fillTemplate(template(), { account: 'cred-1' });
    } catch (error) {
      expect((error as TemplateError).code).toBe('TEMPLATE_VALUES_INVALID');
      expect((error as TemplateError).placeholders).toEqual(['greeting']);
      expect((error as Error).message).toBe(
        'Template "Greeting" cannot be filled (1 problem):\n  - values.greeting: placeholder "greeting" (Greeting text) needs a text, but none was given',
      );
    }
  });

  it('refuses a value for a key no placeholder has', () => {
    expect(problems(() => fillTemplate(template(), { greeting: 'x', account: 'c', acount: 'c' }))).toEqual([
      'values.acount: no placeholder has the key "acount" (the template\'s keys: "greeting", "account")',
    ]);
  });

  it('names the placeholder whose target parameter the node does not have', () => {
    const bad = meta();
    bad.placeholders[0]!.targets = [
      { node: 'set', parameter: 'fields.3.value' },
      { node: 'post', parameter: 'body.text' },
      { node: 'post', parameter: 'method.length' },
      { node: 'post', parameter: '__proto__.polluted' },
    ];
    const run = () => fillTemplate(template(bad), { greeting: 'x', account: 'c' });
    expect(problems(run)).toEqual([
      'meta.template.placeholders[0].targets[0].parameter: placeholder "greeting" (Greeting text) targets parameter "fields.3.value" of node "Greeting" (set), which the node does not have ("fields.3" is not set in the template)',
      'meta.template.placeholders[0].targets[1].parameter: placeholder "greeting" (Greeting text) targets parameter "body.text" of node "Post" (post), which the node does not have ("body" is not set in the template)',
      'meta.template.placeholders[0].targets[2].parameter: placeholder "greeting" (Greeting text) targets parameter "method.length" of node "Post" (post), but "method" holds no object or list',
      'meta.template.placeholders[0].targets[3].parameter: placeholder "greeting" (Greeting text) targets parameter "__proto__.polluted" of node "Post" (post), whose path may not contain "__proto__"',
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses a template whose metadata is not valid before looking at the values', () => {
    expect(() => fillTemplate(template({ ...meta(), category: 'misc' }), {})).toThrow(
      /meta\.template\.category: expected one of "communication", .*got "misc"/,
    );
  });
});
