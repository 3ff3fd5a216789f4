import { describe, expect, it } from 'vitest';
import { createEngine } from '@flowloom/engine';
import { buildWorkflow } from '@flowloom/engine/testing';

/** Runs a Debug Helper with these parameters on the incoming items. */
async function debugHelper(parameters: Record<string, unknown>, input = [{ json: {} }], random?: () => number) {
  const engine = createEngine(random ? { random } : {});
  return engine.run(
    buildWorkflow({
      nodes: [
        { id: 'start', type: 'core.manualTrigger' },
        { id: 'debug', name: 'Debug', type: 'core.debugHelper', parameters },
      ],
      connections: [['start', 'debug']],
    }),
    { input },
  );
}

const output = async (...args: Parameters<typeof debugHelper>) => (await debugHelper(...args)).nodes.debug![0]!.output.main!;

describe('Debug Helper', () => {
  it('makes the number of address records asked for each incoming item, fields as n8n names them', async () => {
    const items = await output({ category: 'randomData', dataType: 'address', count: 3 }, [{ json: { a: 1 } }, { json: { a: 2 } }]);
    expect(items.map((i) => i.pairedItem)).toEqual([0, 0, 0, 1, 1, 1].map((item) => ({ item })));
    for (const { json } of items) {
      expect(Object.keys(json)).toEqual(['firstname', 'lastname', 'street', 'city', 'zip', 'state', 'country']);
      expect(json.zip).toMatch(/^\d{5}$/);
      expect(json.street).toMatch(/^\d+ \w+ \w+$/);
    }
  });

  it('makes the same data from the same seed, and other data from another', async () => {
    const seeded = (seed: string) => output({ category: 'randomData', dataType: 'user', count: 4, seed });
    const [a, b, c] = await Promise.all([seeded('orders'), seeded('orders'), seeded('invoices')]);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    expect(a.map((i) => Object.keys(i.json))[0]).toEqual(['uid', 'email', 'firstname', 'lastname', 'password']);
    expect(a[0]!.json.uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it("draws from the engine's random source without a seed", async () => {
    const constant = () => 0;
    const [one, two] = await Promise.all([
      output({ category: 'randomData', dataType: 'email', count: 1 }, undefined, constant),
      output({ category: 'randomData', dataType: 'email', count: 1 }, undefined, constant),
    ]);
    expect(one).toEqual(two);
    expect(one[0]!.json).toEqual({ email: 'ada.lovelace1@example.com', confirmed: true });
  });

  it('puts them in one array when asked, single values included', async () => {
    const [item, ...rest] = await output({ category: 'randomData', dataType: 'ipv4', count: 5, singleArray: true });
    expect(rest).toEqual([]);
    const generated = item!.json.generatedItems as string[];
    expect(generated).toHaveLength(5);
    for (const ip of generated) expect(ip.split('.').every((n) => Number(n) >= 0 && Number(n) <= 255)).toBe(true);
    const ids = await output({ category: 'randomData', dataType: 'nanoid', count: 2, nanoidAlphabet: 'ab', nanoidLength: 6 });
    expect(ids.map((i) => i.json.value)).toEqual([expect.stringMatching(/^[ab]{6}$/), expect.stringMatching(/^[ab]{6}$/)]);
  });

  it('fails with the message, or emits nothing', async () => {
    const failed = await debugHelper({ category: 'throwError', errorMessage: 'the queue is jammed' });
    expect(failed.error).toMatchObject({ code: 'STOPPED_BY_WORKFLOW', message: expect.stringContaining('the queue is jammed') });
    expect(await output({ category: 'doNothing' }, [{ json: { a: 1 } }])).toEqual([]);
  });
});
