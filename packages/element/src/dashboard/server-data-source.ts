import { HttpClient, HttpStorageError, type FetchLike, type TokenSource } from '@flowloom/adapters/http';
import {
  excerpt,
  testCallBody,
  testCallUrl,
  type DashboardDataSource,
  type DashboardOverview,
  type DashboardWebhook,
  type DashboardWindow,
  type ReadOptions,
  type TenantUsage,
  type WebhookTestResult,
} from './dashboard-data-source.js';
import { DashboardError } from './dashboard.error.js';
import { BUILTIN_ROLES, type Invite, type InviteInput, type InviteResult, type Member, type MembersView } from './member-directory.js';

/** What `new ServerDataSource` takes. */
export interface ServerDataSourceOptions {
  /** Where the server's REST API is mounted (absolute): `https://app.example.com/api`. */
  serverUrl: string | URL;
  /** An embed token or API key, or a function returning one (asked again with `refresh: true` when it expired). */
  token: TokenSource;
  /** Sends the requests (default: the global `fetch`). */
  fetch?: FetchLike;
  /** Current time in epoch milliseconds (default `Date.now`). */
  now?: () => number;
  /** How many failing workflows and slowest nodes to ask for (default 10 and 5). */
  failingWorkflows?: number;
  slowestNodes?: number;
}

/**
 * The dashboard's figures from a Flowloom server (`@flowloom/server`)
 * through its REST API, with the caller's token: `GET /analytics`,
 * `/usage`, `/webhooks` and `/workflows` (for names), and the members
 * routes (`/members`, `/invites`, `/roles`, `/teams`). A section whose route
 * answers 403 or 404 is hidden.
 *
 * @example
 * dashboard.dataSource = new ServerDataSource({ serverUrl: 'https://app.example.com/api', token: () => fetchToken() });
 */
export class ServerDataSource implements DashboardDataSource {
  readonly client: HttpClient;
  readonly #options: ServerDataSourceOptions;
  /** Workflow id -> name, read once per refresh of the figures. */
  #names: Promise<Map<string, string>> | undefined;

  constructor(options: ServerDataSourceOptions) {
    this.#options = options;
    this.client = new HttpClient({
      baseUrl: options.serverUrl,
      token: options.token,
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
  }

  now(): number {
    return (this.#options.now ?? Date.now)();
  }

  async overview(window: DashboardWindow, { signal }: ReadOptions = {}): Promise<DashboardOverview> {
    this.#names = undefined;
    const answer = await this.client.request<DashboardOverview>('GET', '/analytics', {
      query: {
        from: window.from,
        to: window.to,
        failingWorkflows: this.#options.failingWorkflows ?? 10,
        slowestNodes: this.#options.slowestNodes ?? 5,
      },
      ...(signal ? { signal } : {}),
    });
    const overview = checked(
      'GET /analytics',
      answer,
      (a) => Array.isArray(a.perDay) && typeof a.total === 'number',
      '{ total, perDay, ... }',
    );
    const names = await this.#workflowNames(signal);
    const named = <T extends { workflowId: string }>(figure: T): T => {
      const name = names.get(figure.workflowId);
      return name ? { ...figure, workflowName: name } : figure;
    };
    return {
      ...overview,
      slowestNodes: (overview.slowestNodes ?? []).map(named),
      failingWorkflows: (overview.failingWorkflows ?? []).map(named),
    };
  }

  /** Names for the ids the figures carry; none when the caller may not list workflows. */
  #workflowNames(signal: AbortSignal | undefined): Promise<Map<string, string>> {
    this.#names ??= this.client
      .request<{ workflows?: { id: string; name: string }[] }>('GET', '/workflows', signal ? { signal } : {})
      .then((a) => new Map((a?.workflows ?? []).map((w) => [w.id, w.name])))
      .catch(() => new Map());
    return this.#names;
  }

  async usage({ signal }: ReadOptions = {}): Promise<TenantUsage[] | undefined> {
    const answer = await hiddenWhenRefused(this.client.request<TenantUsage>('GET', '/usage', signal ? { signal } : {}));
    if (answer === undefined) return undefined;
    return [
      checked(
        'GET /usage',
        answer,
        (a) => typeof a.tenantId === 'string' && typeof a.executions?.used === 'number',
        '{ tenantId, executions, ... }',
      ),
    ];
  }

  async webhooks({ signal }: ReadOptions = {}): Promise<DashboardWebhook[] | undefined> {
    const answer = await hiddenWhenRefused(
      this.client.request<{ webhooks: DashboardWebhook[] }>('GET', '/webhooks', signal ? { signal } : {}),
    );
    if (answer === undefined) return undefined;
    const hooks = checked('GET /webhooks', answer, (a) => Array.isArray(a.webhooks), '{ webhooks: [...] }').webhooks;
    const names = await this.#workflowNames(signal);
    // The server gives each URL below where it is mounted: `/t/<tenant>/webhook/<path>`.
    return hooks.map((hook) => {
      const name = names.get(hook.workflowId);
      return { ...hook, url: `${this.client.baseUrl}${hook.url}`, ...(name ? { workflowName: name } : {}) };
    });
  }

  async testWebhook(webhook: DashboardWebhook): Promise<WebhookTestResult> {
    const hasBody = webhook.method !== 'GET' && webhook.method !== 'HEAD';
    // Webhook senders are not signed in: the call goes without the dashboard's token, and without the
    // page's cookies (a webhook on the page's own origin would otherwise get the user's session).
    const response = await (this.#options.fetch ?? globalThis.fetch)(testCallUrl(webhook.url), {
      method: webhook.method,
      credentials: 'omit',
      ...(hasBody ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(testCallBody(this.now())) } : {}),
    });
    return { status: response.status, body: excerpt(await response.text()) };
  }

