// GitHub, checked against GitHub's own library (@octokit/rest): both make the same call to one recording server,
// the library through its `baseUrl` option, the node through the engine's relay for api.github.com. The recording
// server answers as GitHub's REST reference documents it; list pages are linked with `Link: <...>; rel="next"`,
// pointing at the server for the library and at api.github.com for the node (which the relay sends here too).
import type { SeenRequest } from '@flowloom/engine/testing/node';
import { Octokit } from '@octokit/rest';
import { beforeAll, describe, expect, it } from 'vitest';
import { itNamesMissingCredential, itRejectsBadInput } from '../../testing/bad-input-cases.js';
import { itKeepsCustomCall, itTestsCredential, itWaitsOutRateLimit } from '../../testing/service-cases.js';
import { outputOf, type Answer } from '../../testing/service-harness.js';
import { serviceTestbed } from '../../testing/service-testbed.js';
import { github } from './github.js';

const TOKEN = 'ghp_good0123456789';
const REPO = '/repos/octo/hello';

const issue = (number: number, extra: Record<string, unknown> = {}) => ({
  id: 1000 + number,
  number,
  title: `Issue ${number}`,
  state: 'open',
  labels: [],
  html_url: `https://github.com/octo/hello/issues/${number}`,
  ...extra,
});
const fileContent = 'hello from the repository\n';

/** Answers that tests add for one case, tried before the documented ones. */
const overrides: ((request: SeenRequest, url: URL) => Answer | undefined)[] = [];

