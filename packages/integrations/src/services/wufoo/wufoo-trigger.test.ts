// The Wufoo trigger, with entries shaped as Wufoo's webhook docs describe them: a form-encoded POST of Field<n>
// answers, the entry's details, the handshake key set on the webhook, and (metadata on) the form's and fields'
// structure as JSON text, in the shape of Wufoo's Fields API.
import { buildWorkflow } from '@flowloom/engine/testing';
import { describe, expect, it } from 'vitest';
import { itRefusesCalls, itStartsNothingFor, webhookTestbed } from '../../testing/webhook-testbed.js';
import { wufooHandshakeKey, wufooTrigger } from './wufoo-trigger.js';

const KEY = '9f2b7c4e1a6d8b3c5e0f';
const HOOK = 'https://hooks.example.com/webhook/wufoo/entries';

const fieldStructure = {
  Fields: [
    {
      Title: 'Name',
      Type: 'shortname',
      ID: 'Field1',
      IsRequired: '1',
      SubFields: [
        { DefaultVal: '', ID: 'Field1', Label: 'First' },
        { DefaultVal: '', ID: 'Field2', Label: 'Last' },
      ],
    },
    { Title: 'Email', Type: 'email', ID: 'Field3', IsRequired: '1' },
    {
      Title: 'Interests',
      Type: 'checkbox',
      ID: 'Field4',
      IsRequired: '0',
      SubFields: [
        { DefaultVal: '0', ID: 'Field4', Label: 'Forms' },
        { DefaultVal: '0', ID: 'Field5', Label: 'Surveys' },
        { DefaultVal: '0', ID: 'Field6', Label: 'Reports' },
      ],
    },
    { Title: 'Resume', Type: 'file', ID: 'Field7', IsRequired: '0' },
  ],
};
const formStructure = { Name: 'Contact us', Hash: 'z7x4m1', Url: 'contact-us', Email: null, IsPublic: '1' };

/** An entry as Wufoo posts it, with the handshake key given (none with null). */
function entry(handshakeKey: string | null = KEY, extra: Record<string, string> = {}, url = HOOK) {
  const fields: Record<string, string> = {
    Field1: 'Ada',
    Field2: 'Lovelace',
    Field3: 'ada@example.com',
    Field4: 'Forms',
    Field5: '',
    Field6: 'Reports',
    Field7: 'resume.pdf',
    'Field7-url': 'https://example.wufoo.com/cabinet/z7x4m1/resume.pdf',
    CreatedBy: 'public',
    DateCreated: '2026-03-26 14:05:11',
    EntryId: '42',
    IP: '203.0.113.7',
    FormStructure: JSON.stringify(formStructure),
    FieldStructure: JSON.stringify(fieldStructure),
    ...extra,
  };
  if (handshakeKey !== null) fields['HandshakeKey'] = handshakeKey;
  return new Request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
}

const workflow = (id: string, path: string, parameters: Record<string, unknown> = {}) =>
  buildWorkflow({
    id,
    nodes: [
      {
        id: 'wu',
        name: 'Contact entries',
        type: wufooTrigger.type,
        parameters: { path, ...parameters },
        credentials: { wufooHandshakeKey: 'hook' },
      },
    ],
  });

const bed = webhookTestbed({
  hosts: [],
  nodeTypes: [wufooTrigger],
  credentialTypes: [wufooHandshakeKey],
  credentials: [{ id: 'hook', type: 'wufooHandshakeKey', data: { handshakeKey: KEY } }],
  workflow: workflow('entries', 'wufoo/entries'),
});

const answers = {
  Name: { First: 'Ada', Last: 'Lovelace' },
  Email: 'ada@example.com',
  Interests: ['Forms', 'Reports'],
  Resume: 'https://example.wufoo.com/cabinet/z7x4m1/resume.pdf',
};

describe('Wufoo trigger', () => {
  it('runs for an entry with the handshake key, and puts out its answers by field title', async () => {
    const { run } = await bed.runOnce(entry());
    expect(run.nodes['wu']![0]!.output['main']!.map((i) => i.json)).toEqual([answers]);
    // The key the call carries is kept out of what the run records.
    expect(JSON.stringify(run)).not.toContain(KEY);
  });

  it("puts out the entry's details and structure too, with Only answers off", async () => {
    await bed.engine.activate(workflow('entries-all', 'wufoo/all', { onlyAnswers: false }));
    const { run } = await bed.runOnce(entry(KEY, {}, HOOK.replace('entries', 'all')));
    expect(run.nodes['wu']![0]!.output['main']![0]!.json).toEqual({
      createdBy: 'public',
      entryId: '42',
      dateCreated: '2026-03-26 14:05:11',
      formStructure,
      fieldStructure,
      entries: answers,
    });
  });

  itRefusesCalls(bed, 'refuses an entry without the handshake key or with a wrong one with 401, starting nothing', () => [
    { call: entry(null), message: 'The call was refused: it has no Wufoo handshake key' },
    { call: entry(`${KEY}x`), message: 'The call was refused: its Wufoo handshake key does not match' },
  ]);

  itStartsNothingFor(
    bed,
    'starts nothing for a call with the key that carries no entry',
    () =>
      new Request(HOOK, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ HandshakeKey: KEY }).toString(),
      }),
  );

  it('fails the run, naming the field, when FieldStructure is not JSON', async () => {
    const { runs } = await bed.deliver(entry(KEY, { FieldStructure: '{"Fields":' }));
    expect(runs[0]!.status).toBe('error');
    expect(runs[0]!.error?.message).toMatch(/^Node 'Contact entries': the entry's field 'FieldStructure' is not JSON/);
  });
});
