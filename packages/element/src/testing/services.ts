import { executeServerCommand } from '@web/test-runner-commands';

/** The services `test-services.plugin.mjs` runs for the browser tests, on 127.0.0.1. */
export interface TestServices {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** The key `GET /api/me` accepts (sent as `X-API-Key`). */
  apiKey: string;
  oauth2: { clientId: string; authorizationUrl: string; tokenUrl: string; userinfoUrl: string };
}

/** What the services saw: each code exchange (PKCE verified or not), refresh and API key check. */
export interface ServiceLog {
  authorizations: number;
  exchanges: { verified: boolean; redirectUriMatches: boolean }[];
  refreshes: { accepted: boolean }[];
  apiKeyChecks: { ok: boolean }[];
}

/** Starts the services (once per test run) and says where they are. */
export function testServices(): Promise<TestServices> {
  return executeServerCommand('flowloom-services');
}

/** What the services saw so far. */
export function serviceLog(): Promise<ServiceLog> {
  return executeServerCommand('flowloom-services-log');
}

/** The user revokes the app's access at the authorization server: every token stops working. */
export function revokeGrants(): Promise<void> {
  return executeServerCommand('flowloom-services-revoke');
}

/** A Flowloom server the test page may call, and an embed token of an editor of its tenant `acme`. */
export interface TestFlowloomServer {
  /** `http://127.0.0.1:<port>`: the REST API's root. */
  url: string;
  token: string;
}

/** Starts a Flowloom server (once per test run) over an engine in memory. */
export function testFlowloomServer(): Promise<TestFlowloomServer> {
  return executeServerCommand('flowloom-server', { origin: location.origin });
}

/** Saves a screenshot of the test page as `test-output/element-screenshots/<name>.png`; resolves with its path. */
export function screenshot(name: string): Promise<string> {
  return executeServerCommand('flowloom-screenshot', { name });
}