function answer(request: SeenRequest): Answer | undefined {
  const url = new URL(request.url, 'http://x');
  for (const override of overrides) {
    const found = override(request, url);
    if (found) return found;
  }
  const sent = request.body.length > 0 ? (JSON.parse(request.body.toString('utf8')) as Record<string, unknown>) : {};
  const fromLibrary = String(request.headers['user-agent'] ?? '').includes('octokit');
  const origin = fromLibrary ? bed.server.url : 'https://api.github.com';
  const route = `${request.method} ${url.pathname}`;
  if (route === 'GET /user') {
    return request.headers.authorization === `token ${TOKEN}`
      ? { body: { login: 'octocat', id: 1 } }
      : { status: 401, body: { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest', status: '401' } };
  }
  // Three pages of anything listed: the first without `page`, then pages 2 and 3 as the Link header says.
  const listed: Record<string, (n: number) => unknown> = {
    [`GET ${REPO}/issues`]: (n) => issue(n),
    [`GET ${REPO}/issues/7/comments`]: (n) => ({ id: n, body: `Comment ${n}` }),
    [`GET ${REPO}/pulls`]: (n) => ({ id: n, number: n, title: `PR ${n}`, state: 'open' }),
    [`GET ${REPO}/releases`]: (n) => ({ id: n, tag_name: `v1.${n}.0` }),
  };
  if (listed[route]) {
    const page = Number(url.searchParams.get('page') ?? '1');
    const next = new URL(url.pathname, origin);
    for (const [key, value] of url.searchParams) if (key !== 'page') next.searchParams.set(key, value);
    next.searchParams.set('page', String(page + 1));
    const last = new URL(next);
    last.searchParams.set('page', '3');
    return {
      headers: page < 3 ? { link: `<${next.href}>; rel="next", <${last.href}>; rel="last"` } : {},
      body: (page < 3 ? [page * 2 - 1, page * 2] : [5]).map((n) => listed[route]!(n)),
    };
  }
  switch (route) {
    case `POST ${REPO}/issues`:
      return { status: 201, body: issue(7, sent) };
    case `PATCH ${REPO}/issues/7`:
      return { body: issue(7, sent) };
    case `GET ${REPO}/issues/7`:
      return { body: issue(7) };
    case `POST ${REPO}/issues/7/comments`:
      return { status: 201, body: { id: 55, body: sent['body'], user: { login: 'octocat' } } };
    case `POST ${REPO}/pulls`:
      return { status: 201, body: { id: 900, number: 12, state: 'open', ...sent } };
    case `GET ${REPO}/pulls/12`:
      return { body: { id: 900, number: 12, state: 'open', mergeable: true } };
    case `PUT ${REPO}/pulls/12/merge`:
      return { body: { sha: '6dcb09b5b57875f334f61aebed695e2e4193db5e', merged: true, message: 'Pull Request successfully merged' } };
    case `POST ${REPO}/releases`:
      return { status: 201, body: { id: 3, draft: false, ...sent } };
    case `GET ${REPO}/contents/docs%2FREADME.md`:
      return {
        body: {
          type: 'file',
          encoding: 'base64',
          size: fileContent.length,
          name: 'README.md',
          path: 'docs/README.md',
          sha: '3d21ec53a331a6f037a91c368710b99387d012c1',
          // GitHub breaks the base64 into lines.
          content: `${Buffer.from(fileContent).toString('base64').slice(0, 20)}\n${Buffer.from(fileContent).toString('base64').slice(20)}\n`,
        },
      };
    case `GET ${REPO}/contents/docs`:
      return {
        body: [
          { type: 'file', name: 'README.md', path: 'docs/README.md' },
          { type: 'dir', name: 'img', path: 'docs/img' },
        ],
      };
    case `PUT ${REPO}/contents/docs%2FREADME.md`:
      return {
        status: sent['sha'] ? 200 : 201,
        body: {
          content: { name: 'README.md', path: 'docs/README.md', sha: 'a'.repeat(40) },
          commit: { sha: 'b'.repeat(40), message: sent['message'] },
        },
      };
  }
  return undefined;
}

const bed = serviceTestbed(github, {
  name: 'GitHub',
  answers: answer,
  hosts: ['api.github.com'],
  credentials: [
    { id: 'pat', type: 'githubApi', data: { token: TOKEN } },
    { id: 'revoked', type: 'githubApi', data: { token: 'ghp_revoked' } },
  ],
});
const { take, node } = bed;
let sdk: Octokit;
beforeAll(() => {
  sdk = new Octokit({ auth: TOKEN, baseUrl: bed.server.url });
});

/** Runs the library's call and the node's, and requires the same requests; returns the node's run and the library's answer. */
async function sameAsSdk(sdkCall: () => Promise<unknown>, resource: string, operation: string, parameters: Record<string, unknown>) {
  await take();
  const fromSdk = (await sdkCall()) as { data: unknown };
  const expected = await take();
  const run = await node(resource, operation, parameters);
  expect(run.execution.error?.message).toBeUndefined();
  expect(run.requests).toEqual(expected);
  return { ...run, fromSdk: fromSdk.data };
}

const base = { owner: 'octo', repo: 'hello' };
const sha = 'e'.repeat(40);

/** Each operation: the library's call, and the node's parameters for the same request. */
const operations: [string, string, () => Promise<unknown>, Record<string, unknown>][] = [
  [
    'issue',
    'create',
    () =>
      sdk.rest.issues.create({
        ...base,
        title: 'Crash on start',
        body: 'It **crashes**.',
        labels: ['bug'],
        assignees: ['ada'],
        milestone: 2,
      }),
    { ...base, title: 'Crash on start', text: 'It **crashes**.', labels: ['bug'], assignees: ['ada'], milestone: 2 },
  ],
  [
    'issue',
    'update',
    () => sdk.rest.issues.update({ ...base, issue_number: 7, state: 'closed', state_reason: 'not_planned', labels: [], milestone: null }),
    { ...base, issueNumber: 7, issueState: 'closed', stateReason: 'not_planned', labels: [], milestone: null },
  ],
  ['issue', 'get', () => sdk.rest.issues.get({ ...base, issue_number: 7 }), { ...base, issueNumber: 7 }],
  [
    'comment',
    'create',
    () => sdk.rest.issues.createComment({ ...base, issue_number: 7, body: 'Thanks!' }),
    { ...base, issueNumber: 7, text: 'Thanks!' },
  ],
  [
    'pullRequest',
    'create',
    () => sdk.rest.pulls.create({ ...base, title: 'Fix crash', head: 'fix-crash', base: 'main', body: 'Fixes #7', draft: true }),
    { ...base, title: 'Fix crash', head: 'fix-crash', base: 'main', text: 'Fixes #7', draft: true },
  ],
  ['pullRequest', 'get', () => sdk.rest.pulls.get({ ...base, pull_number: 12 }), { ...base, pullNumber: 12 }],
  [
    'pullRequest',
    'merge',
    () => sdk.rest.pulls.merge({ ...base, pull_number: 12, merge_method: 'squash', commit_title: 'Fix crash (#12)', sha }),
    { ...base, pullNumber: 12, mergeMethod: 'squash', commitTitle: 'Fix crash (#12)', sha },
  ],
  [
    'release',
    'create',
    () =>
      sdk.rest.repos.createRelease({
        ...base,
        tag_name: 'v1.2.0',
        target_commitish: 'main',
        name: 'One two',
        body: 'Notes',
        prerelease: false,
        generate_release_notes: true,
        make_latest: 'true',
      }),
    {
      ...base,
      tagName: 'v1.2.0',
      targetCommitish: 'main',
      name: 'One two',
      text: 'Notes',
      prerelease: false,
      generateReleaseNotes: true,
      makeLatest: 'true',
    },
  ],
  [
    'file',
    'get',
    () => sdk.rest.repos.getContent({ ...base, path: 'docs/README.md', ref: 'main' }),
    { ...base, filePath: 'docs/README.md', ref: 'main' },
  ],
  [
    'file',
    'put',
    () =>
      sdk.rest.repos.createOrUpdateFileContents({
        ...base,
        path: 'docs/README.md',
        message: 'Update the readme',
        content: Buffer.from('Grüße\n').toString('base64'),
        sha,
        branch: 'docs',
        committer: { name: 'Ada', email: 'ada@example.com' },
      }),
    {
      ...base,
      filePath: 'docs/README.md',
      message: 'Update the readme',
      content: 'Grüße\n',
      sha,
      branch: 'docs',
      committer: { name: 'Ada', email: 'ada@example.com' },
    },
  ],
];

/** Each list: the library following every page, and the node's parameters for the same pages. */
const lists: [string, () => Promise<unknown[]>, Record<string, unknown>][] = [
  [
    'issue',
    () =>
      sdk.paginate(sdk.rest.issues.listForRepo, {
        ...base,
        state: 'all',
        labels: 'bug,ui',
        sort: 'updated',
        direction: 'asc',
        per_page: 100,
      }),
    { ...base, listState: 'all', labels: ['bug', 'ui'], sort: 'updated', direction: 'asc' },
  ],
  [
    'comment',
    () => sdk.paginate(sdk.rest.issues.listComments, { ...base, issue_number: 7, since: '2026-01-01T00:00:00Z', per_page: 100 }),
    { ...base, issueNumber: 7, since: '2026-01-01T00:00:00Z' },
  ],
  [
    'pullRequest',
    () => sdk.paginate(sdk.rest.pulls.list, { ...base, state: 'closed', base: 'main', sort: 'long-running', per_page: 100 }),
    { ...base, listState: 'closed', base: 'main', pullSort: 'long-running' },
  ],
  ['release', () => sdk.paginate(sdk.rest.repos.listReleases, { ...base, per_page: 100 }), { ...base }],
];

describe('GitHub, against @octokit/rest', () => {
  it.each(operations)('%s.%s sends what the library sends, and puts out what it read', async (resource, operation, sdkCall, parameters) => {
    const { items, fromSdk } = await sameAsSdk(sdkCall, resource, operation, parameters);
    expect(items.map((i) => i.json)).toEqual([fromSdk]);
  });

  it.each(lists)('lists %s over three pages by the Link header, as the library pages', async (resource, sdkCall, parameters) => {
    await take();
    const all = await sdkCall();
    const expected = await take();
    const { items, requests, execution } = await node(resource, 'list', { ...parameters, returnAll: true });
    expect(execution.error?.message).toBeUndefined();
    expect(expected).toHaveLength(3);
    expect(requests).toEqual(expected);
    expect(items.map((i) => i.json)).toEqual(all);
  });

  it('covers every operation of the service', () => {
    const tested = new Set([...operations.map(([r, o]) => `${r}.${o}`), ...lists.map(([r]) => `${r}.list`)]);
    const all = Object.entries(github.definition.resources)
      .filter(([r]) => r !== 'custom')
      .flatMap(([r, res]) => Object.keys(res.operations).map((o) => `${r}.${o}`));
    expect(all.filter((op) => !tested.has(op))).toEqual([]);
  });

  it('sends GitHub\u2019s media type and API version with every request', async () => {
    await take();
    const start = bed.server.requests.length;
    await node('issue', 'get', { ...base, issueNumber: 7 });
    expect(bed.server.requests.slice(start).map((r) => [r.headers['accept'], r.headers['x-github-api-version']])).toEqual([
      ['application/vnd.github+json', '2022-11-28'],
    ]);
  });

  it('stops at the limit without asking for pages it does not need', async () => {
    await take();
    const { items, requests } = await node('issue', 'list', { ...base, limit: 3 });
    expect(items.map((i) => i.json['number'])).toEqual([1, 2, 3]);
    expect(requests.map((r) => r.query)).toEqual([{ per_page: '100' }, { per_page: '100', page: '2' }]);
  });

  it('reads a file into the item\u2019s binary, decoded as the library\u2019s answer holds it', async () => {
    await take();
    const { data } = await sdk.rest.repos.getContent({ ...base, path: 'docs/README.md' });
    const { items } = await node('file', 'get', { ...base, filePath: 'docs/README.md', binaryProperty: 'readme' });
    const content = (data as { content: string }).content;
    expect(Buffer.from(items[0]!.binary!['readme']!.data!, 'base64').toString('utf8')).toBe(
      Buffer.from(content, 'base64').toString('utf8'),
    );
    expect(Buffer.from(items[0]!.binary!['readme']!.data!, 'base64').toString('utf8')).toBe(fileContent);
    expect(items[0]!.binary!['readme']).toMatchObject({ fileName: 'README.md', fileSize: fileContent.length });
  });

  it('lists a directory as one item per entry, as the library reads it', async () => {
    await take();
    const { data } = await sdk.rest.repos.getContent({ ...base, path: 'docs' });
    await take();
    const { items, requests } = await node('file', 'get', { ...base, filePath: 'docs' });
    expect(requests.map((r) => r.path)).toEqual([`${REPO}/contents/docs`]);
    expect(items.map((i) => i.json)).toEqual(data);
  });

  it('commits the item\u2019s file as the library sends it, creating a file when no SHA is given', async () => {
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff]);
    await take();
    await sdk.rest.repos.createOrUpdateFileContents({
      ...base,
      path: 'docs/README.md',
      message: 'Add a picture',
      content: bytes.toString('base64'),
    });
    const expected = await take();
    const { requests, items } = await bed.node(
      'file',
      'put',
      { ...base, filePath: 'docs/README.md', message: 'Add a picture', binaryData: true, binaryProperty: 'picture' },
      { input: [{ json: {}, binary: { picture: { data: bytes.toString('base64'), mimeType: 'image/png', fileName: 'p.png' } } }] },
    );
    expect(requests).toEqual(expected);
    expect(items[0]!.json).toMatchObject({ commit: { message: 'Add a picture' } });
  });

  itWaitsOutRateLimit(bed, {
    title: 'waits as Retry-After says on a 403 for the secondary rate limit, on the engine clock',
    parameters: { resource: 'issue', operation: 'create', ...base, title: 'Later' },
    limits: (request, path) => request.method === 'POST' && path === `${REPO}/issues`,
    answer: {
      status: 403,
      headers: { 'retry-after': '30' },
      body: { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' },
    },
    waitMs: 30_000,
    check: ({ execution, limited, retried }) => {
      expect(execution.error?.message).toBeUndefined();
      expect(limited).toEqual(retried);
      expect(outputOf(execution)[0]!.json).toMatchObject({ number: 7, title: 'Later' });
    },
  });

  itWaitsOutRateLimit(bed, {
    title: 'waits until X-RateLimit-Reset when the primary rate limit is spent, on the engine clock',
    parameters: { resource: 'issue', operation: 'get', ...base, issueNumber: 7 },
    limits: (request, path) => path === `${REPO}/issues/7`,
    answer: (clock) => ({
      status: 403,
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.floor(clock.now() / 1000) + 20) },
      body: { message: 'API rate limit exceeded for user ID 1.' },
    }),
    waitMs: 20_000,
    check: ({ execution, retried }) => {
      expect(execution.error?.message).toBeUndefined();
      expect(retried.map((r) => r.path)).toEqual([`${REPO}/issues/7`]);
    },
  });

  it("turns GitHub's validation error into a node error naming the code and the parameter, as the library reports them", async () => {
    const validation = {
      status: 422,
      body: {
        message: 'Validation Failed',
        errors: [{ resource: 'Release', code: 'already_exists', field: 'tag_name' }],
        documentation_url: 'https://docs.github.com/rest/releases/releases#create-a-release',
      },
    };
    overrides.push((request, url) => (request.method === 'POST' && url.pathname === `${REPO}/releases` ? validation : undefined));
    await take();
    const sdkError = await sdk.rest.repos
      .createRelease({ ...base, tag_name: 'v1.0.0' })
      .catch((e: { status: number; response: { data: { errors: { field: string; code: string }[] } } }) => ({
        status: e.status,
        ...e.response.data.errors[0],
      }));
    const { execution } = await node('release', 'create', { ...base, tagName: 'v1.0.0' });
    overrides.pop();
    expect(sdkError).toMatchObject({ status: 422, field: 'tag_name', code: 'already_exists' });
    expect(execution.error?.message).toBe(
      "Node 'GitHub': GitHub release.create failed: HTTP 422 already_exists: Validation Failed: tag_name already exists (parameter 'tagName')",
    );
    expect(execution.error?.details).toMatchObject({ service: 'github', status: 422, vendorCode: 'already_exists', parameter: 'tagName' });
  });

  it('names a missing issue with GitHub\u2019s own message', async () => {
    overrides.push((_, url) =>
      url.pathname === `${REPO}/issues/404`
        ? { status: 404, body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest/issues/issues#get-an-issue' } }
        : undefined,
    );
    const { execution } = await node('issue', 'get', { ...base, issueNumber: 404 });
    overrides.pop();
    expect(execution.error?.message).toBe("Node 'GitHub': GitHub issue.get failed: HTTP 404: Not Found");
  });

  itTestsCredential(bed, 'tests a token by reading the user: a good token passes, a revoked one fails as the library sees it', [
    { id: 'pat', calls: [{ method: 'GET', path: '/user', auth: `token ${TOKEN}` }] },
    {
      id: 'revoked',
      sdk: async () => {
        const revoked = new Octokit({ auth: 'ghp_revoked', baseUrl: bed.server.url });
        expect(await revoked.rest.users.getAuthenticated().catch((e: { status: number }) => e.status)).toBe(401);
      },
      outcome: { ok: false, status: 401 },
      calls: [{ method: 'GET', path: '/user', auth: 'token ghp_revoked' }],
    },
  ]);
});

