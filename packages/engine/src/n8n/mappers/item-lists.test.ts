import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tryNode } from '../../testing/node-test-harness.js';
import { MapContext } from '../map-context.js';
import { NoEquivalentError } from '../no-equivalent.error.js';
import { aggregateMapping, limitMapping, removeDuplicatesMapping, sortMapping, splitOutMapping, summarizeMapping } from './data.js';
import { itemListsMapping } from './item-lists.js';
import type { MappedNode, NodeMapping } from './mapping.js';

/** The 400 real n8n workflows (see its README and ATTRIBUTION.md); FLOWLOOM_N8N_CORPUS points elsewhere. */
const CORPUS = process.env.FLOWLOOM_N8N_CORPUS ?? new URL('../../../../../../shared/corpus/n8n-workflows', import.meta.url).pathname;

interface N8nNode {
  name: string;
  type: string;
  typeVersion: number;
  parameters: Record<string, unknown>;
}

/** Every Item Lists node of the corpus, with the file it is in. */
function corpusItemLists(): { file: string; node: N8nNode }[] {
  const root = join(CORPUS, 'workflows');
  if (!existsSync(root)) throw new Error(`The n8n corpus is not at ${CORPUS}: set FLOWLOOM_N8N_CORPUS to the folder holding workflows/.`);
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.json') ? [join(dir, e.name)] : [],
    );
  return walk(root)
    .sort()
    .flatMap((path) => {
      const { nodes } = JSON.parse(readFileSync(path, 'utf8')) as { nodes: N8nNode[] };
      return nodes.filter((n) => n.type === 'n8n-nodes-base.itemLists').map((node) => ({ file: relative(root, path), node }));
    });
}

type Outcome = { mapped: MappedNode; problems: MapContext['problems'] } | { placeholder: string; parameter?: string };

/** Maps one node as the importer does: a parameter left unread or without equivalent makes a placeholder. */
function mapWith(mapping: NodeMapping, type: string, typeVersion: number, parameters: Record<string, unknown>): Outcome {
  const ctx = new MapContext(
    { name: 'Item Lists', type, typeVersion, parameters },
    { nodeName: () => undefined, itemAligned: () => false, upstream: () => false, usedOutputs: [0], timezone: undefined },
  );
  try {
    const mapped = mapping.map(ctx);
    const unread = ctx.unread();
    if (unread.length > 0) return { placeholder: `the parameter '${unread[0]}' is not translated`, parameter: unread[0] };
    return { mapped, problems: ctx.problems };
  } catch (error) {
    if (error instanceof NoEquivalentError)
      return { placeholder: error.message, ...(error.parameter ? { parameter: error.parameter } : {}) };
    throw error;
  }
}

const itemLists = (typeVersion: number, parameters: Record<string, unknown>) =>
  mapWith(itemListsMapping, 'n8n-nodes-base.itemLists', typeVersion, parameters);

/** The node n8n split each operation into, with the mapping the importer has for it. */
const STANDALONE: Record<string, [string, NodeMapping]> = {
  splitOutItems: ['n8n-nodes-base.splitOut', splitOutMapping],
  aggregateItems: ['n8n-nodes-base.aggregate', aggregateMapping],
  concatenateItems: ['n8n-nodes-base.aggregate', aggregateMapping],
  removeDuplicates: ['n8n-nodes-base.removeDuplicates', removeDuplicatesMapping],
  sort: ['n8n-nodes-base.sort', sortMapping],
  limit: ['n8n-nodes-base.limit', limitMapping],
  summarize: ['n8n-nodes-base.summarize', summarizeMapping],
};

/**
 * The same parameters given to the node n8n split the operation into: no
 * operation, and lists of `{ fieldName }` rows (versions 1 and 2) written as
 * the comma-separated text those nodes take.
 */
