import { describe, expect, it } from 'vitest';
import { createEngine } from '@flowloom/engine';
import { buildWorkflow } from '@flowloom/engine/testing';
import { importN8nWorkflow } from '../import-workflow.js';

/** A Date & Time v1 node with these parameters, imported, and its run on one item. */
async function dateTimeV1(parameters: Record<string, unknown>, json: Record<string, unknown>, timezone?: string) {
  const node = { name: 'Date', type: 'n8n-nodes-base.dateTime', typeVersion: 1, position: [0, 0], parameters };
  const { workflow, report } = importN8nWorkflow({ nodes: [node], connections: {}, ...(timezone ? { settings: { timezone } } : {}) });
  const mapped = workflow!.nodes[0]!;
  const engine = createEngine();
  const e = await engine.run(
    buildWorkflow({
      nodes: [
        { id: 'start', type: 'core.manualTrigger' },
        { ...mapped, id: 'date' },
      ],
      connections: [['start', 'date']],
    }),
    { input: [{ json }] },
  );
  return { mapped, report, e, out: e.nodes.date?.[0]?.output.main?.[0]?.json };
}

describe('Date & Time v1 mapping (Moment.js formats)', () => {
  it("formats as Moment's documented example does, ordinal and lower-case am/pm aside", async () => {
    // moment().format("dddd, MMMM Do YYYY, h:mm:ss a") -> "Sunday, February 14th 2010, 3:25:50 pm"
    const { mapped, out } = await dateTimeV1(
      { value: '={{ $json.at }}', custom: true, toFormat: 'dddd, MMMM D YYYY, h:mm:ss A', dataPropertyName: 'when' },
      { at: '2010-02-14T15:25:50Z' },
    );
    expect(mapped.parameters).toEqual({
      operation: 'format',
      date: '{{ $json.at }}',
      format: 'EEEE, MMMM d yyyy, h:mm:ss a',
      locale: 'en',
      outputField: 'when',
    });
    expect(out).toEqual({ at: '2010-02-14T15:25:50Z', when: 'Sunday, February 14 2010, 3:25:50 PM' });
  });

  it("formats with n8n's preset MM/DD/YYYY into the field 'data' by default", async () => {
    const { out } = await dateTimeV1({ value: '2024-05-01T10:00:00Z' }, {});
    expect(out).toEqual({ data: '05/01/2024' });
  });

  it('writes the time zone asked for when the source and target are the same', async () => {
    const { out } = await dateTimeV1(
      { value: '2024-05-01T22:30:00Z', custom: true, toFormat: 'YYYY-MM-DD HH:mm Z', options: { toTimezone: 'Europe/Berlin' } },
      {},
      'Europe/Berlin',
    );
    expect(out).toEqual({ data: '2024-05-02 00:30 +02:00' });
  });

  it('adds to a date and writes it in UTC, as n8n writes toISOString()', async () => {
    const { mapped, out } = await dateTimeV1(
      { action: 'calculate', value: '={{ $json.due }}', operation: 'add', duration: 36, timeUnit: 'hours', dataPropertyName: 'next' },
      { due: '2024-02-28T12:00:00+01:00' },
      'Europe/Berlin',
    );
    expect(mapped.parameters).toMatchObject({ operation: 'add', amount: 36, unit: 'hours', timezone: 'UTC' });
    expect(out).toEqual({ due: '2024-02-28T12:00:00+01:00', next: '2024-02-29T23:00:00.000Z' });
  });

  it('keeps a placeholder naming the Moment token Luxon cannot write, or different source and target zones', async () => {
    const ordinal = await dateTimeV1({ value: 'x', custom: true, toFormat: 'MMMM Do' }, {});
    expect(JSON.stringify(ordinal.report.placeholders)).toContain(
      "the Moment.js token 'Do' (day of month with ordinal (1st 2nd ... 31st)) in 'MMMM Do' has no Luxon equivalent",
    );
    const zones = await dateTimeV1({ value: 'x', options: { fromTimezone: 'UTC', toTimezone: 'Asia/Tokyo' } }, {});
    expect(JSON.stringify(zones.report.placeholders)).toContain(
      'reading the date in one time zone (UTC) and writing it in another (Asia/Tokyo)',
    );
  });
});
