// Google Drive, checked against Google's own SDK (@googleapis/drive): both make the same call to one recording server,
// the SDK through a gaxios `fetchImplementation` that relays Google's hosts there as the engine's fetch port does. The
// SDK uploads media only as multipart (or simple) uploads: resumable uploads are checked against Drive's published
// protocol instead (https://developers.google.com/workspace/drive/api/guides/manage-uploads#resumable).
import { Readable } from 'node:stream';
import { drive, type drive_v3 } from '@googleapis/drive';
import type { Item } from '@flowloom/engine';
import { createTestClock } from '@flowloom/engine/testing';
import type { SeenRequest } from '@flowloom/engine/testing/node';
import { OAuth2Client } from 'google-auth-library';
import { beforeAll, describe, expect, it } from 'vitest';
import { itNamesMissingCredential, itRejectsBadInput } from '../../testing/bad-input-cases.js';
import { itKeepsCustomCall, itTestsCredential, itWaitsOutRateLimit } from '../../testing/service-cases.js';
import { relayFetch, type Answer, type NormalizedRequest } from '../../testing/service-harness.js';
import { runInEngineAndCli, serviceTestbed } from '../../testing/service-testbed.js';
import { lineAfterTrigger } from '../../testing/workflows.js';
import { FILE_FIELDS, FOLDER_MIME_TYPE, googleDrive } from './google-drive.js';

const TOKEN = 'ya29.drive-good';
const REVOKED = 'ya29.drive-revoked';
const CLIENT = { clientId: '1234-abc.apps.googleusercontent.com', clientSecret: 'GOCSPX-secret' };
const SESSION = 'https://www.googleapis.com/upload/drive/v3/files?uploadType=resumable&upload_id=ADPycdu1';

const googleFailure = (status: number, reason: string, message: string, where?: { location: string; locationType: string }) => ({
  status,
  body: { error: { code: status, message, errors: [{ message, domain: 'global', reason, ...where }] } },
});
const file = (id: string, name: string, extra: Record<string, unknown> = {}) => ({
  kind: 'drive#file',
  id,
  name,
  mimeType: 'text/plain',
  parents: ['folderA'],
  ...extra,
});
const report = file('f1', 'report.txt', { size: '18' });
const REPORT_BYTES = Buffer.from('quarterly numbers\n');
const plan = file('doc1', 'Plan', { mimeType: 'application/vnd.google-apps.document' });
const PDF_BYTES = Buffer.from('%PDF-1.7 the plan');
const pages: Record<string, { files: ReturnType<typeof file>[]; next?: string }> = {
  '': { files: [file('a1', 'a1.txt'), file('a2', 'a2.txt')], next: 'p2' },
  p2: { files: [file('a3', 'a3.txt'), file('a4', 'a4.txt')], next: 'p3' },
  p3: { files: [file('a5', 'a5.txt')] },
};

/** A resumable session as Drive keeps it: the bytes received so far. */
const session = { total: 0, received: Buffer.alloc(0), metadata: {} as Record<string, unknown> };

/** Answers shaped like Drive's documented ones; `overrides` answer first when they match. */
const overrides: ((method: string, path: string) => Answer | undefined)[] = [];

