// Microsoft Teams, checked against Microsoft's own Graph SDK (@microsoft/microsoft-graph-client): both make the same call to one
// recording server. The SDK only signs requests to https Graph hosts, so it keeps addressing graph.microsoft.com and its
// middleware chain ends, in place of its HTTPMessageHandler, in the same relay the engine uses (in-process interception).
import { createHash } from 'node:crypto';
import {
  AuthenticationHandler,
  Client,
  GraphError,
  PageIterator,
  type Context,
  type Middleware,
  type PageCollection,
} from '@microsoft/microsoft-graph-client';
import type { Engine } from '@flowloom/engine';
import { createTestClock } from '@flowloom/engine/testing';
import type { SeenRequest } from '@flowloom/engine/testing/node';
import { beforeAll, describe, expect, it } from 'vitest';
import { itNamesMissingCredential, itRejectsBadInput } from '../../testing/bad-input-cases.js';
import { itKeepsCustomCall, itWaitsOutRateLimit } from '../../testing/service-cases.js';
import { relayFetch, type Answer } from '../../testing/service-harness.js';
import { runInEngineAndCli, serviceTestbed } from '../../testing/service-testbed.js';
import { editFields, lineAfterTrigger } from '../../testing/workflows.js';
import { microsoftTeams } from './microsoft-teams.js';

const ACCESS = 'eyJ0eXAiOiJKV1Qi.graph-access';
const REFRESHED = 'eyJ0eXAiOiJKV1Qi.graph-refreshed';
const CLIENT = { clientId: '11111111-2222-3333-4444-555555555555', clientSecret: 'app~secret' };
const REDIRECT = 'https://flowloom.example/oauth2/callback';
const TEAM = '172b0cce-e65d-44ce-9a49-91d9f2e8493a';
const CHANNEL = '19:c1@thread.tacv2';
const GRAPH = 'https://graph.microsoft.com/v1.0';
const LOGIN = 'login.microsoftonline.com';
/** Channel ids hold `:` and `@`: the node URL-encodes path values, and so do these SDK calls. */
const messagesPath = `/teams/${TEAM}/channels/${encodeURIComponent(CHANNEL)}/messages`;

const message = (id: string) => ({
  id,
  replyToId: null,
  messageType: 'message',
  createdDateTime: '2025-05-01T08:00:00.000Z',
  from: { user: { id: 'u1', displayName: 'Ada Lovelace' } },
  body: { contentType: 'text', content: `message ${id}` },
});
const pages: Record<string, { value: ReturnType<typeof message>[]; next?: string }> = {
  '': { value: [message('1'), message('2')], next: 'page2' },
  page2: { value: [message('3'), message('4')], next: 'page3' },
  page3: { value: [message('5')] },
};
const graphFailure = (status: number, code: string, text: string, extra: Record<string, unknown> = {}) => ({
  status,
  body: { error: { code, message: text, ...extra, innerError: { date: '2025-05-01T08:00:00', 'request-id': 'r-1' } } },
});

/** Answers shaped like Graph's and the identity platform's documented ones; `overrides` answer first when they match. */
const overrides: ((method: string, path: string) => Answer | undefined)[] = [];
const validTokens = new Set([ACCESS, REFRESHED]);