function asStandalone(parameters: Record<string, unknown>): Outcome {
  const { operation = 'splitOutItems', ...rest } = parameters as { operation?: string } & Record<string, unknown>;
  const [type, mapping] = STANDALONE[operation]!;
  const text = Object.fromEntries(
    Object.entries(rest).map(([k, v]) => {
      const rows = (v as { fields?: { fieldName: string }[] } | undefined)?.fields;
      return [k, Array.isArray(rows) ? rows.map((r) => r.fieldName).join(', ') : v];
    }),
  );
  return mapWith(mapping, type, type === 'n8n-nodes-base.removeDuplicates' ? 2 : 1, text);
}

/** Parameters of each operation, in the forms of each version (rows in 1 and 2, text in 3). */
const CASES: [string, number, Record<string, unknown>][] = [
  ['split out, default operation', 1, { fieldToSplitOut: 'data' }],
  [
    'split out, selected other fields as rows',
    2,
    {
      fieldToSplitOut: 'lines',
      include: 'selectedOtherFields',
      fieldsToInclude: { fields: [{ fieldName: 'id' }, { fieldName: 'customer.name' }] },
    },
  ],
  [
    'split out, selected other fields as text',
    3.1,
    { fieldToSplitOut: 'lines', include: 'selectedOtherFields', fieldsToInclude: 'id, customer.name' },
  ],
  [
    'split out, all other fields, destination',
    3,
    { operation: 'splitOutItems', fieldToSplitOut: 'ips', include: 'allOtherFields', options: { destinationFieldName: 'ip' } },
  ],
  [
    'aggregate items, individual fields',
    1,
    {
      operation: 'aggregateItems',
      fieldsToAggregate: {
        fieldToAggregate: [{ fieldToAggregate: 'email' }, { fieldToAggregate: 'name', renameField: true, outputFieldName: 'names' }],
      },
      options: { mergeLists: true },
    },
  ],
  ['aggregate items, all item data', 2.2, { operation: 'aggregateItems', aggregate: 'aggregateAllItemData', destinationFieldName: 'rows' }],
  [
    'concatenate items, all fields but one',
    3,
    {
      operation: 'concatenateItems',
      aggregate: 'aggregateAllItemData',
      include: 'allFieldsExcept',
      fieldsToExclude: 'sort',
      destinationFieldName: 'response',
    },
  ],
  [
    'concatenate items, specified fields',
    3.1,
    { operation: 'concatenateItems', aggregate: 'aggregateAllItemData', include: 'specifiedFields', fieldsToInclude: 'id,title' },
  ],
  ['remove duplicates, all fields', 1, { operation: 'removeDuplicates' }],
  [
    'remove duplicates, selected fields as rows',
    2,
    { operation: 'removeDuplicates', compare: 'selectedFields', fieldsToCompare: { fields: [{ fieldName: 'user_name' }] } },
  ],
  [
    'remove duplicates, all fields but some as text',
    3,
    { operation: 'removeDuplicates', compare: 'allFieldsExcept', fieldsToExclude: 'updatedAt, id' },
  ],
  ['sort by a field', 1, { operation: 'sort', sortFieldsUi: { sortField: [{ fieldName: 'name' }] } }],
  [
    'sort by two fields, one descending',
    3,
    { operation: 'sort', sortFieldsUi: { sortField: [{ fieldName: 'date_subscribed', order: 'descending' }, { fieldName: 'name' }] } },
  ],
  ['sort at random', 2, { operation: 'sort', type: 'random' }],
  ['limit, first items', 3.1, { operation: 'limit', maxItems: 5 }],
  ['limit, last items', 1, { operation: 'limit', maxItems: 2, keep: 'lastItems' }],
  [
    'summarize',
    3,
    {
      operation: 'summarize',
      fieldsToSummarize: {
        values: [
          { aggregation: 'sum', field: 'amount' },
          { aggregation: 'concatenate', field: 'name', separateBy: ', ' },
        ],
      },
      fieldsToSplitBy: 'country',
    },
  ],
];

