import type { InviteInput, InviteResult, MembersView } from './member-directory.js';

/** The executions a dashboard looks at: those started in `[from, to)`. */
export interface DashboardWindow {
  /** ISO instant. */
  from: string;
  /** ISO instant (default: no end). */
  to?: string;
}

/** Durations of finished executions, in milliseconds. */
export interface DurationFigures {
  average: number;
  p50: number;
  p95: number;
}

/** Executions started on one UTC day (`2026-06-10`). */
export interface DayCount {
  day: string;
  total: number;
  success: number;
  /** Ended in error, canceled or crashed. */
  failed: number;
}

/** A node among the slowest, averaged over recent executions. */
export interface SlowNodeFigure {
  workflowId: string;
  workflowName?: string;
  nodeId: string;
  nodeName: string;
  runs: number;
  averageMs: number;
  maxMs: number;
}

/** A workflow whose executions failed in the window, with its most recent error. */
export interface FailingWorkflow {
  workflowId: string;
  workflowName?: string;
  failed: number;
  lastError: { executionId: string; startedAt: string; message: string };
}

/** What `GET /analytics` answers: counts, success rate, durations, days, slowest nodes and failing workflows. */
export interface DashboardOverview {
  total: number;
  byStatus: Readonly<Record<string, number>>;
  /** From 0 to 1; absent when no execution finished. */
  successRate?: number;
  durationMs?: DurationFigures;
  /** Days with executions, oldest first. */
  perDay: DayCount[];
  slowestNodes: SlowNodeFigure[];
  /** Most failures first. */
  failingWorkflows: FailingWorkflow[];
}

/** A count and the limit it is held to (none when `limit` is absent). */
export interface UsageCount {
  used: number;
  limit?: number;
}

/** One tenant's use against its limits, as `GET /usage` answers it. */
export interface TenantUsage {
  tenantId: string;
  /** The month counted, as `2026-06`. */
  month: string;
  executions: UsageCount;
  workflows: UsageCount;
  runningExecutions: UsageCount;
}

/** A webhook an active workflow answers. */
export interface DashboardWebhook {
  workflowId: string;
  workflowName?: string;
  nodeId: string;
  method: string;
  /** Below the webhook base, as `orders/:id`. */
  path: string;
  /** The absolute URL senders call. */
  url: string;
}

/** How a webhook answered a test call. */
export interface WebhookTestResult {
  status: number;
  /** The start of the answer's body. */
  body: string;
}

/** A read the dashboard can abandon (on refresh, or when it leaves the page). */
export interface ReadOptions {
  signal?: AbortSignal;
}

/**
 * Where `<workflow-dashboard>` gets its figures and sends its actions.
 * `ServerDataSource` asks a Flowloom server; `EngineDataSource` an engine in
 * the page. A read that resolves with `undefined` hides its section: the
 * caller may not see it (the server answered 403), or it does not exist there
 * (404).
 */
export interface DashboardDataSource {
  /** The current time in epoch milliseconds: the window's days end today. */
  now(): number;
  overview(window: DashboardWindow, options?: ReadOptions): Promise<DashboardOverview>;
  /** Each tenant the caller may see, with its use against its limits. */
  usage(options?: ReadOptions): Promise<TenantUsage[] | undefined>;
  webhooks(options?: ReadOptions): Promise<DashboardWebhook[] | undefined>;
  /** Calls the webhook as a sender would, with a small test body, and reports the answer. */
  testWebhook(webhook: DashboardWebhook): Promise<WebhookTestResult>;
  /** Members, invitations, roles and teams; `undefined` for users who may not manage members. */
  members(options?: ReadOptions): Promise<MembersView | undefined>;
  /** Invites someone; the answer carries the token admitting them when the server gives one (only then). */
  invite(input: InviteInput): Promise<InviteResult>;
  revokeInvite(inviteId: string): Promise<void>;
  changeRole(memberId: string, role: string): Promise<void>;
  removeMember(memberId: string): Promise<void>;
}

/** The body a webhook test call sends (for methods with a body), so a workflow can tell a test from a real call. */
export function testCallBody(now: number): { flowloomTest: true; sentAt: string } {
  return { flowloomTest: true, sentAt: new Date(now).toISOString() };
}

/** The URL a test call goes to: `:name` segments get the value `test`. */
export function testCallUrl(url: string): string {
  const parsed = new URL(url);
  parsed.pathname = parsed.pathname
    .split('/')
    .map((segment) => (segment.startsWith(':') ? 'test' : segment))
    .join('/');
  return parsed.href;
}

/** The first 500 characters of a text, for showing an answer. */
export function excerpt(text: string): string {
  return text.length > 500 ? `${text.slice(0, 500)}…` : text;
}