function vendor(request: SeenRequest): Answer | undefined {
  const url = new URL(request.url, 'http://x');
  const path = url.pathname;
  const q = url.searchParams;
  const json = () => JSON.parse(request.body.toString('utf8') || '{}') as Record<string, unknown>;
  for (const override of overrides) {
    const answer = override(request.method, path);
    if (answer) return answer;
  }
  if (request.headers.authorization !== `Bearer ${TOKEN}`) {
    return googleFailure(401, 'authError', 'Invalid Credentials', { location: 'Authorization', locationType: 'header' });
  }
  switch (`${request.method} ${path}`) {
    case 'GET /drive/v3/about':
      return { body: { user: { displayName: 'Ada Lovelace', emailAddress: 'ada@example.com' } } };
    case 'GET /drive/v3/files': {
      if (q.get('q')?.includes(FOLDER_MIME_TYPE)) {
        return { body: { files: [file('folderA', 'Invoices', { mimeType: FOLDER_MIME_TYPE }), file('folderB', 'Reports')] } };
      }
      const page = pages[q.get('pageToken') ?? '']!;
      return { body: { kind: 'drive#fileList', files: page.files, ...(page.next ? { nextPageToken: page.next } : {}) } };
    }
    case 'GET /drive/v3/files/f1':
      return q.get('alt') === 'media'
        ? { headers: { 'content-type': 'text/plain' }, body: new Uint8Array(REPORT_BYTES) }
        : { body: report };
    case 'GET /drive/v3/files/doc1':
      return { body: plan };
    case 'GET /drive/v3/files/doc1/export':
      return q.get('mimeType') === 'application/pdf'
        ? { headers: { 'content-type': 'application/pdf' }, body: new Uint8Array(PDF_BYTES) }
        : googleFailure(400, 'badRequest', 'Export only supports Docs Editors files.');
    case 'PATCH /drive/v3/files/f1': {
      const parents = (q.get('addParents') ?? 'folderA').split(',');
      return { body: { ...report, ...json(), parents } };
    }
    case 'DELETE /drive/v3/files/f1':
    case 'DELETE /drive/v3/files/f1/permissions/perm1':
      return { status: 204 };
    case 'POST /drive/v3/files':
      return { body: { kind: 'drive#file', id: 'fold1', ...json() } };
    case 'POST /drive/v3/files/f1/permissions':
      return { body: { kind: 'drive#permission', id: 'perm1', ...json() } };
    case 'GET /drive/v3/files/f1/permissions':
      return q.get('pageToken')
        ? { body: { permissions: [{ id: 'perm2', type: 'anyone', role: 'reader' }] } }
        : {
            body: { permissions: [{ id: 'perm1', type: 'user', role: 'writer', emailAddress: 'ada@example.com' }], nextPageToken: 'more' },
          };
    case 'POST /upload/drive/v3/files':
      return upload(request, q);
    case 'PUT /upload/drive/v3/files':
      return chunk(request);
  }
  if (path.startsWith('/drive/v3/files/')) return googleFailure(404, 'notFound', `File not found: ${path.split('/')[4]}.`, FILE_ID);
  return undefined;
}
const FILE_ID = { location: 'fileId', locationType: 'parameter' };

/** A multipart upload makes the file at once; a resumable one opens a session. */
function upload(request: SeenRequest, q: URLSearchParams): Answer {
  if (q.get('uploadType') === 'multipart') {
    const [metadata] = parts(request);
    return { body: { kind: 'drive#file', id: 'up1', mimeType: 'text/plain', ...(metadata!.body as object) } };
  }
  session.total = Number(request.headers['x-upload-content-length']);
  session.received = Buffer.alloc(0);
  session.metadata = JSON.parse(request.body.toString('utf8')) as Record<string, unknown>;
  return { headers: { location: SESSION }, body: '' };
}

/** A chunk of a resumable upload, or a status query: 308 with the range kept, until the last byte makes the file. */
function chunk(request: SeenRequest): Answer {
  const range = String(request.headers['content-range']);
  const sent = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(range);
  if (sent && Number(sent[1]) === session.received.length) session.received = Buffer.concat([session.received, request.body]);
  if (session.received.length === session.total) {
    return {
      body: { kind: 'drive#file', id: 'big1', mimeType: 'application/octet-stream', size: String(session.total), ...session.metadata },
    };
  }
  return {
    status: 308,
    headers: session.received.length > 0 ? { range: `bytes=0-${session.received.length - 1}` } : {},
    body: '',
  };
}

/** A multipart/related body's parts, each with its content type (JSON parsed): boundaries are each client's own. */
function parts(request: SeenRequest): { contentType: string; body: unknown }[] {
  const boundary = /boundary=([^;]+)/.exec(String(request.headers['content-type']))![1]!;
  return request.body
    .toString('utf8')
    .split(`--${boundary}`)
    .slice(1, -1)
    .map((part) => {
      const [head, ...rest] = part.replace(/^\r\n/, '').split('\r\n\r\n');
      const contentType = /content-type: ([^\r\n]+)/i.exec(head!)![1]!;
      const body = rest.join('\r\n\r\n').replace(/\r\n$/, '');
      return { contentType, body: contentType === 'application/json' ? (JSON.parse(body) as unknown) : body };
    });
}

