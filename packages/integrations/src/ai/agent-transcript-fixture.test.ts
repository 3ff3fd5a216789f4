// The agent run the editor's transcript is tested with (packages/element/src/run-panel/fixtures/agent-run.json):
// a real AI Agent with a Chat Model on an OpenAI-compatible server (the recording fake on 127.0.0.1), a Window
// Memory and an HTTP Request tool, one of whose calls fails. The browser cannot start that server, so the record
// is made here and committed; this test fails when the engine's record no longer matches it.
// Record it again with: FLOWLOOM_RECORD=1 npx vitest run packages/integrations/src/ai/agent-transcript-fixture.test.ts
import { buildWorkflow } from '@flowloom/engine/testing';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { aiTestbed, chatModelNode } from './testing/ai-testbed.js';

const FIXTURE = fileURLToPath(new URL('../../../element/src/run-panel/fixtures/agent-run.json', import.meta.url));

const bed = aiTestbed();

const workflow = buildWorkflow({
  id: 'weather-agent',
  name: 'Weather agent',
  nodes: [
    { id: 'trigger', name: 'Start', type: 'core.manualTrigger', position: { x: 0, y: 0 } },
    {
      id: 'agent',
      name: 'Agent',
      type: 'ai.agent',
      position: { x: 300, y: 0 },
      parameters: { systemMessage: 'You compare the weather of cities. Use the tool for each city.' },
    },
    {
      ...chatModelNode('local', { pricing: { inputPerMillion: 0.15, outputPerMillion: 0.6 } }),
      position: { x: 120, y: 220 },
    },
    { id: 'memory', name: 'Memory', type: 'ai.memory', position: { x: 340, y: 220 }, parameters: { windowSize: 3 } },
    {
      id: 'weather',
      name: 'Weather API',
      type: 'core.httpRequest',
      position: { x: 560, y: 220 },
      parameters: { url: 'https://api.weather.example/v1/current?city={{ $json.city }}', maxRetries: 0 },
      credentials: { auth: 'weather' },
      tool: {
        name: 'get_weather',
        description: 'The current weather of a city.',
        schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
      },
    },
  ],
  connections: [
    ['trigger', 'agent'],
    ['model:model', 'agent:model'],
    ['memory:memory', 'agent:memory'],
    ['weather:tool', 'agent:tool'],
  ],
});

/** What changes from one recording to the next: ids, times and durations (in the log lines too). */
function stable(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value, (key, v: unknown) => {
      if (
        ['id', 'executionId', 'owner', 'startedAt', 'finishedAt', 'latencyMs'].includes(key) &&
        (typeof v === 'string' || typeof v === 'number')
      )
        return '*';
      return key === 'message' && typeof v === 'string' ? v.replace(/\d+ ms\b/g, '* ms') : v;
    }),
  ) as unknown;
}

describe('the agent run of the editor transcript fixture', () => {
  it('is what the engine records for the scripted conversation', async () => {
    bed.fake.script(
      {
        toolCalls: [
          { id: 'call_paris', name: 'get_weather', arguments: { city: 'Paris' } },
          { id: 'call_atlantis', name: 'get_weather', arguments: { city: 'Atlantis' } },
        ],
        usage: { input: 182, output: 41 },
      },
      {
        text: 'Paris is sunny at 21 °C. I could not get the weather of Atlantis: the weather service does not know it.',
        usage: { input: 305, output: 27 },
      },
    );
    const execution = await bed.run(workflow, [{ json: { chatInput: 'Is it warmer in Paris or in Atlantis?', sessionId: 'demo' } }]);
    expect(execution.status).toBe('success');
    const recorded = { workflow, execution };
    if (process.env['FLOWLOOM_RECORD']) writeFileSync(FIXTURE, `${JSON.stringify(recorded, null, 2)}\n`);
    const committed = JSON.parse(readFileSync(FIXTURE, 'utf8')) as unknown;
    expect(stable(committed)).toEqual(stable(recorded));
  });
});
