// For tests that check the Code node's sandbox against Node itself: the same code, run once in the sandbox (as a Code
// node of a real engine) and once in this process, where Node's own classes (Buffer, URL...) are the oracle.
import { expect } from 'vitest';
import { createNodeCodeSandbox } from '../node/node-code-sandbox.js';
import { createNodeEngine } from '../node/create-node-engine.js';
import { silentLogger } from '../ports/logger.js';
import { buildWorkflow } from './build-workflow.js';

/** Runs code that returns items, in the sandbox and in Node; each answers the first item's json. */
export interface CodeOracle {
  /** In the sandbox: a Code node's run, which must succeed. */
  inSandbox(code: string): Promise<unknown>;
  /** In this process, the json as JSON would carry it across. */
  inNode(code: string): unknown;
  close(): Promise<void>;
}

export function codeOracle(): CodeOracle {
  const sandbox = createNodeCodeSandbox({ maxWorkers: 1 });
  const engine = createNodeEngine({ codeSandbox: sandbox, logger: silentLogger });
  return {
    async inSandbox(code) {
      const execution = await engine.run(
        buildWorkflow({
          nodes: [
            { id: 'start', type: 'core.manualTrigger' },
            { id: 'code', name: 'Code', type: 'core.code', parameters: { code } },
          ],
          connections: [['start', 'code']],
        }),
      );
      expect(execution.status, JSON.stringify(execution.error)).toBe('success');
      return execution.nodes.code?.[0]?.output.main?.[0]?.json;
    },
    inNode(code) {
      const items = new Function(code)() as { json: unknown }[];
      return JSON.parse(JSON.stringify(items[0]!.json));
    },
    close: () => engine.close(),
  };
}