const bed = serviceTestbed(googleDrive, {
  name: 'Drive',
  answers: vendor,
  hosts: ['www.googleapis.com'],
  credentials: [
    { id: 'drive', type: 'googleDriveOAuth2Api', data: CLIENT },
    { id: 'revoked', type: 'googleDriveOAuth2Api', data: CLIENT },
  ],
  prepare: async (engine) => {
    await engine.credentials.oauth2.importTokens('drive', { accessToken: TOKEN, tokenType: 'Bearer' });
    await engine.credentials.oauth2.importTokens('revoked', { accessToken: REVOKED, tokenType: 'Bearer' });
  },
  // Multipart bodies are compared part by part; the SDK names a content type on requests without a body.
  read: (request: NormalizedRequest, raw: SeenRequest) =>
    request.contentType === 'multipart/related'
      ? { ...request, body: parts(raw) }
      : request.body === undefined
        ? { ...request, contentType: undefined }
        : request,
});
const { take } = bed;
const node = (resource: string, operation: string, parameters: Record<string, unknown>, input?: Item[]) =>
  bed.node(resource, operation, parameters, { input });
const binaryItem = (bytes: Buffer, fileName: string, mimeType: string): Item => ({
  json: {},
  binary: { data: { data: bytes.toString('base64'), mimeType, fileName } },
});

let sdk: drive_v3.Drive;
beforeAll(() => {
  const auth = new OAuth2Client();
  auth.setCredentials({ access_token: TOKEN });
  sdk = drive({ version: 'v3', auth, fetchImplementation: relayFetch(bed.routes), retry: false });
});