  /**
   * `GET /members` (any member may read it) and `GET /invites`, which needs
   * `member:manage`: a 403 or 404 from either hides the section, so only
   * users allowed to manage members see it. Roles and teams come from
   * `GET /roles` and `GET /teams` (the built-in roles, and no teams, when
   * those answer 403 or 404).
   */
  async members({ signal }: ReadOptions = {}): Promise<MembersView | undefined> {
    const options = signal ? { signal } : {};
    const [members, invites, roles, teams] = await Promise.all(
      ['/members', '/invites', '/roles', '/teams'].map((path) => hiddenWhenRefused(this.client.request<unknown>('GET', path, options))),
    );
    if (members === undefined || invites === undefined) return undefined;
    return {
      members: listOf('GET /members', members, 'members', isMember).map(toMember),
      // The server keeps accepted, revoked and expired invites (with their `status`): only pending ones are open.
      invites: listOf('GET /invites', invites, 'invites', isInvite)
        .filter((i) => i['status'] === undefined || i['status'] === 'pending')
        .map(toInvite),
      roles: roles === undefined ? [...BUILTIN_ROLES] : rolesInOrder(listOf('GET /roles', roles, 'roles', isRole)),
      teams:
        teams === undefined
          ? []
          : listOf('GET /teams', teams, 'teams', (t) => isText(fieldsOf(t).id) && isText(fieldsOf(t).name)).map((t) => ({
              id: t['id'] as string,
              name: t['name'] as string,
            })),
    };
  }

  async invite(input: InviteInput): Promise<InviteResult> {
    const where = `Invite ${input.email.trim()}`;
    const answer = await said(
      where,
      this.client.request<{ token?: string; invite?: unknown }>('POST', '/invites', {
        body: { email: input.email.trim(), role: input.role },
      }),
    );
    const invite = toInvite(
      checked('POST /invites', answer, (a) => isInvite(a.invite), '{ token, invite }').invite as Record<string, unknown>,
    );
    return { invite, ...(typeof answer.token === 'string' ? { token: answer.token } : {}) };
  }

  async revokeInvite(inviteId: string): Promise<void> {
    const where = 'Revoke invitation';
    if (!(await said(where, this.client.delete(`/invites/${encodeURIComponent(inviteId)}`)))) {
      throw new DashboardError('NOT_FOUND', `${where}: there is no invitation '${inviteId}'.`);
    }
  }

  async changeRole(memberId: string, role: string): Promise<void> {
    await said(`Change role of ${memberId}`, this.client.request('PATCH', `/members/${encodeURIComponent(memberId)}`, { body: { role } }));
  }

  async removeMember(memberId: string): Promise<void> {
    const where = `Remove ${memberId}`;
    if (!(await said(where, this.client.delete(`/members/${encodeURIComponent(memberId)}`)))) {
      throw new DashboardError('NOT_FOUND', `${where}: there is no member '${memberId}'.`);
    }
  }
}

