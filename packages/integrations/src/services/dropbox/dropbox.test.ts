// Dropbox, checked against Dropbox's own SDK (dropbox): both make the same call to one recording server, the SDK
// through its `fetch` option given the same relay as the engine, so both address api.dropboxapi.com and
// content.dropboxapi.com. They must agree on method, path, body, the token and the `Dropbox-API-Arg` header byte for
// byte; the items must hold what the SDK reads of the same answers. The token endpoint is on the recording server
// too: a refresh must send what the SDK's DropboxAuth sends. The answers are shaped like Dropbox's documented ones.
import type { SeenRequest } from '@flowloom/engine/testing/node';
import { Dropbox, DropboxAuth, DropboxResponseError } from 'dropbox';
import { describe, expect, it } from 'vitest';
import { itNamesMissingCredential, itRejectsBadInput } from '../../testing/bad-input-cases.js';
import { itKeepsCustomCall, itTestsCredential, itWaitsOutRateLimit } from '../../testing/service-cases.js';
import { outputOf, relayFetch, runNode, serviceEngine, type Answer, type NormalizedRequest } from '../../testing/service-harness.js';
import { runInEngineAndCli, serviceTestbed } from '../../testing/service-testbed.js';
import { lineAfterTrigger } from '../../testing/workflows.js';
import { dropbox, dropboxOAuth2 } from './dropbox.js';

const TOKEN = 'sl.u.AFgoodToken0123456789';
const FRESH = 'sl.u.AFfreshToken9876543210';
const EXPIRED = 'sl.u.AFexpiredToken000000';
const REVOKED = 'sl.u.AFrevokedToken00000';
const REFRESH = 'rt-Ab9_refresh';
const APP = { clientId: 'app-key-1', clientSecret: 'app-secret-1' };
const API = 'api.dropboxapi.com';
const CONTENT = 'content.dropboxapi.com';
const MIB = 1024 * 1024;

// --- The vendor: Dropbox's answers, as its HTTP documentation shows them -----------------------------------------

const fileMetadata = (path: string, size: number) => ({
  '.tag': 'file',
  name: path.split('/').pop(),
  path_lower: path.toLowerCase(),
  path_display: path,
  id: `id:${Buffer.from(path).toString('base64url').slice(0, 12)}`,
  client_modified: '2026-01-01T10:00:00Z',
  server_modified: '2026-01-01T10:00:05Z',
  rev: '015f9a0ad1c33b4000000021a5c5140',
  size,
  is_downloadable: true,
  content_hash: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
});
const folderMetadata = (path: string) => ({
  '.tag': 'folder',
  name: path.split('/').pop(),
  path_lower: path.toLowerCase(),
  path_display: path,
  id: 'id:f1',
});
const conflict = (summary: string, error: Record<string, unknown>): Answer => ({ status: 409, body: { error_summary: summary, error } });

/** 250 log files: three pages of 100 and one of 50 when no page size is asked. */
const LOGS = Array.from({ length: 250 }, (_, i) => fileMetadata(`/Logs/day-${String(i).padStart(3, '0')}.json`, 100 + i));
/** A PDF's first bytes and some that are not UTF-8: a download must keep them all. */
const REPORT = Buffer.from([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37, 0x0a, 0xff, 0x00, 0x80, 0xfe, 0xc3, 0x28]);

function page(start: number, size: number) {
  const entries = LOGS.slice(start, start + size);
  const more = start + size < LOGS.length;
  return { entries, cursor: `cursor-${start + size}`, has_more: more };
}

