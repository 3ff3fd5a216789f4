// n8n's Raindrop, Ghost, Storyblok, Contentful and Cockpit nodes imported with the integrations' mappings, from the
// real corpus nodes in `fixtures/content-service-nodes.json`: each corpus workflow maps fully, and runs in the engine
// against a server answering as the service's API reference documents, sending the requests the reference describes.
import { readFileSync } from 'node:fs';
import { rawKeyProvider, type Engine, type Workflow } from '@flowloom/engine';
import { createNodeEngine } from '@flowloom/engine/node';
import { importN8nWorkflow } from '@flowloom/engine/n8n';
import type { SeenRequest } from '@flowloom/engine/testing/node';
import { describe, expect, it } from 'vitest';
import { cockpit } from '../services/cockpit/cockpit.js';
import { contentful } from '../services/contentful/contentful.js';
import { ghost } from '../services/ghost/ghost.js';
import { raindrop } from '../services/raindrop/raindrop.js';
import { storyblok } from '../services/storyblok/storyblok.js';
import { importAfterTrigger, type N8nFixtureNode } from '../testing/n8n-import.js';
import { relayFetch } from '../testing/service-harness.js';
import { serviceTestbed, type ServiceTestbed } from '../testing/service-testbed.js';
import { n8nMappings, n8nNodeTypes } from './index.js';

const fixtures = JSON.parse(readFileSync(new URL('./fixtures/content-service-nodes.json', import.meta.url), 'utf8')) as {
  source: string;
  node: N8nFixtureNode;
}[];

/** The corpus node of this name. */
function fixture(name: string): N8nFixtureNode {
  const found = fixtures.find((f) => f.node.name === name);
  if (!found) throw new Error(`no fixture node '${name}'`);
  return structuredClone(found.node);
}

/**
 * The corpus workflow `source` as n8n has it (its nodes in a line after a Manual Trigger), imported with the
 * integrations' mappings; each node's credential is then chosen as its user would (`credentials`).
 */