/** A refusal of an action, as the sentence the server wrote, naming what was asked. */
async function said<T>(where: string, call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (error) {
    if (!(error instanceof HttpStorageError) || !error.serverMessage || error.status === undefined) throw error;
    const code = error.status === 403 ? 'FORBIDDEN' : error.status === 404 ? 'NOT_FOUND' : error.status < 500 ? 'INPUT_INVALID' : undefined;
    if (!code) throw error;
    throw new DashboardError(code, `${where}: ${error.serverMessage}`, { cause: error });
  }
}

/** `undefined` when the server answered 403 (not allowed) or 404 (no such route here): the section is hidden. */
async function hiddenWhenRefused<T>(call: Promise<T>): Promise<T | undefined> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof HttpStorageError && (error.status === 403 || error.status === 404)) return undefined;
    throw error;
  }
}

function checked<T>(where: string, answer: T, ok: (a: T) => boolean, expected: string): T {
  if (answer !== null && typeof answer === 'object' && ok(answer)) return answer;
  throw new DashboardError(
    'ANSWER_INVALID',
    `${where}: expected ${expected} from the server, got ${JSON.stringify(answer)?.slice(0, 200)}.`,
  );
}

/** A list answered as `{ <key>: [...] }` or as the array itself, each entry checked. */
function listOf(where: string, answer: unknown, key: string, ok: (entry: unknown) => boolean): Record<string, unknown>[] {
  const list = Array.isArray(answer) ? answer : (answer as Record<string, unknown> | null)?.[key];
  if (!Array.isArray(list)) throw new DashboardError('ANSWER_INVALID', `${where}: expected { ${key}: [...] } from the server.`);
  list.forEach((entry, i) => {
    if (!ok(entry)) {
      throw new DashboardError(
        'ANSWER_INVALID',
        `${where}: ${key}[${i}] is not what the dashboard reads: ${JSON.stringify(entry)?.slice(0, 200)}.`,
      );
    }
  });
  return list as Record<string, unknown>[];
}

const isText = (v: unknown): v is string => typeof v === 'string' && v !== '';
const fieldsOf = (v: unknown) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>) : {});
/** The server names a member by `userId`; the dashboard's own sources by `id`. */
const isMember = (v: unknown) => (isText(fieldsOf(v)['userId']) || isText(fieldsOf(v)['id'])) && isText(fieldsOf(v)['role']);
const isInvite = (v: unknown) => isText(fieldsOf(v)['id']) && isText(fieldsOf(v)['email']) && isText(fieldsOf(v)['role']);
const isRole = (v: unknown) => isText(v) || isText(fieldsOf(v)['name']);
const roleName = (v: unknown) => (isText(v) ? v : (fieldsOf(v)['name'] as string));

/**
 * The role names from most to least allowed, as the dashboard offers them
 * (its invite form picks the last): the server lists its roles in the order
 * they were defined, with each role's permissions, so roles a host added come
 * after `viewer` whatever they allow. Ties keep the server's order.
 */
function rolesInOrder(roles: readonly unknown[]): string[] {
  const allowed = (v: unknown) => {
    const permissions = fieldsOf(v)['permissions'];
    return Array.isArray(permissions) ? permissions.length : undefined;
  };
  if (roles.some((r) => allowed(r) === undefined)) return roles.map(roleName);
  return roles
    .map((r, i) => ({ name: roleName(r), count: allowed(r)!, i }))
    .sort((a, b) => b.count - a.count || a.i - b.i)
    .map((r) => r.name);
}

/** An invite as the dashboard shows it; the server's record has more (`status`, `teamIds`, `createdBy`...). */
function toInvite(v: Record<string, unknown>): Invite {
  return {
    id: v['id'] as string,
    email: v['email'] as string,
    role: v['role'] as string,
    ...(typeof v['expiresAt'] === 'string' ? { expiresAt: v['expiresAt'] } : {}),
  };
}

function toMember(v: Record<string, unknown>): Member {
  const email = v['email'];
  const name = v['name'];
  const teamIds = v['teamIds'];
  return {
    id: (isText(v['userId']) ? v['userId'] : v['id']) as string,
    role: v['role'] as string,
    ...(isText(email) ? { email } : {}),
    ...(isText(name) ? { name } : {}),
    ...(Array.isArray(teamIds) ? { teamIds: teamIds.filter(isText) } : {}),
  };
}