describe('Item Lists maps each operation as the node n8n split it into', () => {
  it.each(CASES)('%s (v%s)', (_, version, parameters) => {
    const mapped = itemLists(version, parameters);
    expect(mapped, JSON.stringify(mapped)).toHaveProperty('mapped');
    expect(mapped).toEqual(asStandalone(parameters));
  });

  it.each(corpusItemLists().map(({ file, node }) => [`${node.name} (${file}, v${node.typeVersion})`, node] as const))(
    'corpus node %s',
    (_, node) => {
      const mapped = itemLists(node.typeVersion, node.parameters);
      expect(mapped, JSON.stringify(mapped)).toHaveProperty('mapped');
      expect(mapped).toEqual(asStandalone(node.parameters));
    },
  );

  it('knows versions 1 to 3.1', () => {
    expect(itemListsMapping.versions).toEqual([1, 2, 2.1, 2.2, 3, 3.1]);
  });
});

describe('what has no equivalent stays a placeholder, naming the parameter', () => {
  it('sorting by code', () => {
    expect(itemLists(3, { operation: 'sort', type: 'code', code: 'return a.x - b.x;' })).toMatchObject({ parameter: 'type' });
  });

  it('an operation Item Lists never had', () => {
    expect(itemLists(3, { operation: 'pivot' })).toMatchObject({ parameter: 'operation' });
  });

  it('removing the other fields of duplicates', () => {
    expect(itemLists(3, { operation: 'removeDuplicates', options: { removeOtherFields: true } })).toMatchObject({
      parameter: 'options.removeOtherFields',
    });
  });

  it("splitting an item's files", () => {
    expect(itemLists(3, { fieldToSplitOut: '={{ $binary }}' })).toMatchObject({ parameter: 'fieldToSplitOut' });
  });
});

describe('the mapped nodes run as n8n documents the operations', () => {
  /** Runs the Flowloom node an Item Lists node maps to on `input`. */
  async function run(version: number, parameters: Record<string, unknown>, input: Record<string, unknown>[]) {
    const outcome = itemLists(version, parameters);
    if (!('mapped' in outcome)) throw new Error(outcome.placeholder);
    const { json, error } = await tryNode(outcome.mapped.type, outcome.mapped.parameters, input);
    expect(error).toBeUndefined();
    return json;
  }

  it('splits a list into one item per element (v1, the default operation)', async () => {
    expect(await run(1, { fieldToSplitOut: 'post' }, [{ post: [{ title: 'a' }, { title: 'b' }] }])).toEqual([
      { title: 'a' },
      { title: 'b' },
    ]);
  });

  it('removes items whose selected fields repeat, keeping the first (v3, corpus form)', async () => {
    const input = [
      { user_name: 'ada', n: 1 },
      { user_name: 'bo', n: 2 },
      { user_name: 'ada', n: 3 },
    ];
    expect(
      await run(3, { compare: 'selectedFields', options: {}, operation: 'removeDuplicates', fieldsToCompare: 'user_name' }, input),
    ).toEqual([
      { user_name: 'ada', n: 1 },
      { user_name: 'bo', n: 2 },
    ]);
  });

  it('sorts by a field, ascending by default (v1, corpus form)', async () => {
    const input = [{ name: 'Cy' }, { name: 'Ada' }, { name: 'Bo' }];
    expect(await run(1, { options: {}, operation: 'sort', sortFieldsUi: { sortField: [{ fieldName: 'name' }] } }, input)).toEqual([
      { name: 'Ada' },
      { name: 'Bo' },
      { name: 'Cy' },
    ]);
  });

  it('concatenates all item data but one field into one item (v3, corpus form)', async () => {
    const parameters = {
      include: 'allFieldsExcept',
      options: {},
      aggregate: 'aggregateAllItemData',
      operation: 'concatenateItems',
      fieldsToExclude: 'sort',
      destinationFieldName: 'response',
    };
    const input = [
      { id: 1, sort: 2 },
      { id: 2, sort: 1 },
    ];
    expect(await run(3, parameters, input)).toEqual([{ response: [{ id: 1 }, { id: 2 }] }]);
  });

  it('keeps the first N items (v3.1, corpus form)', async () => {
    const input = Array.from({ length: 8 }, (_, i) => ({ i }));
    expect(await run(3.1, { maxItems: 5, operation: 'limit' }, input)).toEqual(input.slice(0, 5));
  });
});