function importCorpus(source: string, credentials: Record<string, string>) {
  const nodes = fixtures.filter((f) => f.source.endsWith(source)).map((f, i) => ({ id: `n${i}`, ...structuredClone(f.node) }));
  const names = ['Start', ...nodes.map((n) => n.name)];
  const doc = {
    name: source,
    nodes: [
      { id: 'start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
      ...nodes,
    ],
    connections: Object.fromEntries(
      names.slice(0, -1).map((name, i) => [name, { main: [[{ node: names[i + 1], type: 'main', index: 0 }]] }]),
    ),
  };
  const { workflow, report } = importN8nWorkflow(doc, { mappings: n8nMappings, nodeTypes: n8nNodeTypes });
  if (!workflow) throw new Error(`the workflow was refused: ${report.refusedReason}`);
  expect(report.placeholders).toEqual([]);
  const chosen: Workflow = {
    ...workflow,
    nodes: workflow.nodes.map((n) => (n.type.startsWith('integrations.') ? { ...n, credentials } : n)),
  };
  return { workflow: chosen, report, parameters: workflow.nodes.filter((n) => n.id !== 'start').map((n) => n.parameters) };
}

/** Runs the imported workflow in the engine, requires it to succeed, and returns its execution and the requests sent. */
async function runImported(bed: ServiceTestbed, workflow: Workflow, engine: Engine = bed.engine) {
  await bed.take();
  const execution = await engine.run(workflow);
  expect(execution.error?.message).toBeUndefined();
  expect(execution.status).toBe('success');
  return { execution, requests: await bed.take() };
}

const json = (request: SeenRequest) =>
  request.body.length > 0 ? (JSON.parse(request.body.toString('utf8')) as Record<string, unknown>) : {};

describe("n8n's Raindrop node, imported", () => {
  const TOKEN = 'raindrop-test-token';
  const bed = serviceTestbed(raindrop, {
    name: 'Raindrop',
    hosts: ['api.raindrop.io'],
    credentials: [{ id: 'token', type: 'raindropApi', data: { accessToken: TOKEN } }],
    answers: (request) => {
      const path = new URL(request.url, 'http://x').pathname;
      const body = json(request);
      if (request.method === 'POST' && path === '/rest/v1/collection') return { body: { result: true, item: { _id: 8492400, ...body } } };
      if (request.method === 'POST' && path === '/rest/v1/raindrop') return { body: { result: true, item: { _id: 2001, ...body } } };
      if (path === '/rest/v1/raindrop/2001') return { body: { result: true, item: { _id: 2001, link: 'https://docs.n8n.io', ...body } } };
      return undefined;
    },
  });

  it('maps the corpus bookmark read, whose operation is left at its default, as a get', () => {
    const { node, report } = importAfterTrigger(fixture('Raindrop3'));
    expect(report.placeholders).toEqual([]);
    expect(node).toMatchObject({
      type: 'integrations.raindrop',
      parameters: { resource: 'bookmark', operation: 'get', bookmarkId: '{{ $json._id }}' },
    });
  });

  it('creates the collection, saves a bookmark in it, renames and reads it, as the corpus workflow does', async () => {
    const { workflow, parameters } = importCorpus('1209_Raindrop_Automate.json', { raindropApi: 'token' });
    expect(parameters).toEqual([
      { resource: 'collection', operation: 'create', title: 'n8n-docs' },
      { resource: 'bookmark', operation: 'create', link: 'https://docs.n8n.io', collectionId: '{{ $json._id }}', title: 'Documentation' },
      { resource: 'bookmark', operation: 'update', bookmarkId: '{{ $json._id }}', title: 'n8n Documentation' },
      { resource: 'bookmark', operation: 'get', bookmarkId: '{{ $json._id }}' },
    ]);
    const { requests, execution } = await runImported(bed, workflow);
    expect(requests.map((r) => [r.method, r.path, r.body])).toEqual([
      ['POST', '/rest/v1/collection', { title: 'n8n-docs' }],
      ['POST', '/rest/v1/raindrop', { link: 'https://docs.n8n.io', collection: { $id: 8492400 }, title: 'Documentation' }],
      ['PUT', '/rest/v1/raindrop/2001', { title: 'n8n Documentation' }],
      ['GET', '/rest/v1/raindrop/2001', undefined],
    ]);
    expect(execution.nodes['n3']![0]!.output['main']!.map((i) => i.json)).toEqual([{ _id: 2001, link: 'https://docs.n8n.io' }]);
  });
});

describe("n8n's Ghost node, imported", () => {
  const KEY = `6489c0a1b2c3d4e5f6a7b8c9:${'0123456789abcdef'.repeat(4)}`;
  const post = {
    id: '5ddc9141c35e7700383b2937',
    title: 'Running ghost with n8n!',
    status: 'draft',
    updated_at: '2019-11-26T02:44:17.000Z',
  };
  const bed = serviceTestbed(ghost, {
    name: 'Ghost',
    hosts: ['blog.example.com'],
    credentials: [{ id: 'key', type: 'ghostAdminApi', data: { url: 'https://blog.example.com', apiKey: KEY } }],
    answers: (request) => {
      const path = new URL(request.url, 'http://x').pathname;
      const sent = (json(request)['posts'] as Record<string, unknown>[] | undefined)?.[0];
      if (request.method === 'POST' && path === '/ghost/api/admin/posts/') return { status: 201, body: { posts: [{ ...post, ...sent }] } };
      if (path === `/ghost/api/admin/posts/${post.id}/`) return { body: { posts: [{ ...post, ...sent }] } };
      return undefined;
    },
  });

  it("keeps the post's content on update, where n8n would empty it, and says so", () => {
    const { report } = importAfterTrigger(fixture('Ghost1'));
    expect(report.placeholders).toEqual([]);
    expect(report.problems.map((p) => p.code)).toContain('content-kept');
  });

  it('writes the post from HTML, publishes it with the updated_at Ghost has, and reads it, as the corpus workflow does', async () => {
    const { workflow, parameters } = importCorpus('0217_Manual_Ghost_Create_Triggered.json', { ghostAdminApi: 'key' });
    expect(parameters[1]).toEqual({
      resource: 'post',
      operation: 'update',
      postId: '{{ $string($node("Ghost").json.id) }}',
      contentFormat: 'html',
      status: 'published',
    });
    const { requests } = await runImported(bed, workflow);
    expect(requests.map((r) => [r.method, r.path, r.query, r.body])).toEqual([
      [
        'POST',
        '/ghost/api/admin/posts/',
        { source: 'html' },
        {
          posts: [
            { title: 'Running ghost with n8n!', html: '<p>In this article, you will learn how to automate your Ghost site with n8n!</p>' },
          ],
        },
      ],
      ['GET', `/ghost/api/admin/posts/${post.id}/`, { fields: 'id,updated_at' }, undefined],
      ['PUT', `/ghost/api/admin/posts/${post.id}/`, {}, { posts: [{ status: 'published', updated_at: post.updated_at }] }],
      ['GET', `/ghost/api/admin/posts/${post.id}/`, {}, undefined],
    ]);
  });

  it("keeps a read through Ghost's Content API as a placeholder naming the source", () => {
    const { report } = importAfterTrigger({ ...fixture('Ghost2'), parameters: { by: 'id', identifier: 'x', source: 'contentApi' } });
    expect(report.placeholders).toMatchObject([{ n8nType: 'n8n-nodes-base.ghost', parameter: 'source' }]);
  });
});

describe("n8n's Storyblok node, imported", () => {
  const TOKEN = 'storyblok-token';
  const stories = [369689, 369690].map((id) => ({ id, name: `Release ${id}`, full_slug: `release/${id}`, published: false }));
  const bed = serviceTestbed(storyblok, {
    name: 'Storyblok',
    hosts: ['mapi.storyblok.com'],
    credentials: [{ id: 'token', type: 'storyblokManagementApi', data: { accessToken: TOKEN } }],
    answers: (request) => {
      const path = new URL(request.url, 'http://x').pathname;
      if (path === '/v1/spaces/96940/stories') return { body: { stories } };
      const publish = /^\/v1\/spaces\/96940\/stories\/(\d+)\/publish$/.exec(path);
      if (publish) return { body: { story: { ...stories.find((s) => s.id === Number(publish[1])), published: true } } };
      return undefined;
    },
  });

  it("lists the release stories and publishes each, reading the space from the first node's parameter, as the corpus workflow does", async () => {
    const { workflow, parameters } = importCorpus('0046_Manual_Storyblok_Import_Triggered.json', { storyblokManagementApi: 'token' });
    expect(parameters[0]).toEqual({ resource: 'story', operation: 'getAll', space: 96940, limit: 50, startsWith: 'release' });
    expect(parameters[1]).toMatchObject({ space: '{{js:$node["Storyblok"].parameter["space"]}}' });
    // The space is read by a JavaScript expression, which runs in the Code sandbox of a Node engine.
    const engine = createNodeEngine({
      nodeTypes: [storyblok.node],
      credentialTypes: [...storyblok.definition.credentials],
      keyProvider: rawKeyProvider({ key: new Uint8Array(32).fill(3) }),
      // Requests go to the recording server (relayFetch); the private-network guard would refuse 127.0.0.1.
      fetch: relayFetch(bed.routes),
      http: { allowPrivateNetworks: true },
    });
    await engine.credentials.create({ id: 'token', name: 'token', type: 'storyblokManagementApi', data: { accessToken: TOKEN } });
    const { requests, execution } = await runImported(bed, workflow, engine);
    expect(requests.map((r) => [r.path, r.query, r.auth])).toEqual([
      ['/v1/spaces/96940/stories', { starts_with: 'release', page: '1', per_page: '100' }, TOKEN],
      ['/v1/spaces/96940/stories/369689/publish', {}, TOKEN],
      ['/v1/spaces/96940/stories/369690/publish', {}, TOKEN],
    ]);
    expect(execution.nodes['n1']![0]!.output['main']!.map((i) => i.json['published'])).toEqual([true, true]);
  });
});

describe("n8n's Contentful node, imported", () => {
  const TOKEN = 'contentful-delivery-token';
  const entries = [1, 2, 3].map((n) => ({ sys: { id: `e${n}`, type: 'Entry' }, fields: { title: `Entry ${n}` } }));
  const bed = serviceTestbed(contentful, {
    name: 'Contentful',
    hosts: ['cdn.contentful.com'],
    credentials: [{ id: 'keys', type: 'contentfulApi', data: { spaceId: 'cfexampleapi', deliveryToken: TOKEN } }],
    answers: (request) =>
      new URL(request.url, 'http://x').pathname === '/spaces/cfexampleapi/environments/master/entries'
        ? { body: { sys: { type: 'Array' }, total: 3, skip: 0, limit: 1000, items: entries } }
        : undefined,
  });

  it("lists every entry's fields, as n8n puts them out, as the corpus workflow does", async () => {
    const { workflow } = importCorpus('1086_Manual_Contentful_Automation_Triggered.json', { contentfulApi: 'keys' });
    const { requests, execution } = await runImported(bed, workflow);
    expect(requests.map((r) => [r.path, r.query, r.auth])).toEqual([
      ['/spaces/cfexampleapi/environments/master/entries', { limit: '1000' }, `Bearer ${TOKEN}`],
    ]);
    expect(execution.nodes['n0']![0]!.output['main']!.map((i) => i.json)).toEqual(entries.map((e) => e.fields));
  });

  it('makes the search fields written attribute=value search parameters', () => {
    const { node } = importAfterTrigger({
      ...fixture('Contentful'),
      parameters: { operation: 'getAll', additionalFields: { equal: 'fields.title=n8n', content_type: 'post' } },
    });
    expect(node?.parameters).toEqual({
      resource: 'entry',
      operation: 'getAll',
      source: 'delivery',
      rawData: false,
      limit: 100,
      contentType: 'post',
      filters: { 'fields.title': 'n8n' },
    });
  });
});

describe("n8n's Cockpit node, imported", () => {
  const TOKEN = 'cockpit-token';
  const entries = [{ _id: 'a1', title: 'One' }];
  const bed = serviceTestbed(cockpit, {
    name: 'Cockpit',
    hosts: ['cms.example.com'],
    authHeaders: ['cockpit-token'],
    credentials: [{ id: 'token', type: 'cockpitApi', data: { url: 'https://cms.example.com', accessToken: TOKEN } }],
    answers: (request) =>
      new URL(request.url, 'http://x').pathname === '/api/collections/get/samplecollection'
        ? { body: { fields: {}, entries, total: 1 } }
        : undefined,
  });

  it("lists the collection's entries up to n8n's default limit, as the corpus workflow does", async () => {
    const { workflow } = importCorpus('0990_Manual_Cockpit_Automate_Triggered.json', { cockpitApi: 'token' });
    const { requests, execution } = await runImported(bed, workflow);
    expect(requests).toMatchObject([
      { method: 'POST', path: '/api/collections/get/samplecollection', auth: `cockpit-token: ${TOKEN}`, body: { limit: 100 } },
    ]);
    expect(execution.nodes['n0']![0]!.output['main']!.map((i) => i.json)).toEqual(entries);
  });
});
