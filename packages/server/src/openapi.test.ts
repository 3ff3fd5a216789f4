import SwaggerParser from '@apidevtools/swagger-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUBLIC_ROUTES } from './create-server.js';
import { routeTable } from './routes/route-table.js';
import { WEBHOOK_ROUTES } from './routes/webhooks.js';
import { startTestServer, type TestServer } from './testing/test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

/** Every route Hono serves, as `METHOD /path` with `{name}` parameters, but the middleware of `*`. */
function servedRoutes(): string[] {
  const routes = server.app.routes
    .filter((r) => r.method !== 'ALL' || !r.path.endsWith('*') || (WEBHOOK_ROUTES as readonly string[]).includes(r.path))
    .filter((r) => r.path !== '/*')
    .map((r) => `${r.method} ${r.path.replaceAll(/:([^/]+)/g, '{$1}')}`);
  return [...new Set(routes)];
}

describe('the OpenAPI document', () => {
  it('validates against the OpenAPI 3.1 schema', async () => {
    const { body } = await server.call('/openapi.json');
    // The parser dereferences in place: give it a copy.
    await expect(SwaggerParser.validate(structuredClone(body))).resolves.toBeTruthy();
  });

  it('describes every route the server serves, except the few public ones, each with its permission', async () => {
    const { body } = await server.call('/openapi.json');
    const documented = new Set<string>();
    for (const [path, item] of Object.entries(body.paths as Record<string, Record<string, { 'x-permission'?: string }>>)) {
      for (const [method, operation] of Object.entries(item)) {
        documented.add(`${method.toUpperCase()} ${path}`);
        expect(operation['x-permission'], `${method} ${path}`).toMatch(/^[a-z]+:[a-z]+$/);
      }
    }
    const publicRoutes = new Set<string>([
      ...PUBLIC_ROUTES.map((p) => `GET ${p}`),
      ...WEBHOOK_ROUTES.map((p) => `ALL ${p.replaceAll(/:([^/]+)/g, '{$1}')}`),
    ]);
    const undocumented = servedRoutes().filter((r) => !documented.has(r) && !publicRoutes.has(r));
    expect(undocumented).toEqual([]);
    // And the document lists nothing the server does not serve.
    expect([...documented].filter((r) => !servedRoutes().includes(r))).toEqual([]);
    expect(documented.size).toBeGreaterThanOrEqual(30);
  });

  it('documents the answers each route gives: 401 without credentials, 400 for a bad body, and what an unknown id brings', async () => {
    const { body: document } = await server.call('/openapi.json');
    const owner = await server.keyFor('acme', 'owner');
    const undocumented: string[] = [];
    for (const route of routeTable(server.app)) {
      const documented = Object.keys(document.paths[route.path][route.method.toLowerCase()].responses);
      const url = route.path
        .replaceAll('{version}', '1')
        .replaceAll('{key}', 'nothing_here')
        .replaceAll(/\{[^}]+\}/g, 'nothing-here');
      const answers = [
        await server.call(url, { method: route.method }),
        await server.call(url, { method: route.method, auth: owner, ...(route.hasBody ? { json: { surprise: true } } : {}) }),
      ];
      for (const answer of answers) {
        if (!documented.includes(String(answer.status))) undocumented.push(`${route.method} ${route.path}: ${answer.status}`);
      }
    }
    expect(undocumented).toEqual([]);
  });
});
