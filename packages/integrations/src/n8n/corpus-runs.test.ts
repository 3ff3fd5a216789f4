// The importer's acceptance test with this package's n8n mappings: of the corpus workflows whose nodes all map once the
// services' nodes count, at least 90% validate and run to completion on a Node engine with this package's node and
// credential types, each request of a service node answered by one local server (see
// `@flowloom/engine`'s `testing/n8n-corpus-runs.node.ts`, the engine's own corpus run).
import { generateKeyPairSync } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { importN8nWorkflow, type CredentialEntry } from '@flowloom/engine/n8n';
import {
  completes,
  corpusRunsTable,
  N8N_CORPUS,
  nonAiShare,
  runN8nCorpus,
  type CorpusRuns,
  type StandInCredential,
} from '@flowloom/engine/testing/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../../../adapters/src/postgres/testing/throwaway-postgres.js';
import { allIntegrationCredentials, allIntegrations } from '../index.js';
import { createNodeIntegrations } from '../node.js';
import { n8nMappings, n8nNodeTypes } from './index.js';

/** A PKCS#8 key for stand-in service accounts, which sign their token requests. */
const SERVICE_ACCOUNT_KEY = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'pem', type: 'pkcs8' });

const oauth2Client = { clientId: 'stand-in-client', clientSecret: 'stand-in-secret' };

/** Dummy secrets of each Flowloom credential type the mappings put in a slot (named after the type); Postgres's is a real server's. */
const STAND_INS: Record<string, Record<string, unknown>> = {
  slackApi: { token: 'xoxb-stand-in' },
  slackOAuth2Api: oauth2Client,
  airtableTokenApi: { accessToken: 'pat-stand-in' },
  airtableOAuth2Api: oauth2Client,
  googleSheetsOAuth2Api: oauth2Client,
  googleSheetsServiceAccount: { clientEmail: 'stand-in@project.iam.gserviceaccount.com', privateKey: SERVICE_ACCOUNT_KEY },
  telegramApi: { botToken: '123456789:AAH-stand-in-token-000000' },
  awsS3Api: { accessKeyId: 'AKIASTANDIN', secretAccessKey: 'stand-in-secret' },
  mailchimpApi: { apiKey: '0123456789abcdef0123456789abcdef-us21' },
  pipedriveApi: { apiToken: 'stand-in-token' },
  stripeApi: { secretKey: 'sk_test_standin' },
  paypalOAuth2Api: { ...oauth2Client, environment: 'sandbox' },
  deepLApi: { apiKey: 'stand-in-key' },
  raindropOAuth2Api: oauth2Client,
  ghostAdminApi: { url: 'https://blog.example.com', apiKey: `6489c0a1b2c3d4e5f6a7b8c9:${'0123456789abcdef'.repeat(4)}` },
  storyblokManagementApi: { accessToken: 'stand-in-token' },
  contentfulApi: { spaceId: 'standin', deliveryToken: 'stand-in-token' },
  cockpitApi: { url: 'https://cms.example.com', accessToken: 'stand-in-token' },
};

/** Credential types connected through an OAuth2 authorization: their stand-ins hold an imported access token. */
const OAUTH2 = /OAuth2Api$/;

/** The links Stripe's invoice objects carry: the hosted page and the PDF. */
const INVOICE_LINKS = {
  hosted_invoice_url: 'https://invoice.stripe.com/i/acct_1/test_1',
  invoice_pdf: 'https://pay.stripe.com/invoice/acct_1/test_1/pdf',
};

/**
 * An answer as its vendor shapes it, where a workflow reads what the vendor always sends: Slack's `ok`, Telegram's
 * `{ ok, result }`, and Stripe's lists (`object: 'list'`, each object in `data` naming its type, as `invoice`, and an
 * invoice's links).
 */
function vendorAnswer(url: URL, answer: Record<string, unknown>): Record<string, unknown> {
  if (url.hostname === 'slack.com') return { ...answer, ok: true };
  if (url.hostname === 'api.telegram.org') return { ...answer, ok: true, result: { message_id: 1, chat: { id: 1 } } };
  const list = /^\/v1\/([a-z_]+)s$/.exec(url.pathname);
  if (url.hostname === 'api.stripe.com' && list && Array.isArray(answer.data)) {
    const type = list[1]!;
    const data = answer.data.map((o: unknown) =>
      typeof o === 'object' && o !== null ? { ...o, object: type, ...(type === 'invoice' ? INVOICE_LINKS : {}) } : o,
    );
    return { ...answer, object: 'list', has_more: false, data };
  }
  return answer;
}

