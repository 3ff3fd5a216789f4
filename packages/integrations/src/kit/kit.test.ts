// The kit's own mechanics, on a small service over a recording server: the page strategies no service of
// this package uses yet (checked against RFC 8288 for Link headers), idempotency keys, files, and bad descriptions.
import { defineCredentialType, type Engine } from '@flowloom/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { outputOf, runNode, serviceEngine, startVendorServer, type Answer, type VendorServer } from '../testing/service-harness.js';
import { defineService } from './define-service.js';
import { monogram } from './icons.js';
import { binaryFile, param } from './request-spec.js';
import { nextLink } from './paginate.js';

const key = defineCredentialType({
  name: 'kitTestKey',
  displayName: 'Kit test key',
  properties: z.object({ key: z.string().meta({ secret: true }) }),
  authenticate: (d) => ({ type: 'header', name: 'X-Key', value: d.key }),
  allowedHosts: ['api.kit.test'],
});

const rows = (from: number, count: number) => Array.from({ length: count }, (_, i) => ({ id: from + i }));

const kit = defineService({
  id: 'kittest',
  displayName: 'Kit Test',
  icon: monogram('K', '333333'),
  docsUrl: 'https://kit.test/docs',
  baseUrl: 'https://api.kit.test/v2',
  credentials: [key],
  idempotencyHeader: 'Idempotency-Key',
  loadOptions: {
    tables: {
      request: { method: 'GET', path: '/tables' },
      paginate: { type: 'page', page: { in: 'query', name: 'page', start: 1 }, pageSize: { in: 'query', name: 'per_page', value: 2 } },
      items: 'data',
      value: 'id',
      label: 'name',
    },
    fields: {
      request: { method: 'GET', path: '/tables/{tableId}/fields' },
      items: 'fields',
      value: 'name',
      description: 'type',
      filter: (field) => field['readOnly'] !== true,
      dependsOn: ['tableId'],
    },
  },
  resources: {
    row: {
      displayName: 'Row',
      operations: {
        byLink: {
          displayName: 'By Link header',
          params: z.object({}),
          request: { method: 'GET', path: '/link' },
          paginate: { type: 'linkHeader' },
        },
        byPage: {
          displayName: 'By page',
          params: z.object({}),
          request: { method: 'GET', path: '/page' },
          paginate: { type: 'page', page: { in: 'query', name: 'page', start: 1 }, pageSize: { in: 'query', name: 'per_page', value: 2 } },
          response: { items: 'data' },
        },
        byOffset: {
          displayName: 'By offset',
          params: z.object({}),
          request: { method: 'POST', path: '/offset' },
          paginate: { type: 'offset', offset: { in: 'body', name: 'skip' }, pageSize: { in: 'body', name: 'take', value: 2 } },
          response: { items: 'rows' },
        },
        create: {
          displayName: 'Create',
          params: z.object({ name: z.string() }),
          request: { method: 'POST', path: '/rows', body: { name: param('name') } },
          idempotent: true,
        },
        upload: {
          displayName: 'Upload',
          params: z.object({ rowId: z.string(), binaryProperty: z.string().default('data') }),
          request: { method: 'PUT', path: '/rows/{rowId}/file', bodyType: 'binary', body: binaryFile('binaryProperty') },
        },
        hook: {
          displayName: 'Call a hook URL',
          params: z.object({ url: z.string() }),
          unsigned: true,
          execute: async (op) => {
            const answer = await op.request({ method: 'POST', path: '', body: { ping: true } }, String(op.params['url']));
            return [{ json: { status: answer.status } }];
          },
        },
        setField: {
          displayName: 'Set a field',
          params: z.object({
            tableId: z.string().meta({ label: 'Table', loadOptions: 'tables' }),
            field: z.string().meta({ label: 'Field', loadOptions: 'fields', loadOptionsDependsOn: ['tableId'] }),
          }),
          request: { method: 'PATCH', path: '/tables/{tableId}/fields/{field}' },
        },
        download: {
          displayName: 'Download',
          params: z.object({ rowId: z.string(), binaryProperty: z.string().default('data') }),
          request: { method: 'GET', path: '/rows/{rowId}/file' },
          response: { binary: {} },
        },
      },
    },
  },
});

let server: VendorServer;
let engine: Engine;

