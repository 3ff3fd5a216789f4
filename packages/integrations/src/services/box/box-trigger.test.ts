// The Box trigger, with events shaped as Box's webhook docs show them and signed as they describe (the base64
// HMAC-SHA256 of the raw body followed by Box-Delivery-Timestamp, once with each of the app's two keys; a delivery
// older than ten minutes is a replay), computed here with node:crypto as Box's guide does, at the engine clock's time.
import { buildWorkflow, createTestClock } from '@flowloom/engine/testing';
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { itRefusesCalls, itStartsNothingFor, webhookTestbed } from '../../testing/webhook-testbed.js';
import { boxTrigger, boxWebhookKeys } from './box-trigger.js';

const KEYS = { primaryKey: 'SamplePrimaryKey', secondaryKey: 'SampleSecondaryKey' };
const HOOK = 'https://hooks.example.com/webhook/box/folders';
const clock = createTestClock({ start: Date.UTC(2026, 5, 1, 12) });
/** The clock's time as Box writes it: RFC 3339 with the sender's offset (12:00 UTC). */
const NOW = '2026-06-01T05:00:00-07:00';

const event = (trigger: string) => ({
  type: 'webhook_event',
  id: 'eb0c4e06-751f-442c-86f8-fd5bb404dbec',
  created_at: NOW,
  trigger,
  webhook: { id: '53', type: 'webhook' },
  created_by: { type: 'user', id: '2', name: 'Aaron Levie', login: 'ceo@example.com' },
  source: { id: '118847708963', type: 'folder', name: 'Contracts', sequence_id: '3', etag: '3' },
});

/** An event as Box sends it, signed with the keys given (the app's by default) at `timestamp`. */
function call(body: unknown, options: { primary?: string | null; secondary?: string | null; timestamp?: string } = {}) {
  const text = JSON.stringify(body);
  const timestamp = options.timestamp ?? NOW;
  const sign = (key: string) => createHmac('sha256', key).update(text).update(timestamp).digest('base64');
  const primary = options.primary === undefined ? KEYS.primaryKey : options.primary;
  const secondary = options.secondary === undefined ? KEYS.secondaryKey : options.secondary;
  return new Request(HOOK, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'box-delivery-id': 'f96bb54b-ee16-4fc5-aa65-8c2d9e5b546f',
      'box-delivery-timestamp': timestamp,
      'box-signature-algorithm': 'HmacSHA256',
      'box-signature-version': '1',
      ...(primary === null ? {} : { 'box-signature-primary': sign(primary) }),
      ...(secondary === null ? {} : { 'box-signature-secondary': sign(secondary) }),
    },
    body: text,
  });
}

const bed = webhookTestbed({
  clock,
  hosts: [],
  nodeTypes: [boxTrigger],
  credentialTypes: [boxWebhookKeys],
  credentials: [{ id: 'keys', type: 'boxWebhookKeys', data: KEYS }],
  workflow: buildWorkflow({
    id: 'folders',
    nodes: [
      {
        id: 'box',
        name: 'Folder events',
        type: boxTrigger.type,
        parameters: { path: 'box/folders', events: ['FOLDER.MOVED', 'FOLDER.DOWNLOADED'] },
        credentials: { boxWebhookKeys: 'keys' },
      },
    ],
  }),
});

describe('Box trigger', () => {
  it('runs for a signed FOLDER.MOVED event, and puts out the event as Box sends it', async () => {
    const { run } = await bed.runOnce(call(event('FOLDER.MOVED')));
    expect(run.nodes['box']![0]!.output['main']!.map((i) => i.json)).toEqual([event('FOLDER.MOVED')]);
  });

  it('runs for an event whose primary signature is made with a retired key, when the secondary matches', async () => {
    await bed.runOnce(call(event('FOLDER.DOWNLOADED'), { primary: 'RetiredPrimaryKey' }));
  });

  itRefusesCalls(bed, 'refuses an unsigned event, wrong keys, a tampered body and a replay older than ten minutes with 401', () => {
    const signed = call(event('FOLDER.MOVED'));
    return [
      { call: call(event('FOLDER.MOVED'), { primary: null, secondary: null }), message: 'The call was refused: it has no Box signature' },
      {
        call: call(event('FOLDER.MOVED'), { primary: 'k1', secondary: 'k2' }),
        message: 'The call was refused: its Box signature does not match',
      },
      { call: new Request(HOOK, { method: 'POST', headers: signed.headers, body: JSON.stringify(event('FOLDER.TRASHED')) }) },
      {
        call: call(event('FOLDER.MOVED'), { timestamp: '2026-06-01T04:49:00-07:00' }),
        message: 'The call was refused: its Box delivery timestamp is more than ten minutes old',
      },
    ];
  });

  itStartsNothingFor(bed, 'starts nothing for a signed event of a trigger the node does not listen to', () => call(event('FILE.UPLOADED')));
});
