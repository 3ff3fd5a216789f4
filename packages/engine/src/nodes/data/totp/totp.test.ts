import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importN8nWorkflow } from '../../../n8n/import-workflow.js';
import { N8N_CORPUS } from '../../../testing/n8n-corpus-runs.node.js';
import { silentLogger } from '../../../ports/logger.js';
import { createEngine } from '../../../run/engine.js';
import { buildWorkflow } from '../../../testing/build-workflow.js';
import { createTestClock } from '../../../testing/test-clock.js';
import { decodeBase32 } from './totp-code.js';
import { totpCredential } from '../../../credentials/totp-credential.js';

// The oracle: RFC 6238 Appendix B, whose secrets are the ASCII digits "1234567890" repeated to the hash's size
// (20, 32 and 64 bytes), here in base32 (RFC 4648) as a credential holds them, and whose codes have 8 digits.
const SECRETS = {
  SHA1: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
  SHA256: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA====',
  SHA512: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNA=',
} as const;

/** RFC 6238 Appendix B: the time in seconds, then the SHA1, SHA256 and SHA512 codes. */
const VECTORS: [number, string, string, string][] = [
  [59, '94287082', '46119246', '90693936'],
  [1111111109, '07081804', '68084774', '25091201'],
  [1111111111, '14050471', '67062674', '99943326'],
  [1234567890, '89005924', '91819424', '93441116'],
  [2000000000, '69279037', '90698825', '38618901'],
  [20000000000, '65353130', '77737706', '47863826'],
];

/** Runs a TOTP node with a credential holding `secret`, at `seconds` on the engine's test clock. */
async function totpAt(seconds: number, secret: string, parameters: Record<string, unknown> = {}, input = [{}]) {
  const engine = createEngine({
    logger: silentLogger,
    clock: createTestClock({ start: seconds * 1000 }),
    credentialTypes: [totpCredential],
  });
  const credential = await engine.credentials.create({ name: 'Two-factor', type: 'totp', data: { secret, label: 'Example:ada' } });
  const workflow = buildWorkflow({
    nodes: [
      { id: 'start', type: 'core.manualTrigger' },
      { id: 'totp', name: 'TOTP', type: 'core.totp', parameters, credentials: { totp: credential.id } },
    ],
    connections: [['start', 'totp']],
  });
  const execution = await engine.run(workflow, { input: input.map((json) => ({ json })) });
  return { execution, items: execution.nodes.totp?.[0]?.output.main ?? [] };
}

describe('TOTP', () => {
  for (const [seconds, ...codes] of VECTORS) {
    for (const [i, algorithm] of (['SHA1', 'SHA256', 'SHA512'] as const).entries()) {
      it(`gives RFC 6238's ${algorithm} code at ${seconds} s`, async () => {
        const { items } = await totpAt(seconds, SECRETS[algorithm], { algorithm, digits: 8 });
        expect(items[0]?.json.token).toBe(codes[i]);
      });
    }
  }

  it("gives six digits, the last six of RFC 6238's code, and the seconds left in the 30-second period by default", async () => {
    // 1111111109 s is 29 s into its period (1111111080 is a multiple of 30): 1 s left.
    const { items } = await totpAt(1111111109, SECRETS.SHA1);
    expect(items.map((i) => i.json)).toEqual([{ token: '081804', secondsRemaining: 1 }]);
  });

  it('counts periods of the length asked for', async () => {
    // With 60-second periods, 119 s is step 1, as 59 s is with 30-second ones; 1 s is left of it.
    const { items } = await totpAt(119, SECRETS.SHA1, { period: 60, digits: 8 });
    expect(items[0]?.json).toEqual({ token: '94287082', secondsRemaining: 1 });
  });

  it('gives the whole period as left at the first second of a step', async () => {
    const { items } = await totpAt(60, SECRETS.SHA1);
    expect(items[0]?.json.secondsRemaining).toBe(30);
  });

  it('gives one code per input item, paired with it', async () => {
    const { items } = await totpAt(59, SECRETS.SHA1, {}, [{ a: 1 }, { a: 2 }]);
    expect(items.map((i) => [i.json.token, i.pairedItem])).toEqual([
      ['287082', { item: 0 }],
      ['287082', { item: 1 }],
    ]);
  });

  it('reads a secret written in lower case with spaces, as apps show it', async () => {
    const { items } = await totpAt(59, 'gezd gnbv gy3t qojq gezd gnbv gy3t qojq', { digits: 8 });
    expect(items[0]?.json.token).toBe('94287082');
  });

  it('refuses a secret that is not base32 when the credential is saved', async () => {
    const engine = createEngine({ logger: silentLogger, credentialTypes: [totpCredential] });
    await expect(engine.credentials.create({ name: 'Bad', type: 'totp', data: { secret: 'not-base32!' } })).rejects.toThrow(/secret/);
  });

  it('decodes base32 as RFC 4648 section 10 does', () => {
    const text = (s: string) => new TextDecoder().decode(decodeBase32(s));
    expect([text('MZXW6==='), text('MZXW6YQ='), text('MZXW6YTBOI======')]).toEqual(['foo', 'foob', 'foobar']);
    expect(decodeBase32('MZ1W6')).toBeUndefined();
  });
});

describe('TOTP imported from n8n', () => {
  const imported = (options: Record<string, unknown>) => {
    const n8n = {
      name: 'TOTP',
      nodes: [
        { name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
        {
          name: 'TOTP',
          type: 'n8n-nodes-base.totp',
          typeVersion: 1,
          position: [200, 0],
          parameters: { operation: 'generateSecret', options },
        },
      ],
      connections: { Start: { main: [[{ node: 'TOTP', type: 'main', index: 0 }]] } },
    };
    const { workflow, report } = importN8nWorkflow(n8n);
    return { node: workflow?.nodes.find((n) => n.name === 'TOTP'), report };
  };

  it("maps the algorithm, digits and period options, n8n's 0 being its default", () => {
    expect(imported({ algorithm: 'SHA512', digits: 8, period: 60 }).node?.parameters).toEqual({
      algorithm: 'SHA512',
      digits: 8,
      period: 60,
    });
    expect(imported({ digits: 0, period: 0 }).node?.parameters).toEqual({});
  });

  it("runs the corpus's TOTP workflow with its credential's secret, the engine's clock telling the time", async () => {
    const n8n = JSON.parse(readFileSync(`${N8N_CORPUS}/workflows/Manual/0002_Manual_Totp_Automation_Triggered.json`, 'utf8')) as unknown;
    const { workflow, report } = importN8nWorkflow(n8n);
    expect(report.placeholders).toEqual([]);
    expect(report.credentials).toMatchObject([{ node: 'TOTP', slot: 'totp', n8nType: 'totpApi', n8nId: '9487Zco8UqMQWnpf' }]);
    const engine = createEngine({
      logger: silentLogger,
      clock: createTestClock({ start: 1234567890_000 }),
      credentialTypes: [totpCredential],
    });
    await engine.credentials.create({
      id: '9487Zco8UqMQWnpf',
      name: 'TOTP account',
      type: 'totp',
      data: { secret: SECRETS.SHA1, label: 'Mars:55' },
    });
    const execution = await engine.run(workflow!);
    expect(execution.status).toBe('success');
    const totp = workflow!.nodes.find((n) => n.name === 'TOTP')!;
    // RFC 6238's SHA1 code at 1234567890 s is 89005924: its last six digits, 30 s less the 0 s into the period.
    expect(execution.nodes[totp.id]?.[0]?.output.main?.map((i) => i.json)).toEqual([{ token: '005924', secondsRemaining: 30 }]);
  });
});