beforeAll(async () => {
  server = await startVendorServer(
    (request): Answer | undefined => {
      const url = new URL(request.url, 'http://x');
      const q = url.searchParams;
      switch (url.pathname) {
        case '/v2/link': {
          const page = Number(q.get('p') ?? 1);
          const next = page < 3 ? `<https://api.kit.test/v2/link?p=${page + 1}>; rel="next", ` : '';
          return { headers: { link: `${next}<https://api.kit.test/v2/link?p=1>; rel="first"` }, body: rows(page * 10, 2) };
        }
        case '/v2/page': {
          const page = Number(q.get('page'));
          return { body: { data: page <= 2 ? rows(page * 10, 2) : rows(page * 10, 1) } };
        }
        case '/v2/offset': {
          const { skip } = JSON.parse(request.body.toString('utf8')) as { skip: number };
          return { body: { rows: rows(skip, skip < 4 ? 2 : 1) } };
        }
        case '/v2/rows':
          return { status: 201, body: { id: 'r1' } };
        case '/v2/tables': {
          const page = Number(q.get('page'));
          const tables = [1, 2, 3, 4, 5].map((n) => ({ id: `t${n}`, name: `Table ${n}` }));
          return { body: { data: tables.slice((page - 1) * 2, page * 2) } };
        }
        case '/v2/tables/t2/fields':
          return {
            body: {
              fields: [
                { name: 'Name', type: 'text' },
                { name: 'Created', type: 'date', readOnly: true },
                // A service that echoes the credential: the choices must not show it.
                { name: 'Token', type: `echo ${String(request.headers['x-key'])}` },
              ],
            },
          };
        case '/v2/rows/r1/file':
          return request.method === 'PUT'
            ? { status: 204 }
            : {
                headers: { 'content-type': 'image/png', 'content-disposition': 'attachment; filename="dot.png"' },
                body: new Uint8Array([137, 80, 78, 71]),
              };
      }
      return undefined;
    },
    ['X-Key'],
  );
  engine = await serviceEngine({
    nodeTypes: [kit.node],
    credentialTypes: [key],
    routes: { 'api.kit.test': server.url },
    credentials: [{ id: 'k', type: 'kitTestKey', data: { key: 'secret-1' } }],
  });
});

afterAll(async () => {
  await server.close();
});

const run = (operation: string, parameters: Record<string, unknown> = {}, input?: Parameters<typeof runNode>[2]) =>
  runNode(
    engine,
    { type: kit.node.type, name: 'Kit', parameters: { resource: 'row', operation, ...parameters }, credentials: { kitTestKey: 'k' } },
    input,
  );