/** The service nodes that read the item's file: S3's upload. */
const readsFile = (type: string, parameters: Record<string, unknown>) => type === 'integrations.s3' && parameters.operation === 'put';

/**
 * The runs of workflows with this package's nodes that fail today, each for a cause outside the mappings: something
 * Flowloom does not do as n8n does, or something the test bed cannot give. A run failing for any other reason fails
 * the second test below. The runs of workflows of core nodes only are the engine's corpus run's, which lists theirs.
 */
const KNOWN_FAILURES: Readonly<Record<string, string>> = {
  'Respondtowebhook/1455_Respondtowebhook_Form_Automation_Webhook.json':
    "Flowloom: execution ids are not numbers as n8n's are, and the page it serves computes $execution.id.toNumber() - 1",
  'Manual/0957_Manual_Paypal_Automation_Triggered.json':
    "the workflow: its payout has no items, which n8n refuses too ('You must have at least one item.')",
  'Crypto/0042_Crypto_Airtable_Update_Webhook.json':
    "the workflow: it computes new URL(...).host in an expression, and expressions have no URL class, in n8n ('URL is not a constructor', recorded by its evaluator) as in Flowloom",
};

/** Whether a corpus workflow holds a node of this package (else the engine's corpus run answers for it). */
const usesServices = (file: string) =>
  runs.cases.some((c) => c.file === file && c.workflow.nodes.some((n) => n.type.startsWith('integrations.')));

/** The causes the table prints: this file's, and for a workflow of core nodes only, where its cause is listed. */
function causes(): Record<string, string> {
  const coreOnly = runs.outcomes.filter((o) => !completes(o) && !usesServices(o.file));
  return {
    ...Object.fromEntries(coreOnly.map((o) => [o.file, "core nodes only: the engine's corpus run lists its cause"])),
    ...KNOWN_FAILURES,
  };
}

/**
 * The share of workflows without AI nodes that map fully with these mappings (142 of 320 today, 96 of them with the
 * core nodes alone): it may rise, never fall.
 */
const NON_AI_FLOOR = 0.44;
/**
 * The share of the fully mapped workflows that complete: at least 90%, today 130 of 142 (91.5%). Of the 12 runs that
 * fail, 9 are of core nodes only (the engine's corpus run lists their causes) and 3 are listed in KNOWN_FAILURES; 6 of
 * the 12 fail on the workflow itself, as they do in n8n.
 */
const COMPLETED_FLOOR = 0.9;

/** The n8n node types of the services this package has (and their triggers). */
const SERVICE_TYPE =
  /^n8n-nodes-base\.(postgres|slack|airtable|googleSheets|telegram|notion|hubspot|gmail|googleDrive|awsS3|s3|discord|github|stripe|shopify|twilio|sendGrid|mailchimp|pipedrive|salesforce|dropbox|microsoftTeams|wooCommerce|payPal|googleAnalytics|facebookGraphApi)(Trigger)?$/;

/** The workflows without AI nodes that only nodes of these services keep from mapping fully, with why. */
function blockedByServices(): string[] {
  const byFile = new Map<string, CorpusRuns['placeholders']>();
  for (const p of runs.placeholders) byFile.set(p.file, [...(byFile.get(p.file) ?? []), p]);
  return [...byFile]
    .filter(([, placeholders]) => placeholders.every((p) => SERVICE_TYPE.test(p.n8nType) || p.n8nType in n8nMappings))
    .map(
      ([file, placeholders]) =>
        `  ${file}\n${placeholders.map((p) => `    ${p.n8nType} '${p.node}': ${p.parameter ? `${p.parameter}: ` : ''}${p.reason}`).join('\n')}`,
    );
}

/**
 * The tables the corpus workflows' Postgres nodes write, as the workflow's user has them in their database: each
 * insert's table, with the columns it names (as text, which takes any value the items give).
 */
