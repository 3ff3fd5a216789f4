import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { createEngine, silentLogger, type NodeRun } from '@flowloom/engine';
import { importN8nWorkflow } from '@flowloom/engine/n8n';
import { createNodeCodeSandbox } from '@flowloom/engine/node';
import { createTestClock } from '@flowloom/engine/testing';

// Real Code, Function and Function Item nodes from the n8n workflow collection (fixtures/README.md),
// imported as they are and run on sample items. Each expectation follows from n8n's documented
// semantics; dates and Intl formats are checked against luxon and Intl run here.

interface Fixture {
  source: string;
  node: { name: string; type: string; parameters: Record<string, unknown>; executeOnce?: boolean };
}
const fixtures = JSON.parse(readFileSync(new URL('./fixtures/n8n-code-nodes.json', import.meta.url), 'utf8')) as Fixture[];

const sandbox = createNodeCodeSandbox();
afterAll(() => sandbox.close());

const START = Date.UTC(2025, 4, 6, 9, 15, 0);
type Json = Record<string, unknown>;

/** Imports trigger -> pinned nodes in a chain -> the fixture named `name`, runs it, and returns its run. */
async function runFixture(name: string, upstream: [string, Json[]][]): Promise<{ run: NodeRun; json?: Json[] }> {
  const fixture = fixtures.find((f) => f.node.name === name);
  if (!fixture) throw new Error(`no fixture named ${name}`);
  // Run on every item, whatever the exported node's settings.
  const { executeOnce: _once, ...node } = fixture.node;
  const chain = ['When clicking', ...upstream.map(([n]) => n), node.name];
  const n8n = {
    name: 'Corpus code',
    nodes: [
      { name: 'When clicking', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
      ...upstream.map(([n], i) => ({ name: n, type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [200 * (i + 1), 0], parameters: {} })),
      node,
    ],
    connections: Object.fromEntries(
      chain.slice(0, -1).map((from, i) => [from, { main: [[{ node: chain[i + 1], type: 'main', index: 0 }]] }]),
    ),
    pinData: Object.fromEntries(upstream.map(([n, items]) => [n, items.map((json) => ({ json }))])),
  };
  const { workflow, report } = importN8nWorkflow(n8n);
  expect(report.placeholders).toEqual([]);
  const engine = createEngine({ codeSandbox: sandbox, logger: silentLogger, clock: createTestClock({ start: START }) });
  const execution = await engine.run(workflow!);
  const run = execution.nodes[workflow!.nodes.find((n) => n.name === node.name)!.id]![0]!;
  expect(run.error).toBeUndefined();
  return { run, json: run.output.main?.map((i) => i.json) };
}

describe('n8n Code nodes run once for all items', () => {
  it('averages per item with $input.all() and returns the changed items (0387)', async () => {
    const row = (loss: number[], latency: number[]) =>
      Object.fromEntries([...loss.map((v, i) => [`TS${i}-Loss`, String(v)]), ...latency.map((v, i) => [`TS${i}-Latency`, String(v)])]);
    const input = [row([0, 1, 2, 3, 4], [100, 200, 300, 400, 500]), row([5, 5, 5, 5, 10], [1, 1, 1, 1, 1])];
    const { json } = await runFixture('Average Latency & Loss over 5m', [['Ping', input]]);
    expect(json).toEqual([
      { ...input[0], AverageLoss: 2, AverageLatency: 300 },
      { ...input[1], AverageLoss: 6, AverageLatency: 1 },
    ]);
  });

  it('filters the legacy items array and wraps plain objects as { json } (0387)', async () => {
    const input = [
      { AverageLatency: 301, AverageLoss: 0 },
      { AverageLatency: 300, AverageLoss: 2 },
      { AverageLatency: 10, AverageLoss: 2.5 },
    ];
    const { json } = await runFixture('Filters Problematic sites', [['Averages', input]]);
    expect(json).toEqual([input[0], input[2]]);
  });

  it('sets a field on each item of items.map (0387)', async () => {
    const { json } = await runFixture('Create Response', [['Networks', [{ NetworkName: 'north' }, { NetworkName: null }]]]);
    expect(json).toEqual([
      { NetworkName: 'north', alertExists: true },
      { NetworkName: null, alertExists: false },
    ]);
  });

  it('reads the first item as $json and returns plain objects (1954)', async () => {
    const domains = Array.from({ length: 450 }, (_, i) => `site${i}.com`);
    const { json } = await runFixture('Convert & Split Domains', [['Form', [{ Domains: ` ${domains.join('\n')}\n\n` }]]]);
    expect(json).toEqual([
      { batchedDomains: domains.slice(0, 200).join(',') },
      { batchedDomains: domains.slice(200, 400).join(',') },
      { batchedDomains: domains.slice(400).join(',') },
    ]);
  });

  it('parses a JSON string read from $json (1954)', async () => {
    const data = JSON.stringify({
      reply: { available: { a: { domain: 'free.io' } }, unavailable: ['taken.com', { domain: 'gone.net' }, 42] },
    });
    const { json } = await runFixture('Parse Data', [['Check', [{ data }]]]);
    expect(json).toEqual([
      { Domain: 'free.io', Availability: 'Available' },
      { Domain: 'taken.com', Availability: 'Unavailable' },
      { Domain: 'gone.net', Availability: 'Unavailable' },
    ]);
  });

  it("reads $('Webhook').item of a one-item trigger and flattens the input (0491)", async () => {
    const slide = (ids: [string, string, boolean][]) => ({
      pageElements: ids.map(([objectId, description, image]) => ({ objectId, description, ...(image ? { image: {} } : {}) })),
    });
    const { json } = await runFixture('Retrieve matching Images ObjectIds', [
      ['Webhook', [{ body: { image_key: 'logo' } }]],
      [
        'Retrieve All Slide Elements',
        [
          {
            slides: [
              slide([
                ['1', 'logo', true],
                ['2', 'other', true],
                ['3', 'logo', false],
              ]),
            ],
          },
          { slides: [slide([['4', 'logo', true]])] },
        ],
      ],
    ]);
    expect(json).toEqual([{ objectId: '1' }, { objectId: '4' }]);
  });

  it('reads $node["Webhook"].json and returns new { json } items (1711)', async () => {
    const cookies = [
      { cookie: { name: 'a', sameSite: 'unspecified' } },
      { cookie: { name: 'b', sameSite: 'strict' } },
      { cookie: { name: 'c', sameSite: 'None' } },
      { cookie: { name: 'd', sameSite: 'weird' } },
      { other: true },
    ];
    const { json } = await runFixture('Code', [['Webhook', [{ body: { cookies } }]]]);
    expect(json).toEqual([
      { name: 'a', sameSite: 'None' },
      { name: 'b', sameSite: 'Strict' },
      { name: 'c', sameSite: 'None' },
      { name: 'd', sameSite: 'Lax' },
    ]);
  });

  it('converts times with the luxon global and logs what it skips (0829)', async () => {
    const input = [
      { starttime: '2024-03-10T07:30:00Z', endtime: '2024-03-10T08:30:00Z', timeZone: 'America/Chicago' },
      { starttime: 'not a time', endtime: '2024-03-10T08:30:00Z', timeZone: 'America/Chicago' },
      { starttime: '2024-01-01T00:00:00Z' },
    ];
    const { run, json } = await runFixture('Convert time to CST America / Chicago', [['Booking', input]]);
    const convert = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' }).setZone('America/Chicago').toISO();
    expect(json).toEqual([
      { ...input[0], starttime: convert(input[0]!.starttime), endtime: convert(input[0]!.endtime!) },
      { ...input[1], conversionError: `Failed to convert start time. Reason: ${DateTime.fromISO('not a time').invalidReason}` },
      { ...input[2], conversionError: 'Missing starttime, endtime, or timeZone' },
    ]);
    expect(run.logs?.map((l) => l.level)).toEqual(['error', 'warn']);
  });

  it('builds a table from $item("0").$node["…"].json (0482)', async () => {
    const feeds = { 'Channel - RSS': 'https://example.com/rss', 'Community - Atom': 'https://example.com/atom' };
    const { json } = await runFixture('Format response as HTML Table', [['Merga Data of Youtube & Community RSS', [feeds]]]);
    const html = json![0]!.html as string;
    expect(html.match(/<tr>/g)).toHaveLength(3);
    expect(html).toContain(
      '<td>Channel RSS</td>\n    <td>RSS</td>\n    <td><a href="https://example.com/rss" target="_blank">https://example.com/rss</a></td>',
    );
    expect(html).toContain('<td>Community RSS</td>\n    <td>Atom</td>');
  });
});

describe('n8n Code nodes run once for each item', () => {
  it("spreads $json and $('Earlier').item.json (2002)", async () => {
    const { json } = await runFixture('Code: Merge data from prior nodes with HTTP Output', [
      [
        'Set: Merged Values',
        [
          { id: 1, shared: 'set' },
          { id: 2, shared: 'set' },
        ],
      ],
      [
        'HTTP Request',
        [
          { status: 200, shared: 'http' },
          { status: 404, shared: 'http' },
        ],
      ],
    ]);
    expect(json).toEqual([
      { status: 200, shared: 'set', id: 1 },
      { status: 404, shared: 'set', id: 2 },
    ]);
  });

  it('changes and returns $input.item, with an undeclared variable as sloppy code may (0375)', async () => {
    const { json } = await runFixture('Qualify Account', [['Signup', [{ company_size: 150 }, { company_size: 20 }, { email: 'x@y.z' }]]]);
    expect(json).toEqual([
      { company_size: 150, result: 1 },
      { company_size: 20, result: 2 },
      { email: 'x@y.z', result: 2 },
    ]);
  });

  it('formats with Intl.DateTimeFormat in a time zone, as the platform does (0829)', async () => {
    const starts = ['2024-06-01T15:00:00Z', '2024-12-01T15:30:00Z'];
    const { json } = await runFixture('Enrich Date', [['Slots', [{ data: { slots: starts.map((start) => ({ start })) } }]]]);
    const format = new Intl.DateTimeFormat('en-US', {
      timeZone: 'America/Chicago',
      weekday: 'long',
      month: 'long',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      hour12: true,
    });
    expect(json).toEqual([{ data: { slots: starts.map((s) => format.format(new Date(s))) } }]);
  });

  it("returns a plain object with $now and $('Node').first() (1135)", async () => {
    const { json } = await runFixture('Create Post Text', [
      ['Set Bluesky Credentials', [{ BlueskyHandle: 'me.bsky.social' }]],
      ['Login', [{ token: 't' }]],
    ]);
    expect(json).toEqual([
      {
        repo: 'me.bsky.social',
        collection: 'app.bsky.feed.post',
        record: {
          $type: 'app.bsky.feed.post',
          text: '[initial post - visible]',
          createdAt: DateTime.fromMillis(START, { zone: 'UTC' }).toISO(),
        },
      },
    ]);
  });
});

describe('n8n Function nodes', () => {
  it('collects unique ids over items and logs them (0241)', async () => {
    const task = (gid: string, type = 'task') => ({ resource: { gid, resource_type: type } });
    const { run, json } = await runFixture('Get unique tasks', [['Asana', [task('12'), task('12'), task('7'), task('99', 'story')]]]);
    const notionfilter = JSON.stringify({ or: [12, 7].map((gid) => ({ property: 'Asana GID', number: { equals: gid } })) });
    expect(json).toEqual([
      { gid: 12, gids: [12, 7], notionfilter },
      { gid: 7, gids: [12, 7], notionfilter },
    ]);
    expect(run.logs).toEqual([{ level: 'log', message: '[12,7]' }]);
  });

  it('changes and returns the items of $items("Get tasks") (0241)', async () => {
    const { json } = await runFixture('Determine', [
      ['Find tasks', [{ property_asana_gid: '12', id: 'db-1' }]],
      ['Get tasks', [{ gid: '12' }, { gid: '7' }]],
    ]);
    expect(json).toEqual([
      { gid: '12', action: 'Update', database_id: 'db-1' },
      { gid: '7', action: 'Create' },
    ]);
  });

  it('writes an RSS feed with DateTime and $now (0260)', async () => {
    const episode = (n: number) => ({
      data: {
        name: `Episode ${n} & more`,
        associatedMedia: { contentUrl: `https://cdn.example.com/${n}.mp3` },
        timeRequired: n * 10,
        encodingFormat: 'audio/mpeg',
        identifier: `ep-${n}`,
        datePublished: `2024-0${n}-15T08:00:00Z`,
        description: `<b>${n}</b>`,
        partOfSeries: { name: 'Show', about: "It's a show", url: 'https://example.com' },
        image: 'https://example.com/i.png',
        inLanguage: 'en',
        productionCompany: 'Studio',
      },
    });
    const { json } = await runFixture('Define feed items', [['Episodes', [episode(1), episode(2)]]]);
    const xml = json![0]!.data as string;
    expect(xml).toContain('<title>Episode 1 &amp; more</title>');
    expect(xml).toContain(`<pubDate>${DateTime.fromISO('2024-02-15T08:00:00Z').setZone('UTC').toRFC2822()}</pubDate>`);
    expect(xml).toContain(`<copyright>© ${DateTime.fromMillis(START, { zone: 'UTC' }).toFormat('yyyy')} Studio</copyright>`);
    expect(xml).toContain('<description>It&#39;s a show</description>');
    expect(xml).toContain('length="400000"');
  });
});

describe('n8n Function Item nodes', () => {
  it('returns a new object built from item (0159)', async () => {
    const entry = { title: 'T', link: 'https://example.com/t', description: 'D', date: 'Mon, 01 Jan 2024 00:00:00 GMT' };
    const { json } = await runFixture('Create RSS Items', [['Feed', [entry]]]);
    expect(json).toEqual([
      {
        rss_item: `<item>\n  <title>T</title>\n  <link>https://example.com/t</link>\n  <description>D</description>\n  <pubDate>${entry.date}</pubDate>\n</item>`,
      },
    ]);
  });

  it('adds fields to item and returns it (0255)', async () => {
    const { json } = await runFixture('Add lines', [['Invoice', [{ id: 'inv-1' }]]]);
    const line = (description: string, amount: number) => ({
      concept: 'Service',
      description,
      quantity: 1,
      amount,
      vat: amount * 0.21,
      total: amount * 1.21,
    });
    expect(json).toEqual([
      { id: 'inv-1', lines: [line('Design of HTML banners', 22), line('Design of PNG banners', 33)], date: '2022-01-12', total: 133.1 },
    ]);
  });
});