describe('Google Drive, against @googleapis/drive', () => {
  it('uploads a small file as one multipart/related request, as the SDK does, and makes an item of the file', async () => {
    await sdk.files.create({
      requestBody: { name: 'notes.txt', parents: ['folderA'] },
      media: { mimeType: 'text/plain', body: Readable.from([Buffer.from('hello drive')]) },
      fields: FILE_FIELDS,
      supportsAllDrives: true,
    });
    const expected = await take();
    const { items, requests } = await node('file', 'upload', { fileName: 'notes.txt', folderId: 'folderA' }, [
      binaryItem(Buffer.from('hello drive'), 'hello.txt', 'text/plain'),
    ]);
    expect(requests).toEqual(expected);
    expect(requests[0]).toMatchObject({
      method: 'POST',
      path: '/upload/drive/v3/files',
      query: { uploadType: 'multipart', supportsAllDrives: 'true' },
      auth: `Bearer ${TOKEN}`,
      body: [
        { contentType: 'application/json', body: { name: 'notes.txt', parents: ['folderA'] } },
        { contentType: 'text/plain', body: 'hello drive' },
      ],
    });
    expect(items).toEqual([
      { json: { kind: 'drive#file', id: 'up1', mimeType: 'text/plain', name: 'notes.txt', parents: ['folderA'] }, pairedItem: { item: 0 } },
    ]);
  });

  it('downloads a file into the item’s binary, with the same requests as the SDK, keeping a text file as bytes', async () => {
    const meta = await sdk.files.get({ fileId: 'f1', fields: 'id,name,mimeType,size,modifiedTime', supportsAllDrives: true });
    const media = await sdk.files.get({ fileId: 'f1', alt: 'media', supportsAllDrives: true }, { responseType: 'arraybuffer' });
    const expected = await take();
    const { items, requests } = await node('file', 'download', { fileId: 'f1' });
    expect(requests).toEqual(expected);
    expect(items[0]!.json).toEqual(meta.data);
    const got = items[0]!.binary!['data']!;
    expect(Buffer.from(got.data!, 'base64')).toEqual(Buffer.from(media.data as unknown as ArrayBuffer));
    expect(got).toMatchObject({ mimeType: 'text/plain', fileName: 'report.txt', fileSize: REPORT_BYTES.length });
  });

  it('exports a Google Docs file in the format asked for, as the SDK does, and names the parameter when none is', async () => {
    await sdk.files.get({ fileId: 'doc1', fields: 'id,name,mimeType,size,modifiedTime', supportsAllDrives: true });
    await sdk.files.export({ fileId: 'doc1', mimeType: 'application/pdf' }, { responseType: 'arraybuffer' });
    const expected = await take();
    const { items, requests } = await node('file', 'download', {
      fileId: 'doc1',
      exportMimeType: 'application/pdf',
      binaryProperty: 'pdf',
    });
    expect(requests).toEqual(expected);
    expect(items[0]!.binary!['pdf']).toMatchObject({
      mimeType: 'application/pdf',
      fileName: 'Plan.pdf',
      data: PDF_BYTES.toString('base64'),
    });

    const refused = await node('file', 'download', { fileId: 'doc1' });
    expect(refused.execution.error?.message).toBe(
      "Node 'Drive': Google Drive file.download: parameter 'exportMimeType' is required: 'Plan' is a Google file (application/vnd.google-apps.document), which downloads only as an export, such as application/pdf.",
    );
    expect(refused.requests.map((r) => r.path)).toEqual(['/drive/v3/files/doc1']);
  });

  it('lists and searches with a Drive query over three pages, with the same page tokens as the SDK', async () => {
    const q = "'folderA' in parents and name contains 'a\\'s' and trashed = false and (modifiedTime > '2026-01-01T00:00:00')";
    for (const token of [undefined, 'p2', 'p3']) {
      await sdk.files.list({
        q,
        orderBy: 'modifiedTime desc',
        fields: `nextPageToken,files(${FILE_FIELDS})`,
        supportsAllDrives: true,
        includeItemsFromAllDrives: true,
        pageSize: 100,
        ...(token ? { pageToken: token } : {}),
      });
    }
    const expected = await take();
    const { items, requests } = await node('file', 'list', {
      folderId: 'folderA',
      nameContains: "a's",
      searchQuery: "modifiedTime > '2026-01-01T00:00:00'",
      orderBy: 'modifiedTime desc',
      returnAll: true,
    });
    expect(requests).toEqual(expected);
    expect(items.map((i) => i.json['id'])).toEqual(['a1', 'a2', 'a3', 'a4', 'a5']);
  });

  it('stops at the limit without asking for pages it does not need', async () => {
    const { items, requests } = await node('file', 'list', { limit: 3 });
    expect(items.map((i) => i.json['id'])).toEqual(['a1', 'a2', 'a3']);
    expect(requests.map((r) => r.query['pageToken'])).toEqual([undefined, 'p2']);
    expect(requests[0]!.query['q']).toBe('trashed = false');
  });

  it('gets a file’s metadata and creates a folder as the SDK does', async () => {
    await sdk.files.get({ fileId: 'f1', fields: FILE_FIELDS, supportsAllDrives: true });
    await sdk.files.create({
      requestBody: { name: 'Invoices 2026', mimeType: FOLDER_MIME_TYPE, parents: ['folderA'] },
      fields: 'id,name',
      supportsAllDrives: true,
    });
    const expected = await take();
    const got = await node('file', 'get', { fileId: 'f1' });
    const folder = await node('folder', 'create', { name: 'Invoices 2026', parentId: 'folderA', fields: 'id,name' });
    expect([...got.requests, ...folder.requests]).toEqual(expected);
    expect(got.items[0]!.json).toEqual(report);
    expect(folder.items[0]!.json).toEqual({
      kind: 'drive#file',
      id: 'fold1',
      name: 'Invoices 2026',
      mimeType: FOLDER_MIME_TYPE,
      parents: ['folderA'],
    });
  });

  it('moves a file out of its folders into another, reading its parents first, as the SDK does', async () => {
    const current = await sdk.files.get({ fileId: 'f1', fields: 'parents', supportsAllDrives: true });
    await sdk.files.update({
      fileId: 'f1',
      addParents: 'folderB',
      removeParents: current.data.parents!.join(','),
      fields: FILE_FIELDS,
      supportsAllDrives: true,
      requestBody: {},
    });
    const expected = await take();
    const { items, requests } = await node('file', 'move', { fileId: 'f1', folderId: 'folderB' });
    expect(requests).toEqual(expected);
    expect(requests[1]!.query).toMatchObject({ addParents: 'folderB', removeParents: 'folderA' });
    expect(items[0]!.json['parents']).toEqual(['folderB']);
  });

  it('moves a file to the trash, or deletes it for good, as the SDK does', async () => {
    await sdk.files.update({ fileId: 'f1', fields: FILE_FIELDS, supportsAllDrives: true, requestBody: { trashed: true } });
    await sdk.files.delete({ fileId: 'f1', supportsAllDrives: true });
    const expected = await take();
    const trashed = await node('file', 'delete', { fileId: 'f1' });
    const deleted = await node('file', 'delete', { fileId: 'f1', permanently: true });
    expect([...trashed.requests, ...deleted.requests]).toEqual(expected);
    expect(trashed.items[0]!.json['trashed']).toBe(true);
    expect(deleted.items[0]!.json).toEqual({ success: true });
  });

  it('shares a file, lists who it is shared with (every page) and removes a permission, as the SDK does', async () => {
    await sdk.permissions.create({
      fileId: 'f1',
      sendNotificationEmail: true,
      emailMessage: 'For review',
      supportsAllDrives: true,
      requestBody: { role: 'writer', type: 'user', emailAddress: 'grace@example.com' },
    });
    const fields = 'nextPageToken,permissions(id,type,role,emailAddress,domain,displayName)';
    await sdk.permissions.list({ fileId: 'f1', fields, supportsAllDrives: true, pageSize: 100 });
    await sdk.permissions.list({ fileId: 'f1', fields, supportsAllDrives: true, pageSize: 100, pageToken: 'more' });
    await sdk.permissions.delete({ fileId: 'f1', permissionId: 'perm1', supportsAllDrives: true });
    const expected = await take();
    const shared = await node('permission', 'share', {
      fileId: 'f1',
      role: 'writer',
      emailAddress: 'grace@example.com',
      sendNotificationEmail: true,
      emailMessage: 'For review',
    });
    const listed = await node('permission', 'list', { fileId: 'f1', returnAll: true });
    const removed = await node('permission', 'remove', { fileId: 'f1', permissionId: 'perm1' });
    expect([...shared.requests, ...listed.requests, ...removed.requests]).toEqual(expected);
    expect(shared.items[0]!.json).toEqual({
      kind: 'drive#permission',
      id: 'perm1',
      role: 'writer',
      type: 'user',
      emailAddress: 'grace@example.com',
    });
    expect(listed.items.map((i) => i.json['id'])).toEqual(['perm1', 'perm2']);
  });

  it("turns Drive's error into a node error naming the service, Google's reason and the parameter, as the SDK sees it", async () => {
    const sdkError = await sdk.files
      .get({ fileId: 'f404', fields: FILE_FIELDS, supportsAllDrives: true })
      .catch((e: { status: number; response?: { data?: { error?: { errors?: { reason: string }[] } } } }) => [
        e.status,
        e.response?.data?.error?.errors?.[0]?.reason,
      ]);
    const { execution } = await node('file', 'get', { fileId: 'f404' });
    expect(sdkError).toEqual([404, 'notFound']);
    expect(execution.status).toBe('error');
    expect(execution.error?.message).toBe(
      "Node 'Drive': Google Drive file.get failed: HTTP 404 notFound: File not found: f404. (parameter 'fileId')",
    );
    expect(execution.error?.details).toMatchObject({ service: 'googledrive', status: 404, vendorCode: 'notFound', parameter: 'fileId' });
  });

  itWaitsOutRateLimit(bed, {
    parameters: { resource: 'file', operation: 'get', fileId: 'f1' },
    limits: (request, path) => path === '/drive/v3/files/f1',
    answer: { ...googleFailure(429, 'rateLimitExceeded', 'Rate Limit Exceeded'), headers: { 'retry-after': '30' } },
    waitMs: 30_000,
    check: ({ execution, limited, retried }) => {
      expect(execution.status).toBe('success');
      expect(limited.map((r) => r.path)).toEqual(['/drive/v3/files/f1']);
      expect(retried.map((r) => r.path)).toEqual(['/drive/v3/files/f1']);
    },
  });

  itTestsCredential(bed, 'tests a credential with about.get: a working token passes, a revoked one asks to reconnect', [
    {
      id: 'drive',
      sdk: () => sdk.about.get({ fields: 'user' }),
      calls: [{ method: 'GET', path: '/drive/v3/about', query: { fields: 'user' }, auth: `Bearer ${TOKEN}` }],
    },
    {
      id: 'revoked',
      outcome: {
        ok: false,
        message:
          "Credential 'revoked': the access token expired and the provider gave no refresh token. Reconnect this account: open the credential and connect it again.",
      },
      calls: [{ path: '/drive/v3/about', auth: `Bearer ${REVOKED}` }],
    },
  ]);

  it('offers the account’s folders as choices for a folder parameter', async () => {
    expect(await bed.choices('folders', { resource: 'file', operation: 'list' })).toEqual([
      { value: 'folderA', label: 'Invoices' },
      { value: 'folderB', label: 'Reports' },
    ]);
    expect((await take())[0]!.query).toMatchObject({ q: `mimeType = '${FOLDER_MIME_TYPE}' and trashed = false`, orderBy: 'name' });
  });
});