describe('GitHub node: bad input', () => {
  itNamesMissingCredential(bed, {
    name: 'Triage',
    parameters: { resource: 'issue', operation: 'get', ...base, issueNumber: 7 },
    message: "Node 'Triage': GitHub issue.get needs a credential: choose a GitHub personal access token or GitHub App credential.",
  });

  itRejectsBadInput(bed, 'names the node, the service and the parameter left out or of the wrong kind', {
    name: 'Triage',
    cases: [
      {
        parameters: { resource: 'issue', operation: 'create', ...base },
        fails: "Node 'Triage': GitHub issue.create: parameter 'title' is required.",
      },
      {
        parameters: { resource: 'issue', operation: 'get', ...base, issueNumber: 'seven' },
        throws: "node 'Triage' (GitHub): parameter 'issueNumber' expected a number",
      },
      {
        parameters: { resource: 'file', operation: 'get', ...base, filePath: '/etc/passwd' },
        throws: "node 'Triage' (GitHub): parameter 'filePath' must be a path in the repository without a leading slash",
      },
      {
        parameters: { resource: 'file', operation: 'put', ...base, filePath: 'a.txt', message: 'm' },
        fails: "Node 'Triage': GitHub file.put: parameter 'content' is required (or choose a file).",
      },
      {
        parameters: { resource: 'file', operation: 'put', ...base, filePath: 'a.txt', message: 'm', binaryData: true },
        fails: "Node 'Triage': GitHub file.put: parameter 'binaryProperty': the item has no binary 'data' with data.",
      },
    ],
  });

  itRejectsBadInput(bed, 'names an unknown resource or operation with the real ones', {
    name: 'Triage',
    unknown: {
      service: 'GitHub',
      resources: ['issue', 'comment', 'pullRequest', 'release', 'file', 'custom'],
      operation: ['issue', 'create'],
    },
  });

  itKeepsCustomCall(bed, 'signs a custom API call on api.github.com with the token', {
    parameters: { method: 'GET', path: '/user' },
    request: { method: 'GET', path: '/user', auth: `token ${TOKEN}` },
    item: { statusCode: 200, body: { login: 'octocat' } },
  });

  it('refuses a custom API call to another host, sending nothing', async () => {
    await take();
    const { execution, requests } = await node('custom', 'apiCall', { method: 'GET', path: 'https://evil.example.com/user' });
    expect(execution.error?.message).toMatch(/parameter 'path' must be a path below https:\/\/api.github.com/);
    expect(requests).toEqual([]);
  });
});
