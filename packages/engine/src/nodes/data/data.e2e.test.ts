import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Item } from '../../model/item.js';
import { runBuiltCli, runCliIn } from '../../testing/run-cli-in-process.node.js';
import { silentLogger } from '../../ports/logger.js';
import { createEngine } from '../../run/engine.js';
import type { Execution } from '../../model/execution.js';
import { createTestClock } from '../../testing/test-clock.js';

const fixtures = fileURLToPath(new URL('./shared/fixtures/', import.meta.url));
const workflowFile = `${fixtures}sales-report.workflow.json`;
const inputFile = `${fixtures}orders.input.json`;

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

/** What every way of running the report must produce; returns the CSV text. */
function expectReport(execution: Execution): string {
  expect(execution.status).toBe('success');
  const json = (id: string) => (execution.nodes[id]?.[0]?.output.main ?? []).map((i: Item) => i.json);
  expect(json('lines')).toHaveLength(9);
  expect(json('dedupe')).toHaveLength(8);
  expect(json('totals')).toEqual([
    { product: 'pen', unitsSold: 14, orders: 3, customers: ['Ada', 'Bob', 'Ada'] },
    { product: 'ink', unitsSold: 1, orders: 1, customers: ['Ada'] },
    { product: 'pad', unitsSold: 3, orders: 2, customers: ['Bob', 'Ada'] },
    { product: 'clip', unitsSold: 50, orders: 1, customers: ['Cy'] },
  ]);
  const stamped = json('stamp');
  expect(stamped.map(({ generatedAt, ...rest }) => (expect(generatedAt).toMatch(ISO), rest))).toEqual([
    { product: 'clip', unitsSold: 50, orders: 1, period: '2024-05' },
    { product: 'pen', unitsSold: 14, orders: 3, period: '2024-05' },
    { product: 'pad', unitsSold: 3, orders: 2, period: '2024-05' },
  ]);
  expect(json('summary')).toEqual([{ topProducts: ['clip', 'pen', 'pad'] }]);
  const checked = execution.nodes.checksum?.[0]?.output.main?.[0];
  const file = checked?.binary?.data;
  expect(file).toMatchObject({ mimeType: 'text/csv', fileName: 'top-products.csv' });
  const csv = Buffer.from(file!.data!, 'base64').toString('utf8');
  const at = stamped.map((s) => s.generatedAt as string);
  expect(csv).toBe(
    `product,unitsSold,orders,period,generatedAt\nclip,50,1,2024-05,${at[0]}\npen,14,3,2024-05,${at[1]}\npad,3,2,2024-05,${at[2]}`,
  );
  expect(checked?.json.sha256).toBe(createHash('sha256').update(csv).digest('hex'));
  return csv;
}

describe('data nodes end to end: sales report from an order export', () => {
  it('runs through engine.run', async () => {
    const engine = createEngine({ logger: silentLogger, clock: createTestClock({ start: Date.parse('2024-06-01T08:00:00Z') }) });
    const workflow = engine.parseWorkflow(JSON.parse(await readFile(workflowFile, 'utf8')));
    const input = JSON.parse(await readFile(inputFile, 'utf8')) as Item[];
    const csv = expectReport(await engine.run(workflow, { input }));
    expect(csv).toContain('clip,50,1,2024-05,2024-06-01T08:00:00.000Z');
  });

  it('runs through the flowloom run command in-process', async () => {
    const { code, stdout, stderr } = await runCliIn(fixtures, ['run', workflowFile, '--input', inputFile]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expectReport(JSON.parse(stdout) as Execution);
  });

  it('runs through the built flowloom bin', () => {
    const { code, stdout, stderr } = runBuiltCli(fixtures, ['run', 'sales-report.workflow.json', '--input', 'orders.input.json']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expectReport(JSON.parse(stdout) as Execution);
  });

  it('fails the run naming the node and parameter when the upload is not JSON', async () => {
    const engine = createEngine({ logger: silentLogger });
    const workflow = engine.parseWorkflow(JSON.parse(await readFile(workflowFile, 'utf8')));
    const input: Item[] = [
      { json: {}, binary: { data: { mimeType: 'application/json', data: Buffer.from('orderId,qty').toString('base64') } } },
    ];
    const execution = await engine.run(workflow, { input });
    expect(execution.status).toBe('error');
    expect(execution.error?.message).toMatch(/^Node 'Read Export': parameter 'binaryProperty' names 'data', whose file is not valid JSON/);
    expect(execution.nodes.orders).toBeUndefined();
  });
});
