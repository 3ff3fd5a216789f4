import { beforeAll, describe, expect, it } from 'vitest';
import { completes, corpusRunsTable, runN8nCorpus, type CorpusRuns } from '../testing/n8n-corpus-runs.node.js';

/**
 * The acceptance test of the importer: of the corpus workflows whose nodes all
 * map, at least 90% validate and run to completion on a Node engine. Each runs
 * as a user would run it after importing, with what the user would give it
 * (its trigger's data, stand-in credentials and sub-workflows, one local HTTP
 * server answering every request, a simulated clock): see
 * `testing/n8n-corpus-runs.node.ts`.
 */

let runs: CorpusRuns;

beforeAll(async () => {
  runs = await runN8nCorpus();
}, 900_000);

/**
 * The runs that fail today, each for a cause outside the importer's mappings:
 * something Flowloom does not do as n8n does, or something the test bed cannot
 * give. A run failing for any other reason fails the second test below.
 */
const KNOWN_FAILURES: Readonly<Record<string, string>> = {
  'Code/1356_Code_Webhook_Import_Webhook.json':
    "test bed: it reads a settings file at an absolute path of the n8n server's disk, outside the files root",
  'Executecommand/1190_Executecommand_Readbinaryfile_Automate_Triggered.json':
    "test bed: it reads a file list at an absolute path of the n8n server's disk, outside the files root",
  'Readbinaryfile/0220_Readbinaryfile_Manual_Automate_Triggered.json':
    "test bed: it reads a spreadsheet at an absolute path of the n8n server's disk, outside the files root",
  'Wait/0640_Wait_Splitout_Create_Scheduled.json':
    'the workflow: it reads the followers file its previous run saved, which a first run does not have (n8n fails there too)',
  'Code/0946_Code_Webhook_Send_Webhook.json':
    'the workflow: its URL still holds the note left for the user to replace with an API key, which is not JavaScript (n8n fails on it too)',
  'Splitout/0774_Splitout_Code_Automate_Webhook.json':
    "the workflow: its Braze URL still holds the note left for the user ('Enter your Braze instance_url like https://…'), which is not a URL (n8n fails on it too)",
  'Stopanderror/1164_Stopanderror_Code_Automation_Triggered.json':
    "the workflow: it checks Slack's signature with an HMAC whose secret is left for the user to fill in, so no call passes (n8n stops there too)",
  'Manual/0976_Manual_HTTP_Automation_Webhook.json':
    "Flowloom: n8n's legacy execution order also runs the unconnected 'Auth Wallabag' when the Merge waits on its second input; Flowloom runs only what its trigger reaches, so the Function node gets one item where n8n gives two",
  'Webhook/2007_Webhook_Graphql_Automate_Webhook.json':
    "Flowloom: $('X').params gives the node's parameters as Flowloom names them, and the workflow reads n8n's names (fields.values[0].stringValue)",
};

describe('the corpus workflows whose nodes all map, run on a Node engine', () => {
  it('validate, and run to completion at a share that never falls', () => {
    const { outcomes } = runs;
    const completed = outcomes.filter(completes);
    console.log(`\n${corpusRunsTable(runs, KNOWN_FAILURES, { blocking: 25 })}\n`);
    expect(outcomes.every((o) => o.validated)).toBe(true);
    // Floors at today's figures, so that no change lowers them unnoticed: 96 workflows fully mapped, 87 of them
    // completing (90.6%). The runs that fail are listed in KNOWN_FAILURES, each with its cause (the test bed, the
    // workflow itself, or one thing Flowloom does not do as n8n does).
    expect(outcomes.length).toBeGreaterThanOrEqual(96);
    expect(completed.length).toBeGreaterThanOrEqual(87);
    expect(completed.length / outcomes.length).toBeGreaterThanOrEqual(0.9);
  });

  it('fail only for the known causes listed', () => {
    const unexplained = runs.outcomes.filter((o) => !completes(o) && !(o.file in KNOWN_FAILURES));
    expect(unexplained.map((o) => `${o.file}: ${o.node ?? '?'} ${o.code ?? ''}: ${o.message ?? ''}`)).toEqual([]);
  });
});