describe('service kit', () => {
  it('reads the next page from RFC 8288 Link headers, in any order and with other relations', () => {
    expect(nextLink('<https://a.test/?page=2>; rel="next", <https://a.test/?page=9>; rel="last"')).toBe('https://a.test/?page=2');
    expect(nextLink('<https://a.test/?page=1>; rel="prev", <https://a.test/?page=3>; rel=next')).toBe('https://a.test/?page=3');
    expect(nextLink('<https://a.test/?page=5>; rel="next last"')).toBe('https://a.test/?page=5');
    expect(nextLink('<https://a.test/?page=1>; rel="first"')).toBeUndefined();
    expect(nextLink(null)).toBeUndefined();
  });

  it('follows Link headers, page numbers and offsets over three pages each', async () => {
    const link = await run('byLink', { returnAll: true });
    expect(outputOf(link).map((i) => i.json['id'])).toEqual([10, 11, 20, 21, 30, 31]);
    expect((await server.take()).map((r) => r.query)).toEqual([{}, { p: '2' }, { p: '3' }]);
    const page = await run('byPage', { returnAll: true });
    expect(outputOf(page).map((i) => i.json['id'])).toEqual([10, 11, 20, 21, 30]);
    expect((await server.take()).map((r) => r.query)).toEqual([
      { per_page: '2', page: '1' },
      { per_page: '2', page: '2' },
      { per_page: '2', page: '3' },
    ]);
    const offset = await run('byOffset', { returnAll: true });
    expect(outputOf(offset).map((i) => i.json['id'])).toEqual([0, 1, 2, 3, 4]);
    expect((await server.take()).map((r) => r.body)).toEqual([
      { take: 2, skip: 0 },
      { take: 2, skip: 2 },
      { take: 2, skip: 4 },
    ]);
  });

  it('sends the same idempotency key on every try of an item, and a different one per item', async () => {
    await run('create', { name: 'a' }, [{ json: {} }, { json: {} }]);
    const keys = (await server.take()).map((r) => r.auth);
    expect(keys).toEqual(['x-key: secret-1', 'x-key: secret-1']);
    const sent = server.requests.slice(-2).map((r) => r.headers['idempotency-key']);
    expect(sent[0]).not.toBe(sent[1]);
    expect(sent[0]).toMatch(/-service-0-0$/);
  });

  it("uploads an item's file as the body and downloads one into the item's binary", async () => {
    const file = { data: Buffer.from('hello').toString('base64'), mimeType: 'text/plain', fileName: 'h.txt' };
    await run('upload', { rowId: 'r1' }, [{ json: {}, binary: { data: file } }]);
    expect(await server.take()).toEqual([
      { method: 'PUT', path: '/v2/rows/r1/file', query: {}, auth: 'x-key: secret-1', contentType: 'text/plain', body: 'hello' },
    ]);
    const download = await run('download', { rowId: 'r1', binaryProperty: 'picture' });
    expect(outputOf(download)[0]!.binary!['picture']).toEqual({
      data: Buffer.from([137, 80, 78, 71]).toString('base64'),
      mimeType: 'image/png',
      fileSize: 4,
      fileName: 'dot.png',
    });
  });

  it("sends an unsigned operation without a credential, and only to the service's hosts", async () => {
    await server.take();
    const hook = (url: string) =>
      runNode(engine, { type: kit.node.type, name: 'Hook', parameters: { resource: 'row', operation: 'hook', url } });
    expect(outputOf(await hook('https://api.kit.test/v2/rows'))[0]!.json).toEqual({ status: 201 });
    expect((await server.take()).map((r) => [r.path, r.auth])).toEqual([['/v2/rows', undefined]]);
    const away = await hook('https://evil.example/collect');
    expect(away.error).toMatchObject({
      code: 'HOST_NOT_ALLOWED',
      message: "Node 'Hook': Kit Test row.hook: evil.example is not one of Kit Test's hosts; nothing was sent.",
    });
    expect(await server.take()).toEqual([]);
  });

  it("keeps every service's custom API call below its base URL: a full URL is refused before anything is sent", async () => {
    await server.take();
    for (const path of ['https://evil.example/x', '//evil.example/x', 'HTTPS://api.kit.test.evil.example/x']) {
      const escape = await runNode(engine, {
        type: kit.node.type,
        name: 'Kit',
        parameters: { resource: 'custom', operation: 'apiCall', method: 'GET', path },
        credentials: { kitTestKey: 'k' },
      });
      expect(escape.error?.message).toBe(
        "Node 'Kit': Kit Test custom API call: parameter 'path' must be a path below https://api.kit.test/v2, not a URL.",
      );
    }
    expect(await server.take()).toEqual([]);
  });

  it('lists a parameter’s choices through engine.loadOptions, with the credential, every page, and the parameters it depends on', async () => {
    await server.take();
    const node = (parameters: Record<string, unknown>) => ({
      type: kit.node.type,
      name: 'Kit',
      parameters: { resource: 'row', operation: 'setField', ...parameters },
      credentials: { kitTestKey: 'k' },
    });
    const tables = await engine.loadOptions({ node: node({}), method: 'tables' });
    expect(tables).toEqual([1, 2, 3, 4, 5].map((n) => ({ value: `t${n}`, label: `Table ${n}` })));
    expect((await server.take()).map((r) => [r.path, r.query, r.auth])).toEqual([
      ['/v2/tables', { page: '1', per_page: '2' }, 'x-key: secret-1'],
      ['/v2/tables', { page: '2', per_page: '2' }, 'x-key: secret-1'],
      ['/v2/tables', { page: '3', per_page: '2' }, 'x-key: secret-1'],
    ]);
    const fields = await engine.loadOptions({ node: node({ tableId: 't2' }), method: 'fields' });
    expect(fields).toEqual([
      { value: 'Name', label: 'Name', description: 'text' },
      { value: 'Token', label: 'Token', description: 'echo __redacted__' },
    ]);
    await expect(engine.loadOptions({ node: node({}), method: 'fields' })).rejects.toThrow(
      "Node 'Kit': Kit Test: fill in parameter 'tableId' first, to list the choices.",
    );
    await expect(engine.loadOptions({ node: node({ tableId: '{{ $json.table }}' }), method: 'fields' })).rejects.toThrow(
      "fill in parameter 'tableId' first",
    );
    await expect(engine.loadOptions({ node: node({}), method: 'columns' })).rejects.toThrow(
      "Kit Test has no load-options method 'columns'; it has: tables, fields.",
    );
    await expect(engine.loadOptions({ node: { ...node({}), credentials: {} }, method: 'tables' })).rejects.toThrow(
      'Kit Test choices (tables) needs a credential: choose a Kit test key credential.',
    );
    await expect(engine.loadOptions({ node: node({}), method: 'tables', tenant: 'x' } as never)).rejects.toThrow(/tenant/);
  });

  it('refuses a description with a clear message', () => {
    expect(() =>
      defineService({
        id: 'Bad Id',
        displayName: '',
        icon: '',
        docsUrl: '',
        baseUrl: 'ftp://x',
        credentials: [],
        resources: { thing: { displayName: 'Thing', operations: { go: { displayName: 'Go', params: z.object({}) } } } },
      }),
    ).toThrow(
      'Service \'Bad Id\' is not valid: id must be lower-case letters and digits, such as "slack"; displayName must be a non-empty string; baseUrl must be an http(s) URL; credentials must list at least one credential type; thing.go: give a request (or, when it needs code, execute).',
    );
    expect(() =>
      defineService({
        id: 'choices',
        displayName: 'Choices',
        icon: '',
        docsUrl: '',
        baseUrl: 'https://api.kit.test',
        credentials: [key],
        resources: {
          thing: {
            displayName: 'Thing',
            operations: {
              go: {
                displayName: 'Go',
                params: z.object({ table: z.string().meta({ loadOptions: 'tables' }).optional() }),
                request: { method: 'GET', path: '/' },
              },
            },
          },
        },
      }),
    ).toThrow("Service 'choices' is not valid: parameter 'table' takes its choices from 'tables', which loadOptions does not define.");
  });
});
