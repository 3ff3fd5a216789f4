// n8n's Airtable node imported with the integrations' mappings: real corpus nodes become Flowloom Airtable nodes, and an
// imported workflow sends Airtable the call Airtable's own SDK (airtable.js) makes for what the n8n node's parameters
// mean in Airtable's API reference (Create records).
import Airtable from 'airtable';
import type { SeenRequest } from '@flowloom/engine/testing/node';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixtureNode, importAfterTrigger } from '../testing/n8n-import.js';
import type { Answer } from '../testing/service-harness.js';
import { runInEngineAndCli, serviceTestbed } from '../testing/service-testbed.js';
import { airtable } from '../services/airtable/airtable.js';

const TOKEN = 'patN8n.0123456789abcdef';

function vendor(request: SeenRequest): Answer | undefined {
  if (request.method !== 'POST') return undefined;
  const { records } = JSON.parse(request.body.toString('utf8')) as { records: { fields: Record<string, unknown> }[] };
  return {
    body: {
      records: records.map((r, i) => ({
        id: `rec${String(i + 1).padStart(14, '0')}`,
        createdTime: '2026-05-01T00:00:00.000Z',
        fields: r.fields,
      })),
    },
  };
}

const bed = serviceTestbed(airtable, {
  name: 'Airtable',
  answers: vendor,
  hosts: ['api.airtable.com'],
  credentials: [{ id: 'pat', type: 'airtableTokenApi', data: { accessToken: TOKEN } }],
  // The SDK ends the table's path with a slash, which Airtable reads as the same path.
  read: (r) => ({ ...r, path: r.path.replace(/\/$/, '') }),
});
let sdk: Airtable;
beforeAll(() => {
  sdk = new Airtable({ apiKey: TOKEN, endpointUrl: bed.server.url, noRetryIfRateLimited: true });
});

describe("n8n's Airtable node, imported", () => {
  it('makes a version 1 update of listed fields a record update of those fields of the item', () => {
    const { node, report } = importAfterTrigger(fixtureNode('0042_Crypto_Airtable_Update_Webhook.json', 'Update clicks'));
    expect(report.placeholders).toEqual([]);
    expect(node).toMatchObject({
      type: 'integrations.airtable',
      parameters: {
        resource: 'record',
        operation: 'update',
        baseId: 'YOUR BASE ID',
        table: 'YOUR TABLE NAME',
        fields: '{{ $sift($json, function($v, $k) { $k in ["clicks"] }) }}',
      },
      credentials: { airtableTokenApi: 'Personal Airtable API creds' },
    });
    expect(report.problems.map((p) => p.code)).toContain('credential-replaced');
  });

  it('makes a version 2.1 upsert a record upsert merging on the matching columns', () => {
    const { node } = importAfterTrigger(fixtureNode('1644_Code_Schedule_Automation_Scheduled.json', 'Submit UTM Link To Database'));
    expect(node?.parameters).toEqual({
      resource: 'record',
      operation: 'upsert',
      baseId: 'appIXd8a8JeB9bPaL',
      table: 'tblXyFxXMHraieGCa',
      fieldsToMergeOn: ['id'],
      fields: { URL: '{{ $json.utmUrl }}' },
    });
  });

  it('makes a version 2.1 search with no formula a list of every record', () => {
    const { node } = importAfterTrigger(fixtureNode('1974_Mondaycom_Schedule_Send_Scheduled.json', 'Rules'));
    expect(node?.parameters).toEqual({
      resource: 'record',
      operation: 'list',
      baseId: 'appNmgIGA4Fhculsn',
      table: 'tblMSXbMFKETNToxV',
      returnAll: true,
    });
  });

  it('keeps an update that finds records by another column than id as a placeholder naming the parameter', () => {
    const { report } = importAfterTrigger(
      fixtureNode('1261_Airtabletool_Stickynote_Automation_Triggered.json', 'Post Caption into Airtable Record'),
    );
    expect(report.placeholders).toMatchObject([{ cause: 'parameters', parameter: 'columns.matchingColumns' }]);
  });

  it("creates the items' records in one request as the SDK does, from a corpus append of every field", async () => {
    const fields = [
      { Word: 'serendipity', Meaning: 'a happy accident' },
      { Word: 'petrichor', Meaning: 'the smell of rain' },
    ];
    await sdk
      .base('app4Y6qcCHIO1cYNB')
      .table('Table 1')
      .create(fields.map((f) => ({ fields: f })));
    const expected = await bed.take();
    const node = fixtureNode('1138_Airtable_Vonage_Automation_Scheduled.json', "Save today's words");
    node.credentials = { airtableApi: { id: 'pat', name: 'Airtable' } };
    const { workflow, report } = importAfterTrigger(node);
    expect(report.placeholders).toEqual([]);
    const { requests, execution } = await runInEngineAndCli(bed, workflow, {
      credentials: [{ id: 'pat', type: 'airtableTokenApi', data: { accessToken: TOKEN } }],
      input: fields.map((json) => ({ json })),
      compare: 'service',
    });
    expect(requests).toEqual(expected);
    expect(execution.nodes['service']?.[0]?.output['main']?.map((i) => i.json['fields'])).toEqual(fields);
  });
});