function vendor(request: SeenRequest): Answer | undefined {
  const url = new URL(request.url, 'http://x');
  const path = decodeURIComponent(url.pathname);
  const json = (): Record<string, unknown> => JSON.parse(request.body.toString('utf8') || '{}') as Record<string, unknown>;
  if (path.endsWith('/oauth2/v2.0/token')) return tokenAnswer(new URLSearchParams(request.body.toString('utf8')));
  for (const override of overrides) {
    const answer = override(request.method, path);
    if (answer) return answer;
  }
  const token = String(request.headers.authorization ?? '').replace(/^Bearer /, '');
  if (!validTokens.has(token)) return graphFailure(401, 'InvalidAuthenticationToken', 'Access token has expired or is not yet valid.');
  const route = `${request.method} ${path.replace(/^\/v1\.0/, '')}`;
  switch (route) {
    case 'GET /me':
      return { body: { id: 'u1', displayName: 'Ada Lovelace', userPrincipalName: 'ada@contoso.com' } };
    case 'GET /me/joinedTeams':
      return { body: { '@odata.context': `${GRAPH}/$metadata#teams`, value: [{ id: TEAM, displayName: 'Engineering' }] } };
    case `GET /teams/${TEAM}/channels`:
      return { body: { value: [{ id: CHANNEL, displayName: 'General', membershipType: 'standard' }] } };
    case `POST /teams/${TEAM}/channels`:
      return { status: 201, body: { id: '19:new@thread.tacv2', ...json() } };
    case `POST /teams/${TEAM}/channels/${CHANNEL}/messages`:
      return { status: 201, body: { ...message('1714550400000'), ...json() } };
    case `POST /teams/${TEAM}/channels/${CHANNEL}/messages/1714550400000/replies`:
      return { status: 201, body: { ...message('1714550400001'), replyToId: '1714550400000', ...json() } };
    case `GET /teams/${TEAM}/channels/${CHANNEL}/messages`: {
      const page = pages[url.searchParams.get('$skiptoken') ?? '']!;
      const next = page.next ? `${GRAPH}${messagesPath}?$top=50&$skiptoken=${page.next}` : undefined;
      return { body: { '@odata.count': page.value.length, ...(next ? { '@odata.nextLink': next } : {}), value: page.value } };
    }
    case 'POST /me/events':
      return {
        status: 201,
        body: { id: 'AAMkAGI1', ...json(), onlineMeeting: { joinUrl: 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_1' } },
      };
    case 'POST /me/onlineMeetings':
      return { status: 201, body: { id: 'MSpkYzE3', ...json(), joinWebUrl: 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_2' } };
  }
  return undefined;
}

/** The identity platform's token endpoint: one code per account, refresh tokens that rotate, and `invalid_grant` for revoked ones. */
function tokenAnswer(form: URLSearchParams) {
  if (form.get('client_id') !== CLIENT.clientId || form.get('client_secret') !== CLIENT.clientSecret) {
    return { status: 401, body: { error: 'invalid_client', error_description: 'AADSTS7000215: Invalid client secret provided.' } };
  }
  const issue = (access: string, refresh: string) => ({
    body: {
      token_type: 'Bearer',
      scope: 'ChannelMessage.Send User.Read',
      expires_in: 3599,
      ext_expires_in: 3599,
      access_token: access,
      refresh_token: refresh,
    },
  });
  const grant = `${form.get('grant_type')} ${form.get('code') ?? form.get('refresh_token')}`;
  if (grant === 'authorization_code code-good') return issue(ACCESS, 'rt-1');
  if (grant === 'authorization_code code-revoked') return issue('at-revoked', 'rt-revoked');
  if (grant === 'refresh_token rt-1') return issue(REFRESHED, 'rt-2');
  return {
    status: 400,
    body: { error: 'invalid_grant', error_description: 'AADSTS700082: The refresh token has expired due to inactivity.' },
  };
}

/** Connects an account as a user would: open the authorization URL, sign in, come back with a code. */
async function connect(target: Engine, id: string, code: string) {
  const { url, state } = await target.credentials.oauth2.startAuthorization(id, { redirectUri: REDIRECT });
  await target.credentials.oauth2.completeAuthorization({ state, code });
  return new URL(url);
}

/** Connects the Teams account (`teams`) and one whose grant is then revoked; a third is never connected. */
async function connectAccounts(engine: Engine) {
  await connect(engine, 'teams', 'code-good');
  await connect(engine, 'revoked', 'code-revoked');
  await bed.take();
}

const bed = serviceTestbed(microsoftTeams, {
  name: 'Teams',
  answers: vendor,
  hosts: ['graph.microsoft.com', LOGIN],
  credentials: ['teams', 'revoked', 'unconnected'].map((id) => ({ id, type: 'microsoftTeamsOAuth2Api', data: CLIENT })),
  prepare: connectAccounts,
});
const { take, node } = bed;
let sdk: Client;
beforeAll(() => {
  const graphRelay: Middleware = {
    execute: async (context: Context) => {
      context.response = await relayFetch({ 'graph.microsoft.com': bed.server.url })(context.request as string, context.options);
    },
  };
  const auth = new AuthenticationHandler({ getAccessToken: () => Promise.resolve(ACCESS) });
  sdk = Client.initWithMiddleware({ middleware: [auth, graphRelay] });
});

// The Graph SDK takes tokens, it does not get them (that is MSAL, not a dependency here): the sign-in and token calls are
// checked against https://learn.microsoft.com/en-us/entra/identity-platform/v2-oauth2-auth-code-flow instead.
describe('Microsoft Teams OAuth2 credential, against the identity platform reference', () => {
  it('sends the user to the tenant’s authorize endpoint with the Graph scopes, PKCE and state', async () => {
    const tenanted = await bed.startEngine({
      credentials: [{ id: 'contoso', type: 'microsoftTeamsOAuth2Api', data: { ...CLIENT, tenant: 'contoso.onmicrosoft.com' } }],
    });
    const { url } = await tenanted.credentials.oauth2.startAuthorization('contoso', { redirectUri: REDIRECT });
    const authorize = new URL(url);
    expect(authorize.origin + authorize.pathname).toBe(`https://${LOGIN}/contoso.onmicrosoft.com/oauth2/v2.0/authorize`);
    expect(Object.fromEntries(authorize.searchParams)).toEqual({
      response_type: 'code',
      client_id: CLIENT.clientId,
      redirect_uri: REDIRECT,
      state: expect.any(String) as string,
      scope:
        'offline_access User.Read Team.ReadBasic.All Channel.ReadBasic.All Channel.Create ChannelMessage.Send Calendars.ReadWrite OnlineMeetings.ReadWrite',
      code_challenge: expect.stringMatching(/^[\w-]{43}$/) as string,
      code_challenge_method: 'S256',
    });
  });

  it('exchanges the code at the token endpoint with the PKCE verifier and the client secret in the body', async () => {
    const fresh = await bed.startEngine({ credentials: [{ id: 'teams', type: 'microsoftTeamsOAuth2Api', data: CLIENT }] });
    const authorize = await connect(fresh, 'teams', 'code-good');
    const [exchange] = await take();
    expect(exchange).toMatchObject({
      method: 'POST',
      path: '/common/oauth2/v2.0/token',
      auth: undefined,
      contentType: 'application/x-www-form-urlencoded',
      body: {
        grant_type: 'authorization_code',
        code: 'code-good',
        redirect_uri: REDIRECT,
        client_id: CLIENT.clientId,
        client_secret: CLIENT.clientSecret,
      },
    });
    const verifier = (exchange!.body as { code_verifier: string }).code_verifier;
    expect(createHash('sha256').update(verifier).digest('base64url')).toBe(authorize.searchParams.get('code_challenge'));
    expect((await fresh.credentials.get('teams'))!.oauth2).toMatchObject({ connected: true, scope: 'ChannelMessage.Send User.Read' });
  });

  it('refreshes the access token before it expires and sends the new one to Graph', async () => {
    const clock = createTestClock();
    const timed = await bed.startEngine({ clock });
    clock.advance(3599_000 - 30_000);
    const { execution, requests } = await node('team', 'list', {}, { engine: timed });
    expect(execution.status).toBe('success');
    expect(requests.map((r) => [r.path, r.auth])).toEqual([
      ['/common/oauth2/v2.0/token', undefined],
      ['/v1.0/me/joinedTeams', `Bearer ${REFRESHED}`],
    ]);
    expect(requests[0]!.body).toEqual({
      grant_type: 'refresh_token',
      refresh_token: 'rt-1',
      client_id: CLIENT.clientId,
      client_secret: CLIENT.clientSecret,
    });
  });

  it('tests a credential with GET /me: a connected account passes, a revoked or unconnected one asks to reconnect', async () => {
    expect(await bed.engine.credentials.test('teams')).toMatchObject({ ok: true, status: 200 });
    expect(await bed.engine.credentials.test('revoked')).toEqual({
      ok: false,
      reconnect: true,
      message:
        "Credential 'revoked': the provider no longer accepts its refresh token (invalid_grant). Reconnect this account: open the credential and connect it again.",
    });
    expect((await bed.engine.credentials.test('unconnected')).message).toMatch(/no account is connected yet/);
    expect((await take()).map((r) => [r.method, r.path, r.auth])).toEqual([
      ['GET', '/v1.0/me', `Bearer ${ACCESS}`],
      ['GET', '/v1.0/me', 'Bearer at-revoked'],
      ['POST', '/common/oauth2/v2.0/token', undefined],
    ]);
  });
});

describe('Microsoft Teams, against @microsoft/microsoft-graph-client', () => {
  it('posts a channel message as the SDK does, and makes an item of the answer', async () => {
    await sdk.api(messagesPath).post({ subject: 'Deploy', body: { contentType: 'html', content: '<b>Shipped</b>' } });
    const expected = await take();
    const { items, requests } = await node('channelMessage', 'send', {
      teamId: TEAM,
      channelId: CHANNEL,
      subject: 'Deploy',
      contentType: 'html',
      content: '<b>Shipped</b>',
    });
    expect(requests).toEqual(expected);
    expect(requests[0]).toMatchObject({
      method: 'POST',
      path: `/v1.0${messagesPath}`,
      auth: `Bearer ${ACCESS}`,
      contentType: 'application/json',
    });
    expect(items).toEqual([
      {
        json: { ...message('1714550400000'), subject: 'Deploy', body: { contentType: 'html', content: '<b>Shipped</b>' } },
        pairedItem: { item: 0 },
      },
    ]);
  });

  it('replies to a channel message as the SDK does', async () => {
    await sdk.api(`${messagesPath}/1714550400000/replies`).post({ body: { contentType: 'text', content: 'Thanks' } });
    const expected = await take();
    const { items, requests } = await node('channelMessage', 'send', {
      teamId: TEAM,
      channelId: CHANNEL,
      content: 'Thanks',
      replyTo: '1714550400000',
    });
    expect(requests).toEqual(expected);
    expect(items[0]!.json).toMatchObject({ id: '1714550400001', replyToId: '1714550400000' });
  });

  it('creates a private channel and lists the team’s channels as the SDK does', async () => {
    await sdk.api(`/teams/${TEAM}/channels`).post({ displayName: 'Incidents', description: 'On call', membershipType: 'private' });
    await sdk.api(`/teams/${TEAM}/channels`).get();
    const expected = await take();
    const created = await node('channel', 'create', {
      teamId: TEAM,
      displayName: 'Incidents',
      description: 'On call',
      membershipType: 'private',
    });
    const listed = await node('channel', 'list', { teamId: TEAM });
    expect([...created.requests, ...listed.requests]).toEqual(expected);
    expect(created.items[0]!.json).toEqual({
      id: '19:new@thread.tacv2',
      displayName: 'Incidents',
      description: 'On call',
      membershipType: 'private',
    });
    expect(listed.items.map((i) => i.json)).toEqual([{ id: CHANNEL, displayName: 'General', membershipType: 'standard' }]);
  });

  it('lists the joined teams as the SDK does', async () => {
    await sdk.api('/me/joinedTeams').get();
    const expected = await take();
    const { items, requests } = await node('team', 'list', {});
    expect(requests).toEqual(expected);
    expect(items).toEqual([{ json: { id: TEAM, displayName: 'Engineering' }, pairedItem: { item: 0 } }]);
  });

  it('lists channel messages over three @odata.nextLink pages as the SDK’s PageIterator does, and returns every message', async () => {
    const first = (await sdk.api(messagesPath).top(50).get()) as PageCollection;
    await new PageIterator(sdk, first, () => true).iterate();
    const expected = await take();
    const { items, requests } = await node('channelMessage', 'list', { teamId: TEAM, channelId: CHANNEL, returnAll: true });
    expect(expected).toHaveLength(3);
    expect(requests).toEqual(expected);
    expect(requests.map((r) => r.query)).toEqual([
      { $top: '50' },
      { $top: '50', $skiptoken: 'page2' },
      { $top: '50', $skiptoken: 'page3' },
    ]);
    expect(items.map((i) => i.json['id'])).toEqual(['1', '2', '3', '4', '5']);
  });

  it('stops at the limit without asking for pages it does not need', async () => {
    const { items, requests } = await node('channelMessage', 'list', { teamId: TEAM, channelId: CHANNEL, limit: 3 });
    expect(items.map((i) => i.json['id'])).toEqual(['1', '2', '3']);
    expect(requests).toHaveLength(2);
  });

  it('schedules a meeting as a calendar event with a Teams link, with the body Graph documents, as the SDK sends it', async () => {
    await sdk.api('/me/events').post({
      subject: 'Sprint review',
      body: { contentType: 'text', content: 'Demo and retro' },
      start: { dateTime: '2025-05-01T08:00:00.000', timeZone: 'UTC' },
      end: { dateTime: '2025-05-01T09:00:00', timeZone: 'Europe/Paris' },
      attendees: [{ emailAddress: { address: 'ada@contoso.com' }, type: 'required' }],
      isOnlineMeeting: true,
      onlineMeetingProvider: 'teamsForBusiness',
    });
    const expected = await take();
    const { items, requests } = await node('meeting', 'schedule', {
      subject: 'Sprint review',
      agenda: 'Demo and retro',
      start: '2025-05-01T10:00:00+02:00',
      end: '2025-05-01T09:00:00',
      timeZone: 'Europe/Paris',
      attendees: ['ada@contoso.com'],
    });
    expect(requests).toEqual(expected);
    expect(items[0]!.json).toMatchObject({
      subject: 'Sprint review',
      onlineMeeting: { joinUrl: expect.stringContaining('teams.microsoft.com') as string },
    });
  });

  it('creates a standalone meeting join link as the SDK does', async () => {
    await sdk
      .api('/me/onlineMeetings')
      .post({ subject: 'Support call', startDateTime: '2025-05-01T08:00:00Z', endDateTime: '2025-05-01T08:30:00Z' });
    const expected = await take();
    const { items, requests } = await node('meeting', 'createLink', {
      subject: 'Support call',
      start: '2025-05-01T08:00:00Z',
      end: '2025-05-01T08:30:00Z',
    });
    expect(requests).toEqual(expected);
    expect(items[0]!.json['joinWebUrl']).toContain('teams.microsoft.com');
  });

  itWaitsOutRateLimit(bed, {
    parameters: { resource: 'team', operation: 'list' },
    limits: (request, path) => path === '/v1.0/me/joinedTeams',
    answer: { ...graphFailure(429, 'TooManyRequests', 'Too many requests.'), headers: { 'retry-after': '20' } },
    waitMs: 20_000,
    check: ({ execution, limited, retried }) => {
      expect(execution.status).toBe('success');
      expect([...limited, ...retried].map((r) => r.path)).toEqual(['/v1.0/me/joinedTeams', '/v1.0/me/joinedTeams']);
    },
  });

  it('turns a Graph error into a node error naming the service and the vendor code, as the SDK reports it', async () => {
    overrides.push((method, path) =>
      method === 'POST' && path.endsWith('/channels')
        ? graphFailure(400, 'NameAlreadyExists', 'Channel name already existed, please use other name.')
        : undefined,
    );
    const sdkError = (await sdk
      .api(`/teams/${TEAM}/channels`)
      .post({ displayName: 'General' })
      .catch((e: unknown) => e)) as GraphError;
    const { execution } = await node('channel', 'create', { teamId: TEAM, displayName: 'General' });
    overrides.pop();
    expect([sdkError.statusCode, sdkError.code]).toEqual([400, 'NameAlreadyExists']);
    expect(execution.status).toBe('error');
    expect(execution.error?.message).toBe(
      "Node 'Teams': Microsoft Teams channel.create failed: HTTP 400 NameAlreadyExists: Channel name already existed, please use other name.",
    );
    expect(execution.error?.details).toMatchObject({ service: 'teams', status: 400, vendorCode: 'NameAlreadyExists' });
  });

  it('names the parameter when a Graph error has a target', async () => {
    overrides.push((method, path) =>
      path === '/v1.0/me/onlineMeetings'
        ? graphFailure(400, 'InvalidRequest', 'The end time must be after the start time.', { target: 'endDateTime' })
        : undefined,
    );
    const { execution } = await node('meeting', 'createLink', { start: '2025-05-01T09:00:00Z', end: '2025-05-01T08:00:00Z' });
    overrides.pop();
    expect(execution.error?.message).toBe(
      "Node 'Teams': Microsoft Teams meeting.createLink failed: HTTP 400 InvalidRequest: The end time must be after the start time. (parameter 'end')",
    );
  });
});

describe('Microsoft Teams node: bad input', () => {
  itNamesMissingCredential(bed, {
    name: 'Notify',
    parameters: { resource: 'team', operation: 'list' },
    message: "Node 'Notify': Microsoft Teams team.list needs a credential: choose a Microsoft Teams OAuth2 credential.",
  });

  itRejectsBadInput(bed, 'names the node, the service and the parameter of the wrong type, left out or not a date', {
    name: 'Notify',
    cases: [
      {
        parameters: { resource: 'team', operation: 'list', limit: 'many' },
        throws: "node 'Notify' (Microsoft Teams): parameter 'limit' expected a number",
      },
      {
        parameters: { resource: 'channelMessage', operation: 'send', teamId: TEAM, content: 'x' },
        fails: "Node 'Notify': Microsoft Teams channelMessage.send: parameter 'channelId' is required.",
      },
      {
        parameters: { resource: 'meeting', operation: 'createLink', start: 'tomorrow', end: '2025-05-01T08:00:00Z' },
        throws: "node 'Notify' (Microsoft Teams): parameter 'start' must be an ISO 8601 date and time",
      },
      {
        parameters: { resource: 'meeting', operation: 'createLink', start: '{{ "tomorrow" }}', end: '2025-05-01T08:00:00Z' },
        fails: "Node 'Notify' (Microsoft Teams): parameter 'start' must be an ISO 8601 date and time (item 0).",
      },
    ],
  });

  itRejectsBadInput(bed, 'names an unknown resource or operation with the real ones', {
    name: 'Notify',
    unknown: {
      service: 'Microsoft Teams',
      resources: ['channelMessage', 'channel', 'team', 'meeting', 'custom'],
      operation: ['channel', 'send'],
    },
  });

  it('never follows a next page to a host Microsoft does not own', async () => {
    overrides.push((method, path) =>
      path === '/v1.0/me/joinedTeams'
        ? { body: { value: [{ id: TEAM }], '@odata.nextLink': 'https://graph.example.net/v1.0/steal' } }
        : undefined,
    );
    const { execution, requests } = await node('team', 'list', { returnAll: true });
    overrides.pop();
    expect(execution.error?.code).toBe('CREDENTIAL_HOST_REFUSED');
    expect(execution.error?.message).toContain('graph.example.net');
    expect(requests.map((r) => r.path)).toEqual(['/v1.0/me/joinedTeams']);
  });

  itKeepsCustomCall(bed, 'keeps the custom API call on the Graph base URL and signs it with the account’s token', {
    parameters: { method: 'GET', path: '/me' },
    request: { method: 'GET', path: '/v1.0/me', auth: `Bearer ${ACCESS}` },
    item: { statusCode: 200, body: { displayName: 'Ada Lovelace' } },
  });
});

describe('Microsoft Teams in a workflow', () => {
  it('posts an alert built by Edit Fields from the trigger’s item to a channel, in engine.run and the CLI', async () => {
    const workflow = lineAfterTrigger([
      editFields(
        { id: 'format' },
        { text: '<b>{{ $json.service }}</b> is {{ $json.state }}', channel: '{{ $json.channel }}' },
        { only: true },
      ),
      {
        id: 'post',
        name: 'Post alert',
        type: microsoftTeams.node.type,
        parameters: {
          resource: 'channelMessage',
          operation: 'send',
          teamId: TEAM,
          channelId: '{{ $json.channel }}',
          contentType: 'html',
          content: '{{ $json.text }}',
        },
        credentials: { microsoftTeamsOAuth2Api: 'teams' },
      },
    ]);
    const input = [{ json: { service: 'checkout', state: 'down', channel: CHANNEL } }];
    // Through the command line, the account is connected elsewhere: the same request and items.
    const { execution, requests } = await runInEngineAndCli(bed, workflow, {
      credentials: [{ id: 'teams', type: 'microsoftTeamsOAuth2Api', data: CLIENT, oauth2: { accessToken: ACCESS, refreshToken: 'rt-1' } }],
      input,
      compare: 'post',
    });
    expect(requests).toMatchObject([
      { method: 'POST', path: `/v1.0${messagesPath}`, body: { body: { contentType: 'html', content: '<b>checkout</b> is down' } } },
    ]);
    expect(execution.nodes['post']![0]!.output['main']).toMatchObject([{ json: { id: '1714550400000' }, pairedItem: { item: 0 } }]);
  });
});