function tablesWritten(): Map<string, { schema: string; table: string; columns: Set<string> }> {
  const tables = new Map<string, { schema: string; table: string; columns: Set<string> }>();
  const dir = join(N8N_CORPUS, 'workflows');
  for (const file of readdirSync(dir, { recursive: true }) as string[]) {
    if (!file.endsWith('.json')) continue;
    const text = readFileSync(join(dir, file), 'utf8');
    if (!text.includes('n8n-nodes-base.postgres')) continue;
    const { workflow } = importN8nWorkflow(text, { mappings: n8nMappings, nodeTypes: n8nNodeTypes });
    for (const node of workflow?.nodes ?? []) {
      const { operation, table, schema, columnNames } = node.parameters as Record<string, unknown>;
      if (node.type !== 'integrations.postgres' || operation !== 'insert' || typeof table !== 'string') continue;
      const inSchema = typeof schema === 'string' ? schema : 'public';
      const key = `${inSchema}.${table}`;
      const entry = tables.get(key) ?? { schema: inSchema, table, columns: new Set<string>() };
      for (const column of Array.isArray(columnNames) ? columnNames : []) if (typeof column === 'string') entry.columns.add(column);
      tables.set(key, entry);
    }
  }
  return tables;
}

let runs: CorpusRuns;
let database: ThrowawayPostgres | undefined;

afterAll(async () => {
  await database?.stop();
});

beforeAll(async () => {
  // A real PostgreSQL server for the Postgres nodes, with the tables their workflows write.
  database = await startThrowawayPostgres();
  const admin = new pg.Client({ connectionString: database.url });
  await admin.connect();
  try {
    for (const { schema, table, columns } of tablesWritten().values()) {
      await admin.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
      await admin.query(`CREATE TABLE "${schema}"."${table}" (${[...columns].map((c) => `"${c}" text`).join(', ')})`);
    }
  } finally {
    await admin.end();
  }
  STAND_INS.postgres = { host: database.host, port: database.port, database: database.database, user: 'postgres' };
  runs = await runN8nCorpus({
    import: { mappings: n8nMappings, nodeTypes: n8nNodeTypes },
    // The catalog for Node engines: Postgres's node connects (to the local server: private addresses allowed).
    nodeTypes: createNodeIntegrations({ allowPrivateNetworks: true }),
    credentialTypes: allIntegrationCredentials,
    standInCredential: (entry: CredentialEntry): StandInCredential | undefined => {
      const data = entry.slot === undefined ? undefined : STAND_INS[entry.slot];
      return data && entry.slot ? { type: entry.slot, data } : undefined;
    },
    missingCredential: (node) => {
      // The first credential type of the node's slots the test bed has a stand-in of, as its user would choose one.
      const type = allIntegrations.find((t) => t.type === node.type)?.credentials?.find((slot) => slot.type in STAND_INS)?.type;
      return type ? { slot: type, credential: { type, data: STAND_INS[type]! } } : undefined;
    },
    prepareCredential: async (engine, id, credential) => {
      if (OAUTH2.test(credential.type) && credential.type in STAND_INS) {
        await engine.credentials.oauth2.importTokens(id, { accessToken: 'stand-in-access-token', tokenType: 'Bearer' });
      }
    },
    sendsRequests: (type) => type.startsWith('integrations.'),
    vendorAnswer,
    readsFile,
  });
}, 900_000);

describe('the corpus workflows whose nodes all map with the integrations, run on a Node engine', () => {
  it('validate, and run to completion at a share that never falls', () => {
    const { outcomes } = runs;
    const completed = outcomes.filter(completes);
    const services = blockedByServices();
    console.log(
      `\n${corpusRunsTable(runs, causes(), { blocking: 40 })}\n` +
        `blocked only by nodes of these services (${services.length}):\n${services.join('\n')}\n`,
    );
    expect(outcomes.every((o) => o.validated)).toBe(true);
    expect(completed.length / outcomes.length).toBeGreaterThanOrEqual(COMPLETED_FLOOR);
    expect(nonAiShare(runs)).toBeGreaterThanOrEqual(NON_AI_FLOOR);
  });

  it('fail, where they use these services, only for the known causes listed', () => {
    const unexplained = runs.outcomes.filter((o) => !completes(o) && usesServices(o.file) && !(o.file in KNOWN_FAILURES));
    expect(unexplained.map((o) => `${o.file}: ${o.node ?? '?'} ${o.code ?? ''}: ${o.message ?? ''}`)).toEqual([]);
  });
});
