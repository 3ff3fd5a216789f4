import { describe, expect, it } from 'vitest';
import { importN8nWorkflow } from '../n8n/import-workflow.js';
import { codeReadsOf, EACH, parsedKey } from './n8n-code-reads.js';
import { envNamesOf, sampleDataOf } from './n8n-sample-data.js';

const paths = (code: string) => codeReadsOf(code).reads.map((r) => [r.path, r.hint ?? null]);

/** The sample data of an n8n export made of `nodes` (chained in order, each with its parameters). */
function sampleOf(nodes: { type: string; typeVersion?: number; parameters: Record<string, unknown> }[]) {
  const n8n = {
    nodes: nodes.map((n, i) => ({ id: `n${i}`, name: `Node ${i}`, typeVersion: 1, position: [i * 200, 0], ...n })),
    connections: Object.fromEntries(
      nodes.slice(1).map((_, i) => [`Node ${i}`, { main: [[{ node: `Node ${i + 1}`, type: 'main', index: 0 }]] }]),
    ),
  };
  const { workflow, report } = importN8nWorkflow(JSON.stringify(n8n));
  if (!workflow || report.placeholders.length > 0) throw new Error('the test workflow did not import');
  return sampleDataOf(n8n, workflow);
}

describe('codeReadsOf', () => {
  it('follows a local variable holding the item json into the fields read through it', () => {
    const code = `
      function signed(request) { return request.headers["x-signature-time"]; }
      const request = $input.first().json;
      return { time: signed(request), signature: request.headers['x-signature'] };`;
    expect(paths(code)).toEqual(
      expect.arrayContaining([
        [['headers', 'x-signature-time'], null],
        [['headers', 'x-signature'], null],
      ]),
    );
  });

  it('reads the fields destructured from the item json, and what the callbacks of their lists read', () => {
    const code = `const { coords } = $input.first().json;
      return coords.filter(c => c.box.length === 4).map(c => ({ x: c.box[1] * 2 }));`;
    expect(paths(code)).toEqual(
      expect.arrayContaining([
        [['coords'], 'list'],
        [['coords', EACH, 'box'], null],
        [['coords', EACH, 'box', 1], 'number'],
      ]),
    );
  });

  it('follows the elements of lists flattened by callbacks and of lists passed to local functions', () => {
    const slides = `return $input.all().flatMap(item => item.json.slides).flatMap(s => s.pageElements.filter(e => e.image));`;
    expect(paths(slides)).toEqual(
      expect.arrayContaining([
        [['slides'], 'list'],
        [['slides', EACH, 'pageElements'], 'list'],
        [['slides', EACH, 'pageElements', EACH, 'image'], null],
      ]),
    );
    const servers = `function names(list) { return list.map(server => server.tags.join(', ')); }
      return names($json.servers);`;
    expect(paths(servers)).toEqual(expect.arrayContaining([[['servers', EACH, 'tags'], 'list']]));
  });

  it('collects what is read from a text parsed as JSON apart, under the key of the text parsed', () => {
    const reads = codeReadsOf('={{ $json.answer.text.parseJson().title }}');
    expect(reads.parsed).toEqual([['answer', 'text']]);
    expect(reads.reads.map((r) => r.path)).toContainEqual([parsedKey(['answer', 'text']), 'title']);
    expect(
      codeReadsOf('const data = JSON.parse($json.content); return data.items.map(i => i.name);').reads.map((r) => r.path),
    ).toContainEqual([parsedKey(['content']), 'items', EACH, 'name']);
  });

  it('names the variables read from $env', () => {
    expect(codeReadsOf("={{ $env.WEBHOOK_URL }}/hook?key={{ $env['API_KEY'] }}").env).toEqual(['WEBHOOK_URL', 'API_KEY']);
  });
});

describe('sampleDataOf', () => {
  it('gives an Edit Fields field of type array a list, and one of type number a number', () => {
    const sample = sampleOf([
      { type: 'n8n-nodes-base.manualTrigger', parameters: {} },
      {
        type: 'n8n-nodes-base.set',
        typeVersion: 3.4,
        parameters: {
          assignments: {
            assignments: [
              { id: 'a', name: 'list', type: 'array', value: '={{ $json.responses[0][1].list }}' },
              { id: 'b', name: 'count', type: 'number', value: '={{ $json.stats.visitors_seen }}' },
            ],
          },
        },
      },
    ]);
    expect(Array.isArray((sample.responses as Record<string, unknown>[][])[0]![1]!.list)).toBe(true);
    expect((sample.stats as Record<string, unknown>).visitors_seen).toBe(42);
  });

  it('makes a text parsed into an Edit Fields field JSON of what is read from that field later', () => {
    const sample = sampleOf([
      { type: 'n8n-nodes-base.manualTrigger', parameters: {} },
      {
        type: 'n8n-nodes-base.set',
        typeVersion: 3.4,
        parameters: {
          assignments: { assignments: [{ id: 'a', name: 'boxes', type: 'array', value: '={{ $json.reply.text.parseJson() }}' }] },
        },
      },
      {
        type: 'n8n-nodes-base.code',
        typeVersion: 2,
        parameters: { jsCode: 'return $json.boxes.map(b => ({ json: { left: b.left * 2 } }));' },
      },
    ]);
    const parsed = JSON.parse((sample.reply as { text: string }).text) as { left: unknown }[];
    expect(Array.isArray(parsed)).toBe(true);
    expect(parsed.length).toBeGreaterThan(0);
    expect(parsed.every((b) => b.left === 42)).toBe(true);
    expect(Object.keys(sample).some((k) => k.startsWith('\u0000'))).toBe(false);
  });

  it('names the $env variables a workflow reads', () => {
    const n8n = { nodes: [{ parameters: { url: '={{ $env.WEBHOOK_URL }}/webhook/target' } }] };
    expect(envNamesOf(n8n)).toEqual(['WEBHOOK_URL']);
  });
});