/** Arguments of a call: the JSON body, or the Dropbox-API-Arg header of a content call. */
function argOf(request: SeenRequest): Record<string, unknown> {
  const header = request.headers['dropbox-api-arg'];
  if (typeof header === 'string') return JSON.parse(header) as Record<string, unknown>;
  const text = request.body.toString('utf8');
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

function vendor(request: SeenRequest): Answer | undefined {
  const url = new URL(request.url, 'http://x');
  if (url.pathname === '/oauth2/token') {
    const fields = new URLSearchParams(url.search || request.body.toString('utf8'));
    if (fields.get('grant_type') === 'refresh_token' && fields.get('refresh_token') === REFRESH) {
      return { body: { access_token: FRESH, token_type: 'bearer', expires_in: 14400 } };
    }
    return { status: 400, body: { error: 'invalid_grant', error_description: 'refresh token is invalid or revoked' } };
  }
  const auth = String(request.headers.authorization ?? '');
  if (auth === `Bearer ${EXPIRED}`)
    return { status: 401, body: { error_summary: 'expired_access_token/', error: { '.tag': 'expired_access_token' } } };
  if (auth !== `Bearer ${TOKEN}` && auth !== `Bearer ${FRESH}`) {
    return { status: 401, body: { error_summary: 'invalid_access_token/', error: { '.tag': 'invalid_access_token' } } };
  }
  const arg = argOf(request);
  switch (url.pathname) {
    case '/2/users/get_current_account':
      return { body: { account_id: 'dbid:AAH4f99', name: { display_name: 'Ada Lovelace' }, email: 'ada@example.com' } };
    case '/2/files/list_folder': {
      if (arg['path'] === '/Missing') return conflict('path/not_found/..', { '.tag': 'path', path: { '.tag': 'not_found' } });
      return { body: page(0, Number(arg['limit'] ?? 100)) };
    }
    case '/2/files/list_folder/continue': {
      const start = Number(String(arg['cursor']).slice('cursor-'.length));
      return { body: page(start, 100) };
    }
    case '/2/files/move_v2':
      if (String(arg['to_path']).startsWith('/Taken'))
        return conflict('to/conflict/file/..', { '.tag': 'to', to: { '.tag': 'conflict', conflict: { '.tag': 'file' } } });
      return { body: { metadata: fileMetadata(String(arg['to_path']), 2048) } };
    case '/2/files/delete_v2':
      if (arg['path'] === '/missing.txt')
        return conflict('path_lookup/not_found/...', { '.tag': 'path_lookup', path_lookup: { '.tag': 'not_found' } });
      return { body: { metadata: folderMetadata(String(arg['path'])) } };
    case '/2/sharing/create_shared_link_with_settings': {
      const link = {
        '.tag': 'file',
        url: 'https://www.dropbox.com/scl/fi/abc123/june.pdf?rlkey=k1&dl=0',
        name: 'june.pdf',
        path_lower: String(arg['path']).toLowerCase(),
        id: 'id:3kxyz',
        link_permissions: { resolved_visibility: { '.tag': 'public' }, can_revoke: true },
        ...(arg['settings'] ? { expires: (arg['settings'] as Record<string, unknown>)['expires'] } : {}),
      };
      if (arg['path'] === '/Reports/shared.pdf') {
        return conflict('shared_link_already_exists/metadata/..', {
          '.tag': 'shared_link_already_exists',
          shared_link_already_exists: { '.tag': 'metadata', metadata: link },
        });
      }
      return { body: link };
    }
    case '/2/files/upload':
      if (String(arg['path']).startsWith('/Taken'))
        return conflict('path/conflict/file/..', { '.tag': 'path', reason: { '.tag': 'conflict', conflict: { '.tag': 'file' } } });
      return { body: fileMetadata(String(arg['path']), request.body.length) };
    case '/2/files/upload_session/start':
      return { body: { session_id: 'session-1' } };
    case '/2/files/upload_session/append_v2':
      return { body: null };
    case '/2/files/upload_session/finish': {
      const cursor = arg['cursor'] as { offset: number };
      return { body: fileMetadata(String((arg['commit'] as Record<string, unknown>)['path']), cursor.offset + request.body.length) };
    }
    case '/2/files/download': {
      if (arg['path'] === '/missing.txt') return conflict('path/not_found/..', { '.tag': 'path', path: { '.tag': 'not_found' } });
      const metadata = fileMetadata(String(arg['path']), REPORT.length);
      return {
        headers: {
          'content-type': 'application/octet-stream',
          'dropbox-api-result': JSON.stringify(metadata).replace(
            /[^\x00-\x7e]/g,
            (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
          ),
        },
        body: new Uint8Array(REPORT),
      };
    }
  }
  return undefined;
}

// --- What the SDK and the node must agree on ---------------------------------------------------------------------

/** A request as compared: the normalized request, and the raw `Dropbox-API-Arg` header of a content call. */
type DropboxRequest = NormalizedRequest & { arg: string | undefined };

const bed = serviceTestbed(dropbox, {
  name: 'Files',
  answers: vendor,
  hosts: [API, CONTENT],
  credentials: [
    { id: 'dropbox', type: 'dropboxOAuth2Api', data: APP },
    { id: 'revoked', type: 'dropboxOAuth2Api', data: APP },
  ],
  prepare: async (engine) => {
    await engine.credentials.oauth2.importTokens('dropbox', {
      accessToken: TOKEN,
      tokenType: 'bearer',
      refreshToken: REFRESH,
      expiresAt: Date.now() + 3_600_000,
    });
    await engine.credentials.oauth2.importTokens('revoked', { accessToken: REVOKED, tokenType: 'bearer' });
  },
  // The SDK labels an RPC call's JSON `application/json`, the node `application/json; charset=utf-8`: Dropbox takes
  // both, and the normalized content type (without its parameters) is the same.
  read: (request, raw): DropboxRequest => ({ ...request, arg: raw.headers['dropbox-api-arg'] as string | undefined }),
});
const { take, node } = bed;

/** Dropbox's SDK reaching the recording server through the same relay as the engine (with node-fetch's `buffer()`, which it reads downloads with in Node). */
function sdk(accessToken = TOKEN): Dropbox {
  const relay = relayFetch(bed.routes);
  const fetch = async (input: string, init?: RequestInit) =>
    Object.assign(await relay(input, init), {
      async buffer(this: Response) {
        return Buffer.from(await this.arrayBuffer());
      },
    });
  return new Dropbox({ accessToken, fetch });
}

/** Runs the SDK's call, then the node's operation: the requests must agree; returns the node's run and the SDK's result. */
async function sameAsSdk<T>(
  call: () => Promise<{ result: T }>,
  resource: string,
  operation: string,
  parameters: Record<string, unknown>,
  input?: unknown[],
) {
  await take();
  const { result } = await call();
  const expected = await take();
  const run = await node(resource, operation, parameters, input ? { input: input as never } : {});
  expect(run.execution.error?.message).toBeUndefined();
  expect(run.requests).toEqual(expected);
  return { ...run, result };
}

const file = (bytes: Buffer, fileName = 'notes.txt', mimeType = 'text/plain') => [
  { json: {}, binary: { data: { data: bytes.toString('base64'), mimeType, fileName, fileSize: bytes.length } } },
];

// --- The operations ----------------------------------------------------------------------------------------------

describe('Dropbox files, against the dropbox SDK', () => {
  it('uploads a file, its arguments in Dropbox-API-Arg (non-ASCII escaped) as the SDK writes them, and makes an item of the metadata', async () => {
    const bytes = Buffer.from('Minutes of the r\u00e9union \u2014 2026');
    const { items, requests, result } = await sameAsSdk(
      () =>
        sdk().filesUpload({ path: '/Notes/R\u00e9union \u2615.txt', mode: 'add' as never, autorename: true, mute: false, contents: bytes }),
      'file',
      'upload',
      { path: '/Notes/R\u00e9union \u2615.txt', autorename: true },
      file(bytes),
    );
    expect(requests[0]).toMatchObject({
      method: 'POST',
      path: '/2/files/upload',
      auth: `Bearer ${TOKEN}`,
      contentType: 'application/octet-stream',
      arg: '{"path":"/Notes/R\\u00e9union \\u2615.txt","mode":"add","autorename":true,"mute":false}',
    });
    expect(bed.server.requests.at(-1)!.body.equals(bytes)).toBe(true);
    expect(items[0]!.json).toEqual(result);
  });

  it('downloads a file into the item\u2019s binary, every byte kept, with the metadata the SDK reads from Dropbox-API-Result', async () => {
    const { items, result } = await sameAsSdk(() => sdk().filesDownload({ path: '/Reports/june.pdf' }), 'file', 'download', {
      path: '/Reports/june.pdf',
      binaryProperty: 'report',
    });
    const { fileBinary, ...metadata } = result as unknown as Record<string, unknown> & { fileBinary: Buffer };
    expect(items[0]!.json).toEqual(metadata);
    const got = items[0]!.binary!['report']!;
    expect(Buffer.from(got.data!, 'base64').equals(fileBinary)).toBe(true);
    expect(Buffer.from(got.data!, 'base64').equals(REPORT)).toBe(true);
    expect(got).toMatchObject({ fileName: 'june.pdf', fileSize: REPORT.length, mimeType: 'application/octet-stream' });
  });

  it('moves a file and makes an item of its new metadata, as the SDK reads it', async () => {
    const { items, requests, result } = await sameAsSdk(
      () => sdk().filesMoveV2({ from_path: '/Inbox/june.pdf', to_path: '/Reports/2026/june.pdf', autorename: false }),
      'file',
      'move',
      { fromPath: '/Inbox/june.pdf', toPath: '/Reports/2026/june.pdf' },
    );
    expect(requests[0]).toMatchObject({
      path: '/2/files/move_v2',
      body: { from_path: '/Inbox/june.pdf', to_path: '/Reports/2026/june.pdf', autorename: false },
    });
    expect(items.map((i) => i.json)).toEqual([result.metadata]);
  });

  it('deletes a folder and makes an item of what was deleted, as the SDK reads it', async () => {
    const { items, result } = await sameAsSdk(() => sdk().filesDeleteV2({ path: '/Old' }), 'file', 'delete', { path: '/Old' });
    expect(items.map((i) => i.json)).toEqual([result.metadata]);
  });

  it('creates a shared link with settings, as the SDK does', async () => {
    const { items, requests, result } = await sameAsSdk(
      () =>
        sdk().sharingCreateSharedLinkWithSettings({
          path: '/Reports/june.pdf',
          // A union member without fields may be written as its tag alone, as the node writes it.
          settings: {
            audience: 'public' as never,
            require_password: true,
            link_password: 'pa55',
            expires: '2026-07-01T00:00:00Z',
            allow_download: false,
          },
        }),
      'sharedLink',
      'create',
      { path: '/Reports/june.pdf', audience: 'public', password: 'pa55', expires: '2026-07-01T00:00:00Z', allowDownload: false },
    );
    expect(requests[0]!.body).toEqual({
      path: '/Reports/june.pdf',
      settings: {
        audience: 'public',
        require_password: true,
        link_password: 'pa55',
        expires: '2026-07-01T00:00:00Z',
        allow_download: false,
      },
    });
    expect(items[0]!.json).toEqual(result);
  });

  it('gives the existing link of a file that has one, which Dropbox names in its error as the SDK reads it', async () => {
    const sdkError = await sdk()
      .sharingCreateSharedLinkWithSettings({ path: '/Reports/shared.pdf' })
      .catch((e: DropboxResponseError<{ error: { shared_link_already_exists: { metadata: unknown } } }>) => e);
    await take();
    const { items } = await node('sharedLink', 'create', { path: '/Reports/shared.pdf' });
    expect(items.map((i) => i.json)).toEqual([
      (sdkError as DropboxResponseError<{ error: { shared_link_already_exists: { metadata: unknown } } }>).error.error
        .shared_link_already_exists.metadata,
    ]);
  });
});

describe('Dropbox folders, against the dropbox SDK', () => {
  it('lists a folder over three pages with list_folder/continue, as the SDK\u2019s calls page, and makes an item of each entry', async () => {
    await take();
    const client = sdk();
    const entries: unknown[] = [];
    let answer = (await client.filesListFolder({ path: '/Logs', recursive: false })).result;
    entries.push(...answer.entries);
    while (answer.has_more) {
      answer = (await client.filesListFolderContinue({ cursor: answer.cursor })).result;
      entries.push(...answer.entries);
    }
    const expected = await take();
    const { items, requests } = await node('folder', 'list', { folderPath: '/Logs/', returnAll: true });
    expect(expected).toHaveLength(3);
    expect(requests).toEqual(expected);
    expect(requests.map((r) => [r.path, r.body])).toEqual([
      ['/2/files/list_folder', { path: '/Logs', recursive: false }],
      ['/2/files/list_folder/continue', { cursor: 'cursor-100' }],
      ['/2/files/list_folder/continue', { cursor: 'cursor-200' }],
    ]);
    expect(items.map((i) => i.json)).toEqual(entries);
    expect(items).toHaveLength(250);
  });

  it('asks for a page of the limit, and lists the root as the empty path', async () => {
    const { items, requests } = await sameAsSdk(() => sdk().filesListFolder({ path: '', recursive: true, limit: 30 }), 'folder', 'list', {
      folderPath: '/',
      recursive: true,
      limit: 30,
    });
    expect(requests.map((r) => r.body)).toEqual([{ path: '', recursive: true, limit: 30 }]);
    expect(items).toHaveLength(30);
  });
});

describe('Dropbox large uploads, against the dropbox SDK', () => {
  it('uploads a file larger than the chunk size in an upload session: start, append, finish, as the SDK\u2019s calls send them', async () => {
    const bytes = Buffer.alloc(Math.round(2.5 * MIB));
    for (let i = 0; i < bytes.length; i += 4) bytes.writeUInt32BE(i, i);
    const commit = { path: '/Video/launch.mp4', mode: 'overwrite' as never, autorename: false, mute: true };
    await take();
    const client = sdk();
    const { session_id } = (await client.filesUploadSessionStart({ close: false, contents: bytes.subarray(0, MIB) })).result;
    await client.filesUploadSessionAppendV2({ cursor: { session_id, offset: MIB }, close: false, contents: bytes.subarray(MIB, 2 * MIB) });
    const { result } = await client.filesUploadSessionFinish({
      cursor: { session_id, offset: 2 * MIB },
      commit,
      contents: bytes.subarray(2 * MIB),
    });
    const expected = await take();
    const start = bed.server.requests.length;
    const { items, requests } = await node(
      'file',
      'upload',
      { path: '/Video/launch.mp4', mode: 'overwrite', mute: true, chunkSize: 1 },
      { input: file(bytes, 'launch.mp4', 'video/mp4') },
    );
    expect(requests).toEqual(expected);
    expect(requests.map((r) => [r.path, r.arg])).toEqual([
      ['/2/files/upload_session/start', '{"close":false}'],
      ['/2/files/upload_session/append_v2', `{"cursor":{"session_id":"session-1","offset":${MIB}},"close":false}`],
      [
        '/2/files/upload_session/finish',
        `{"cursor":{"session_id":"session-1","offset":${2 * MIB}},"commit":{"path":"/Video/launch.mp4","mode":"overwrite","autorename":false,"mute":true}}`,
      ],
    ]);
    expect(Buffer.concat(bed.server.requests.slice(start).map((r) => r.body)).equals(bytes)).toBe(true);
    expect(items[0]!.json).toEqual(result);
  });
});

// --- Limits, errors, OAuth2 --------------------------------------------------------------------------------------

describe('Dropbox rate limits and errors', () => {
  itWaitsOutRateLimit(bed, {
    title: 'waits as Retry-After says on a 429, on the engine clock, and tries again',
    parameters: { resource: 'file', operation: 'delete', path: '/Old' },
    limits: (_request, path) => path === '/2/files/delete_v2',
    answer: {
      status: 429,
      headers: { 'retry-after': '2' },
      body: { error_summary: 'too_many_requests/...', error: { reason: { '.tag': 'too_many_requests' }, retry_after: 2 } },
    },
    waitMs: 2_000,
    check: ({ execution, limited, retried }) => {
      expect(execution.status).toBe('success');
      expect(retried).toEqual(limited);
    },
  });

  itWaitsOutRateLimit(bed, {
    title: 'waits out a 429 on a content call (a download) too',
    parameters: { resource: 'file', operation: 'download', path: '/Reports/june.pdf' },
    limits: (_request, path) => path === '/2/files/download',
    answer: { status: 429, headers: { 'retry-after': '5' }, body: { error_summary: 'too_many_write_operations/..', error: {} } },
    waitMs: 5_000,
    check: ({ execution, retried }) => {
      expect(execution.status).toBe('success');
      expect(retried).toHaveLength(1);
    },
  });

  it('names Dropbox\u2019s error and the parameter at fault, from the error the SDK receives', async () => {
    const summaries = [];
    for (const call of [
      () => sdk().filesDownload({ path: '/missing.txt' }),
      () => sdk().filesMoveV2({ from_path: '/a.txt', to_path: '/Taken/a.txt' }),
      () => sdk().filesDeleteV2({ path: '/missing.txt' }),
      () => sdk().filesUpload({ path: '/Taken/a.txt', contents: Buffer.from('x') }),
    ]) {
      summaries.push(
        await (call() as Promise<unknown>).catch((e: DropboxResponseError<{ error_summary: string }>) => [e.status, e.error.error_summary]),
      );
    }
    await take();
    expect(summaries).toEqual([
      [409, 'path/not_found/..'],
      [409, 'to/conflict/file/..'],
      [409, 'path_lookup/not_found/...'],
      [409, 'path/conflict/file/..'],
    ]);
    const runs = [
      await node('file', 'download', { path: '/missing.txt' }),
      await node('file', 'move', { fromPath: '/a.txt', toPath: '/Taken/a.txt' }),
      await node('file', 'delete', { path: '/missing.txt' }),
      await node('file', 'upload', { path: '/Taken/a.txt' }, { input: file(Buffer.from('x')) }),
    ];
    expect(runs.map((r) => r.execution.error?.message)).toEqual([
      "Node 'Files': Dropbox file.download failed: HTTP 409 path/not_found: nothing exists at this path (parameter 'path')",
      "Node 'Files': Dropbox file.move failed: HTTP 409 to/conflict/file: something already exists at this path (parameter 'toPath')",
      "Node 'Files': Dropbox file.delete failed: HTTP 409 path_lookup/not_found: nothing exists at this path (parameter 'path')",
      "Node 'Files': Dropbox file.upload failed: HTTP 409 path/conflict/file: something already exists at this path (parameter 'path')",
    ]);
    expect(runs[0]!.execution.error?.details).toMatchObject({
      service: 'dropbox',
      status: 409,
      vendorCode: 'path/not_found',
      parameter: 'path',
    });
  });

  itTestsCredential(bed, 'tests a credential with the current account: a good token passes, a revoked one fails, as the SDK sees them', [
    { id: 'dropbox', sdk: () => sdk().usersGetCurrentAccount() },
    {
      id: 'revoked',
      sdk: async () =>
        expect(
          await sdk(REVOKED)
            .usersGetCurrentAccount()
            .catch((e: DropboxResponseError<unknown>) => e.status),
        ).toBe(401),
      // A token Dropbox refuses, with no refresh token to get another: the account must be connected again.
      outcome: {
        ok: false,
        message:
          "Credential 'revoked': the access token expired and the provider gave no refresh token. Reconnect this account: open the credential and connect it again.",
      },
    },
  ]);
});

describe('Dropbox OAuth2', () => {
  /** An engine whose Dropbox account's token is `accessToken`, expiring at `expiresAt`. */
  async function connected(accessToken: string, expiresAt: number, refreshToken = REFRESH) {
    const engine = await serviceEngine({
      nodeTypes: [dropbox.node],
      credentialTypes: [dropboxOAuth2],
      routes: bed.routes,
      credentials: [{ id: 'account', type: 'dropboxOAuth2Api', data: APP }],
    });
    await engine.credentials.oauth2.importTokens('account', { accessToken, tokenType: 'bearer', refreshToken, expiresAt });
    return engine;
  }
  const deleteOld = {
    type: dropbox.node.type,
    parameters: { resource: 'file', operation: 'delete', path: '/Old' },
    credentials: { dropboxOAuth2Api: 'account' },
  };

  it('refreshes an expired token at the token endpoint with what the SDK\u2019s DropboxAuth sends, then calls with the new one', async () => {
    await take();
    await new DropboxAuth({ ...APP, refreshToken: REFRESH, fetch: relayFetch(bed.routes) }).refreshAccessToken();
    const [fromSdk] = bed.server.requests.slice(-1);
    await take();
    const engine = await connected(EXPIRED, Date.now() - 1000);
    const start = bed.server.requests.length;
    const execution = await runNode(engine, deleteOld);
    expect(execution.status).toBe('success');
    const [refresh, call] = bed.server.requests.slice(start);
    // The SDK sends the fields in the token URL's query; the engine in a form body, as OAuth2 defines: the same fields.
    const fields = (request: SeenRequest) =>
      Object.fromEntries(new URLSearchParams(new URL(request.url, 'http://x').search || request.body.toString('utf8')));
    expect(fields(refresh!)).toEqual(fields(fromSdk!));
    expect(fields(refresh!)).toEqual({
      grant_type: 'refresh_token',
      refresh_token: REFRESH,
      client_id: APP.clientId,
      client_secret: APP.clientSecret,
    });
    expect([refresh!.method, new URL(refresh!.url, 'http://x').pathname]).toEqual(['POST', '/oauth2/token']);
    expect(call!.headers.authorization).toBe(`Bearer ${FRESH}`);
  });

  it('refreshes once when Dropbox says the token expired early (401 expired_access_token), and tries again', async () => {
    const engine = await connected(EXPIRED, Date.now() + 3_600_000);
    const start = bed.server.requests.length;
    const execution = await runNode(engine, deleteOld);
    expect(execution.status).toBe('success');
    expect(bed.server.requests.slice(start).map((r) => `${new URL(r.url, 'http://x').pathname} ${r.headers.authorization ?? ''}`)).toEqual([
      `/2/files/delete_v2 Bearer ${EXPIRED}`,
      '/oauth2/token ',
      `/2/files/delete_v2 Bearer ${FRESH}`,
    ]);
  });

  it('asks to reconnect when Dropbox refuses the refresh token', async () => {
    const engine = await connected(EXPIRED, Date.now() - 1000, 'rt-revoked');
    const execution = await runNode(engine, deleteOld);
    expect(execution.error?.message).toMatch(/Reconnect this account: open the credential and connect it again\.$/);
  });

  it('sends the user to Dropbox\u2019s authorize page with offline access and PKCE, as the SDK builds it', async () => {
    const engine = await connected(TOKEN, Date.now() + 3_600_000);
    const redirectUri = 'https://app.example.com/oauth2/callback';
    const { url } = await engine.credentials.oauth2.startAuthorization('account', { redirectUri });
    const auth = new DropboxAuth({ clientId: APP.clientId, fetch: relayFetch(bed.routes) });
    const fromSdk = new URL(
      String(await auth.getAuthenticationUrl(redirectUri, 'state-1', 'code', 'offline', ['account_info.read'], 'none', true)),
    );
    const ours = new URL(url);
    expect(ours.origin + ours.pathname).toBe(fromSdk.origin + fromSdk.pathname);
    expect([...new Set(ours.searchParams.keys())].sort()).toEqual([...new Set(fromSdk.searchParams.keys())].sort());
    for (const key of ['response_type', 'client_id', 'redirect_uri', 'token_access_type', 'code_challenge_method']) {
      expect([key, ours.searchParams.get(key)]).toEqual([key, fromSdk.searchParams.get(key)]);
    }
    expect(ours.searchParams.get('scope')).toBe(
      'account_info.read files.metadata.read files.content.read files.content.write sharing.write',
    );
  });
});

describe('Dropbox node: bad input', () => {
  itNamesMissingCredential(bed, {
    name: 'Files',
    parameters: { resource: 'file', operation: 'delete', path: '/Old' },
    message: "Node 'Files': Dropbox file.delete needs a credential: choose a Dropbox OAuth2 credential.",
  });

  itRejectsBadInput(bed, 'names the node, the service and the parameter that is wrong, missing or unknown', {
    name: 'Files',
    cases: [
      {
        parameters: { resource: 'file', operation: 'delete', path: 'Reports/june.pdf' },
        throws: "node 'Files' (Dropbox): parameter 'path' must be a Dropbox path such as /Reports/june.pdf (or id:...)",
      },
      {
        parameters: { resource: 'file', operation: 'move', fromPath: '/a.txt' },
        fails: "Node 'Files': Dropbox file.move: parameter 'toPath' is required.",
      },
      {
        parameters: { resource: 'file', operation: 'upload', path: '/a.txt' },
        fails: "Node 'Files': Dropbox file.upload: parameter 'binaryProperty': the item has no binary 'data' with data.",
      },
      {
        parameters: { resource: 'file', operation: 'upload', path: '/a.txt', chunkSize: 151 },
        throws: "node 'Files' (Dropbox): parameter 'chunkSize' expected a number at most 150, got 151",
      },
      {
        parameters: { resource: 'sharedLink', operation: 'create', path: '/a.txt', expires: 'next week' },
        throws: "node 'Files' (Dropbox): parameter 'expires' must be a UTC time such as 2026-07-01T00:00:00Z",
      },
    ],
    unknown: { service: 'Dropbox', resources: ['file', 'folder', 'sharedLink', 'custom'], operation: ['file', 'upload'] },
  });

  itKeepsCustomCall(bed, 'keeps the custom API call on api.dropboxapi.com, signed with the token', {
    parameters: { method: 'POST', path: '/users/get_current_account' },
    request: { method: 'POST', path: '/2/users/get_current_account', auth: `Bearer ${TOKEN}` },
    item: { statusCode: 200, body: { account_id: 'dbid:AAH4f99' } },
  });
});

describe('Dropbox in a workflow', () => {
  it('files the logs away: Manual Trigger \u2192 Dropbox folder list \u2192 Dropbox move of each, in engine.run and the CLI', async () => {
    const workflow = lineAfterTrigger([
      {
        id: 'list',
        name: 'Logs',
        type: dropbox.node.type,
        parameters: { resource: 'folder', operation: 'list', folderPath: '/Logs', limit: 3 },
        credentials: { dropboxOAuth2Api: 'dropbox' },
      },
      {
        id: 'move',
        name: 'Archive',
        type: dropbox.node.type,
        parameters: { resource: 'file', operation: 'move', fromPath: '{{ $json.path_display }}', toPath: '/Archive/{{ $json.name }}' },
        credentials: { dropboxOAuth2Api: 'dropbox' },
      },
    ]);
    const { requests, execution } = await runInEngineAndCli(bed, workflow, {
      credentials: [{ id: 'dropbox', type: 'dropboxOAuth2Api', data: APP, oauth2: { accessToken: TOKEN, tokenType: 'bearer' } }],
      compare: 'move',
    });
    expect(requests.map((r) => r.body)).toEqual([
      { path: '/Logs', recursive: false, limit: 3 },
      { from_path: '/Logs/day-000.json', to_path: '/Archive/day-000.json', autorename: false },
      { from_path: '/Logs/day-001.json', to_path: '/Archive/day-001.json', autorename: false },
      { from_path: '/Logs/day-002.json', to_path: '/Archive/day-002.json', autorename: false },
    ]);
    expect(outputOf({ ...execution, nodes: { service: execution.nodes['move']! } }).map((i) => i.json['path_display'])).toEqual([
      '/Archive/day-000.json',
      '/Archive/day-001.json',
      '/Archive/day-002.json',
    ]);
  });
});
