// Ghost, checked against its Admin API reference (docs.ghost.org/admin-api): no official SDK is installed, so the
// oracle is the request the reference documents, answered with its example objects; each request's token is checked
// with jose as Ghost checks it (HS256 with the key's secret, the key's id as `kid`, audience /admin/, five minutes).
import type { SeenRequest } from '@flowloom/engine/testing/node';
import { createHmac } from 'node:crypto';
import { decodeProtectedHeader, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { itRejectsBadInput } from '../../testing/bad-input-cases.js';
import { itTestsCredential } from '../../testing/service-cases.js';
import { serviceTestbed } from '../../testing/service-testbed.js';
import { ghost } from './ghost.js';

const KEY_ID = '6489c0a1b2c3d4e5f6a7b8c9';
const SECRET = '0123456789abcdef'.repeat(4);
const SITE = 'https://blog.example.com/journal';

/** The post of the reference's examples. */
const post = (fields: Record<string, unknown> = {}) => ({
  slug: 'welcome-short',
  id: '5ddc9141c35e7700383b2937',
  uuid: 'a5aa9bd8-ea31-415c-b452-3040dae1e730',
  title: 'Welcome',
  html: '<p>👋 Welcome, it\u2019s great to have you here.</p>',
  status: 'draft',
  featured: false,
  created_at: '2019-11-26T02:43:13.000Z',
  updated_at: '2019-11-26T02:44:17.000Z',
  published_at: null,
  url: 'https://blog.example.com/journal/p/a5aa9bd8-ea31-415c-b452-3040dae1e730/',
  ...fields,
});
/** 130 posts, for the pages of a list. */
const posts = Array.from({ length: 130 }, (_, i) => post({ id: `post${String(i).padStart(20, '0')}`, slug: `post-${i}` }));

/** Why Ghost would refuse the request's token (its HS256 signature with the key's secret, its key and lifetime), or undefined. */
function refused(request: SeenRequest): string | undefined {
  const header = String(request.headers.authorization ?? '');
  if (!header.startsWith('Ghost ')) return 'no Ghost token';
  const [head = '', payload = '', signature = ''] = header.slice(6).split('.');
  const expected = createHmac('sha256', Buffer.from(SECRET, 'hex')).update(`${head}.${payload}`).digest('base64url');
  if (signature !== expected) return 'invalid signature';
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { iat: number; exp: number; aud: string };
  if (JSON.parse(Buffer.from(head, 'base64url').toString('utf8')).kid !== KEY_ID) return 'unknown key';
  if (claims.aud !== '/admin/' || claims.exp - claims.iat > 300) return 'bad claims';
  return request.headers['accept-version'] === 'v5.0' ? undefined : 'no Accept-Version';
}

function vendor(request: SeenRequest) {
  const url = new URL(request.url, 'http://x');
  const why = refused(request);
  if (why) return { status: 401, body: { errors: [{ message: 'Authorization failed', context: why, type: 'UnauthorizedError' }] } };
  const body = request.body.length > 0 ? (JSON.parse(request.body.toString('utf8')) as { posts: Record<string, unknown>[] }) : undefined;
  switch (`${request.method} ${url.pathname}`) {
    case 'POST /journal/ghost/api/admin/posts/':
      return { status: 201, body: { posts: [post({ ...body!.posts[0], html: body!.posts[0]!['html'] })] } };
    case 'GET /journal/ghost/api/admin/posts/5ddc9141c35e7700383b2937/':
    case 'GET /journal/ghost/api/admin/posts/slug/welcome-short/':
      return { body: { posts: [post()] } };
    case 'PUT /journal/ghost/api/admin/posts/5ddc9141c35e7700383b2937/':
      if (body!.posts[0]!['updated_at'] !== '2019-11-26T02:44:17.000Z') {
        return {
          status: 409,
          body: { errors: [{ message: 'Saving failed! Someone else is editing this post.', type: 'UpdateCollisionError' }] },
        };
      }
      return { body: { posts: [post({ ...body!.posts[0], updated_at: '2019-11-26T03:00:00.000Z' })] } };
    case 'DELETE /journal/ghost/api/admin/posts/5ddc9141c35e7700383b2937/':
      return { status: 204 };
    case 'GET /journal/ghost/api/admin/posts/': {
      const page = Number(url.searchParams.get('page') ?? 1);
      const limit = Number(url.searchParams.get('limit') ?? 15);
      const pages = Math.ceil(posts.length / limit);
      return {
        body: {
          posts: posts.slice((page - 1) * limit, page * limit),
          meta: {
            pagination: { page, limit, pages, total: posts.length, next: page < pages ? page + 1 : null, prev: page > 1 ? page - 1 : null },
          },
        },
      };
    }
  }
  return undefined;
}

const bed = serviceTestbed(ghost, {
  name: 'Ghost',
  answers: vendor,
  hosts: ['blog.example.com'],
  credentials: [
    { id: 'key', type: 'ghostAdminApi', data: { url: SITE, apiKey: `${KEY_ID}:${SECRET}` } },
    { id: 'other', type: 'ghostAdminApi', data: { url: SITE, apiKey: `${KEY_ID}:${'f'.repeat(64)}` } },
  ],
});
const { node } = bed;

describe('Ghost, against its Admin API reference', () => {
  it('creates a post from HTML with ?source=html, below the site\u2019s path, with a token Ghost accepts', async () => {
    const { items, requests } = await node('post', 'create', {
      title: 'Running Ghost with Flowloom',
      content: '<p>Hello</p>',
      status: 'published',
      tags: 'tag1, tag2',
      authors: ['author1'],
      metaTitle: 'Ghost and Flowloom',
      featured: true,
    });
    expect(requests).toMatchObject([
      {
        method: 'POST',
        path: '/journal/ghost/api/admin/posts/',
        query: { source: 'html' },
        contentType: 'application/json',
        body: {
          posts: [
            {
              title: 'Running Ghost with Flowloom',
              html: '<p>Hello</p>',
              status: 'published',
              featured: true,
              meta_title: 'Ghost and Flowloom',
              authors: [{ id: 'author1' }],
              tags: [{ id: 'tag1' }, { id: 'tag2' }],
            },
          ],
        },
      },
    ]);
    expect(items[0]!.json).toMatchObject({ id: '5ddc9141c35e7700383b2937', title: 'Running Ghost with Flowloom', status: 'published' });
    // The token, as jose reads it: signed with the key's secret, naming the key, for /admin/, good for five minutes.
    const token = String(requests[0]!.auth).replace(/^Ghost /, '');
    const { payload, protectedHeader } = await jwtVerify(token, Buffer.from(SECRET, 'hex'), { audience: '/admin/' });
    expect(protectedHeader).toEqual({ alg: 'HS256', typ: 'JWT', kid: KEY_ID });
    expect(payload.exp! - payload.iat!).toBe(300);
    expect(decodeProtectedHeader(token).kid).toBe(KEY_ID);
  });

  it('sends a Lexical document as it is, without ?source=html', async () => {
    const lexical = JSON.stringify({ root: { children: [], type: 'root', version: 1 } });
    const { requests } = await node('post', 'create', { title: 'Doc', contentFormat: 'lexical', content: lexical });
    expect(requests[0]).toMatchObject({ query: {}, body: { posts: [{ title: 'Doc', lexical }] } });
  });

  it('updates a post with the updated_at Ghost has, read first, and only the fields given', async () => {
    const { items, requests } = await node('post', 'update', { postId: '5ddc9141c35e7700383b2937', status: 'published' });
    expect(requests.map((r) => [r.method, r.path, r.query, r.body])).toEqual([
      ['GET', '/journal/ghost/api/admin/posts/5ddc9141c35e7700383b2937/', { fields: 'id,updated_at' }, undefined],
      [
        'PUT',
        '/journal/ghost/api/admin/posts/5ddc9141c35e7700383b2937/',
        {},
        { posts: [{ status: 'published', updated_at: '2019-11-26T02:44:17.000Z' }] },
      ],
    ]);
    expect(items[0]!.json).toMatchObject({ status: 'published', updated_at: '2019-11-26T03:00:00.000Z' });
  });

  it('reads a post by ID or by slug, with the formats asked for, and deletes one', async () => {
    const byId = await node('post', 'get', { identifier: '5ddc9141c35e7700383b2937', formats: ['html', 'lexical'] });
    const bySlug = await node('post', 'get', { by: 'slug', identifier: 'welcome-short', include: 'authors,tags' });
    const removed = await node('post', 'delete', { postId: '5ddc9141c35e7700383b2937' });
    expect([...byId.requests, ...bySlug.requests, ...removed.requests].map((r) => [r.method, r.path, r.query])).toEqual([
      ['GET', '/journal/ghost/api/admin/posts/5ddc9141c35e7700383b2937/', { formats: 'html,lexical' }],
      ['GET', '/journal/ghost/api/admin/posts/slug/welcome-short/', { include: 'authors,tags' }],
      ['DELETE', '/journal/ghost/api/admin/posts/5ddc9141c35e7700383b2937/', {}],
    ]);
    expect(byId.items[0]!.json).toEqual(post());
    expect(removed.items[0]!.json).toEqual({ success: true });
  });

  it('lists every post over two pages of 100, and stops at the limit', async () => {
    const every = await node('post', 'getAll', { returnAll: true, filter: 'status:draft' });
    expect(every.requests.map((r) => r.query)).toEqual([
      { filter: 'status:draft', page: '1', limit: '100' },
      { filter: 'status:draft', page: '2', limit: '100' },
    ]);
    expect(every.items).toHaveLength(130);
    const some = await node('post', 'getAll', { limit: 20 });
    expect(some.requests).toHaveLength(1);
    expect(some.items.map((i) => i.json['slug'])).toEqual(posts.slice(0, 20).map((p) => p.slug));
  });

  it("turns Ghost's errors into a node error with its type and message", async () => {
    const { execution } = await node(
      'post',
      'get',
      { identifier: '5ddc9141c35e7700383b2937' },
      { credentials: { ghostAdminApi: 'other' } },
    );
    expect(execution.error?.message).toMatch(
      /^Node 'Ghost': Ghost post\.get failed: HTTP 401 UnauthorizedError: Authorization failed: invalid signature/,
    );
  });

  itTestsCredential(bed, 'tests a credential by listing one post: the right secret passes, another fails', [
    { id: 'key', calls: [{ path: '/journal/ghost/api/admin/posts/', query: { limit: '1', fields: 'id' } }] },
    { id: 'other', outcome: { ok: false, status: 401 } },
  ]);
});

describe('Ghost node: bad input', () => {
  itRejectsBadInput(bed, 'names the node, the service and the parameter, before anything is sent', {
    name: 'Blog',
    cases: [
      {
        parameters: { resource: 'post', operation: 'create', title: 'Later', status: 'scheduled' },
        fails:
          "Node 'Blog': Ghost post.create: parameter 'status' needs the time it is published at (publishedAt) when the status is scheduled.",
      },
      {
        parameters: { resource: 'post', operation: 'create', title: 'Doc', contentFormat: 'lexical', content: '<p>not JSON</p>' },
        fails:
          "Node 'Blog': Ghost post.create: parameter 'content' must be the document as JSON text when the content format is lexical or mobiledoc.",
      },
      {
        parameters: { resource: 'post', operation: 'update', status: 'published' },
        fails: "Node 'Blog': Ghost post.update: parameter 'postId' is required.",
      },
    ],
  });
});
