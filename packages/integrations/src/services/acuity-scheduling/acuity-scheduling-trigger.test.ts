// The Acuity Scheduling trigger, with calls shaped as Acuity's webhook docs show them (a form of action, id,
// calendarID and appointmentTypeID) and signed as they describe (X-Acuity-Signature: the base64 HMAC-SHA256 of the
// raw body, keyed with the account's API key), computed here with node:crypto; the appointment it names is answered
// as Acuity's API documents GET /appointments/{id}.
import { buildWorkflow } from '@flowloom/engine/testing';
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { itRefusesCalls, itStartsNothingFor, webhookTestbed } from '../../testing/webhook-testbed.js';
import { acuitySchedulingApiKey, acuitySchedulingTrigger } from './acuity-scheduling-trigger.js';

const ACCOUNT = { userId: '11145481', apiKey: 'a7c3e9f1b5d04826' };
const HOOK = 'https://hooks.example.com/webhook/acuity/appointments';

const appointment = {
  id: 54321,
  firstName: 'Bob',
  lastName: 'McTest',
  phone: '',
  email: 'bob.mctest@example.com',
  date: 'June 17, 2026',
  time: '10:15am',
  endTime: '11:15am',
  datetime: '2026-06-17T10:15:00-0700',
  price: '10.00',
  paid: 'no',
  type: 'Regular Visit',
  appointmentTypeID: 1,
  duration: '60',
  calendar: 'My Calendar',
  calendarID: 27238,
  timezone: 'America/New_York',
};

/** A call as Acuity posts it, signed with `key` (the account's API key by default), or unsigned with null. */
function call(fields: Record<string, string>, key: string | null = ACCOUNT.apiKey, url = HOOK) {
  const body = new URLSearchParams(fields).toString();
  return new Request(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(key === null ? {} : { 'x-acuity-signature': createHmac('sha256', key).update(body).digest('base64') }),
    },
    body,
  });
}
const scheduled = { action: 'appointment.scheduled', id: '54321', calendarID: '27238', appointmentTypeID: '1' };

const workflow = (id: string, path: string, parameters: Record<string, unknown> = {}) =>
  buildWorkflow({
    id,
    nodes: [
      {
        id: 'acuity',
        name: 'New bookings',
        type: acuitySchedulingTrigger.type,
        parameters: { path, events: ['appointment.scheduled'], ...parameters },
        credentials: { acuitySchedulingApi: 'account' },
      },
    ],
  });

const bed = webhookTestbed({
  answers: (request) =>
    request.url.startsWith('/api/v1/appointments/54321')
      ? { body: appointment }
      : { status: 404, body: { status_code: 404, message: 'Appointment not found.', error: 'not_found' } },
  hosts: ['acuityscheduling.com'],
  nodeTypes: [acuitySchedulingTrigger],
  credentialTypes: [acuitySchedulingApiKey],
  credentials: [{ id: 'account', type: 'acuitySchedulingApi', data: ACCOUNT }],
  workflow: workflow('bookings', 'acuity/appointments'),
});

describe('Acuity Scheduling trigger', () => {
  it('runs for a signed appointment.scheduled call, and puts out the appointment asked of Acuity with the credential', async () => {
    await bed.take();
    const { run } = await bed.runOnce(call(scheduled));
    expect(run.nodes['acuity']![0]!.output['main']!.map((i) => i.json)).toEqual([appointment]);
    expect(await bed.take()).toEqual([
      {
        method: 'GET',
        path: '/api/v1/appointments/54321',
        query: {},
        auth: `Basic ${ACCOUNT.userId}:${ACCOUNT.apiKey}`,
        contentType: undefined,
        body: undefined,
      },
    ]);
  });

  it("puts out the call's fields as sent, asking Acuity nothing, with Resolve data off", async () => {
    await bed.engine.activate(workflow('bookings-ids', 'acuity/ids', { resolveData: false }));
    const { run } = await bed.runOnce(call(scheduled, ACCOUNT.apiKey, HOOK.replace('appointments', 'ids')));
    expect(run.nodes['acuity']![0]!.output['main']![0]!.json).toEqual(scheduled);
    expect(await bed.take()).toEqual([]);
  });

  it("fails the run with Acuity's message when the appointment cannot be read", async () => {
    const { runs } = await bed.deliver(call({ ...scheduled, id: '999' }));
    expect(runs[0]!.status).toBe('error');
    expect(runs[0]!.error?.message).toBe("Node 'New bookings': Acuity answered 404 to GET /appointments/999: Appointment not found.");
  });

  itRefusesCalls(bed, 'refuses an unsigned call, one signed with another key and a tampered one with 401, starting nothing', () => {
    const signed = call(scheduled);
    return [
      { call: call(scheduled, null), message: 'The call was refused: it has no Acuity signature' },
      { call: call(scheduled, 'another-key'), message: 'The call was refused: its Acuity signature does not match' },
      {
        call: new Request(HOOK, {
          method: 'POST',
          headers: signed.headers,
          body: new URLSearchParams({ ...scheduled, id: '1' }).toString(),
        }),
      },
    ];
  });

  itStartsNothingFor(bed, 'starts nothing for a signed call of an event the node does not listen to', () =>
    call({ ...scheduled, action: 'appointment.canceled' }),
  );
});