describe('Google Drive resumable uploads, against Drive’s published protocol', () => {
  const BIG = Buffer.from(Array.from({ length: 5.5 * 1024 * 1024 }, (_, i) => i % 251));
  const MiB = 1024 * 1024;
  const bigItem = () => [binaryItem(BIG, 'backup.bin', 'application/octet-stream')];
  const ranges = (from: number) =>
    bed.server.requests
      .slice(from)
      .filter((r) => r.method === 'PUT')
      .map((r) => r.headers['content-range']);
  const isPut = (start: number) => (request: SeenRequest) =>
    request.method === 'PUT' && String(request.headers['content-range']).startsWith(`bytes ${start}-`);

  it('opens a session and sends a file over 5 MB in chunks of the chosen size, done only when Drive names the file', async () => {
    await take();
    const before = bed.server.requests.length;
    const { items, requests } = await node('file', 'upload', { folderId: 'folderA', chunkSizeMiB: 2 }, bigItem());
    expect(requests[0]).toMatchObject({
      method: 'POST',
      path: '/upload/drive/v3/files',
      query: { uploadType: 'resumable', supportsAllDrives: 'true', fields: FILE_FIELDS },
      auth: `Bearer ${TOKEN}`,
      contentType: 'application/json',
      body: { name: 'backup.bin', parents: ['folderA'] },
    });
    const opened = bed.server.requests[before]!;
    expect([opened.headers['x-upload-content-type'], opened.headers['x-upload-content-length']]).toEqual([
      'application/octet-stream',
      String(BIG.length),
    ]);
    expect(requests.slice(1).map((r) => [r.method, r.query['upload_id'], r.auth])).toEqual(
      Array.from({ length: 3 }, () => ['PUT', 'ADPycdu1', `Bearer ${TOKEN}`]),
    );
    expect(ranges(before)).toEqual([
      `bytes 0-${2 * MiB - 1}/${BIG.length}`,
      `bytes ${2 * MiB}-${4 * MiB - 1}/${BIG.length}`,
      `bytes ${4 * MiB}-${BIG.length - 1}/${BIG.length}`,
    ]);
    expect(session.received.equals(BIG)).toBe(true);
    expect(items[0]!.json).toMatchObject({ id: 'big1', name: 'backup.bin', size: String(BIG.length) });
  });

  it('after a 5xx on a chunk, waits on the engine clock, asks Drive what it kept and goes on from there', async () => {
    const clock = createTestClock();
    const engine = await bed.startEngine({ clock });
    await take();
    const from = bed.server.requests.length;
    const withdraw = bed.server.answerOnce(isPut(2 * MiB), googleFailure(503, 'backendError', 'Backend Error'));
    const pending = bed.run({ resource: 'file', operation: 'upload', chunkSizeMiB: 2 }, { engine, input: bigItem() });
    await clock.whenTimer(1000);
    clock.advance(1000);
    const execution = await pending;
    withdraw();
    expect(execution.status).toBe('success');
    expect(ranges(from)).toEqual([
      `bytes 0-${2 * MiB - 1}/${BIG.length}`,
      `bytes ${2 * MiB}-${4 * MiB - 1}/${BIG.length}`,
      `bytes */${BIG.length}`,
      `bytes ${2 * MiB}-${4 * MiB - 1}/${BIG.length}`,
      `bytes ${4 * MiB}-${BIG.length - 1}/${BIG.length}`,
    ]);
    expect(session.received.equals(BIG)).toBe(true);
    expect(execution.nodes['service']![0]!.output['main']![0]!.json['id']).toBe('big1');
  });

  it('fails the item, saying how far it got, when Drive no longer knows the session: never reported as done', async () => {
    const clock = createTestClock();
    const engine = await bed.startEngine({ clock });
    await take();
    const withdraw = [
      bed.server.answerOnce(isPut(2 * MiB), googleFailure(503, 'backendError', 'Backend Error')),
      bed.server.answerOnce(
        (r) => r.method === 'PUT' && String(r.headers['content-range']).startsWith('bytes */'),
        googleFailure(404, 'notFound', 'Upload session not found.'),
      ),
    ];
    const pending = bed.run({ resource: 'file', operation: 'upload', chunkSizeMiB: 2 }, { engine, input: bigItem() });
    await clock.whenTimer(1000);
    clock.advance(1000);
    const execution = await pending;
    withdraw.forEach((w) => w());
    expect(execution.status).toBe('error');
    expect(execution.error?.message).toBe(
      `Node 'Drive': Google Drive file.upload: the upload stopped after ${2 * MiB} of ${BIG.length} bytes and was not completed (HTTP 404 notFound: Upload session not found.).`,
    );
    expect(execution.error?.code).toBe('UPLOAD_INCOMPLETE');
    expect(execution.nodes['service']![0]!.output['main'] ?? []).toEqual([]);
    expect(session.received.length).toBe(2 * MiB);
  });
});

describe('Google Drive in a workflow', () => {
  it('uploads the file a workflow made, in engine.run and the CLI alike', async () => {
    const workflow = lineAfterTrigger([
      {
        id: 'upload',
        name: 'Upload report',
        type: googleDrive.node.type,
        parameters: { resource: 'file', operation: 'upload', fileName: 'notes.txt' },
        credentials: { googleDriveOAuth2Api: 'drive' },
      },
    ]);
    const { requests } = await runInEngineAndCli(bed, workflow, {
      credentials: [{ id: 'drive', type: 'googleDriveOAuth2Api', data: CLIENT, oauth2: { accessToken: TOKEN, tokenType: 'Bearer' } }],
      input: [binaryItem(Buffer.from('hello drive'), 'hello.txt', 'text/plain')],
      compare: 'upload',
    });
    expect(requests.map((r) => [r.method, r.path, r.query['uploadType']])).toEqual([['POST', '/upload/drive/v3/files', 'multipart']]);
  });
});

describe('Google Drive node: bad input', () => {
  itNamesMissingCredential(bed, {
    name: 'Drive',
    parameters: { resource: 'file', operation: 'get', fileId: 'f1' },
    message:
      "Node 'Drive': Google Drive file.get needs a credential: choose a Google Drive OAuth2 or Google Drive service account credential.",
  });

  itRejectsBadInput(bed, 'names the node, the service and the parameter of the wrong kind or left out', {
    name: 'Drive',
    cases: [
      {
        parameters: { resource: 'permission', operation: 'share', fileId: 'f1', type: 'group' },
        fails: "Node 'Drive': Google Drive permission.share: parameter 'emailAddress' is required to share with a group.",
      },
      {
        parameters: { resource: 'permission', operation: 'share', fileId: 'f1', type: 'domain' },
        fails: "Node 'Drive': Google Drive permission.share: parameter 'domain' is required to share with a domain.",
      },
      {
        parameters: { resource: 'file', operation: 'upload' },
        input: [{ json: {} }],
        fails: "Node 'Drive': Google Drive file.upload: parameter 'binaryProperty': the item has no binary 'data' with data.",
      },
      {
        parameters: { resource: 'file', operation: 'get' },
        fails: "Node 'Drive': Google Drive file.get: parameter 'fileId' is required.",
      },
      {
        parameters: { resource: 'file', operation: 'upload', chunkSizeMiB: 0 },
        throws: "node 'Drive' (Google Drive): parameter 'chunkSizeMiB'",
      },
    ],
  });

  itRejectsBadInput(bed, 'names an unknown resource or operation with the real ones', {
    name: 'Drive',
    unknown: { service: 'Google Drive', resources: ['file', 'folder', 'permission', 'custom'], operation: ['file', 'upload'] },
  });

  itKeepsCustomCall(bed, 'signs a custom API call on the Drive API with the credential', {
    parameters: { method: 'GET', path: '/about', query: { fields: 'user' } },
    request: { method: 'GET', path: '/drive/v3/about', auth: `Bearer ${TOKEN}`, query: { fields: 'user' } },
    item: { statusCode: 200, body: { user: { displayName: 'Ada Lovelace', emailAddress: 'ada@example.com' } } },
  });
});
