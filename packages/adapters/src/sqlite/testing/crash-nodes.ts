import { appendFileSync, existsSync } from 'node:fs';
import { defineNode, type Workflow } from '@flowloom/engine';
import { buildWorkflow } from '@flowloom/engine/testing';
import { z } from 'zod';

/** Adds `add` to `n` and appends the node id to a log file: the log shows every real run across processes. */
export const loggedStep = defineNode({
  type: 'crash.loggedStep',
  version: 1,
  displayName: 'Logged step',
  description: 'Test helper: adds to n and logs each run to a file.',
  group: 'utility',
  inputs: ['main'],
  outputs: ['main'],
  properties: z.object({ add: z.number(), log: z.string() }),
  execute(ctx) {
    const { add, log } = ctx.params();
    appendFileSync(log, `${ctx.node.id}\n`);
    return ctx.input().map((item) => ({ json: { ...item.json, n: Number(item.json['n']) + add, [ctx.node.id]: true } }));
  },
});

/**
 * While the `hang` file exists, says `WAITING` on stdout and never finishes:
 * the parent test kills the process at that moment. Otherwise passes items on.
 */
export const gate = defineNode({
  type: 'crash.gate',
  version: 1,
  displayName: 'Gate',
  description: 'Test helper: signals, then waits forever while a flag file exists.',
  group: 'utility',
  inputs: ['main'],
  outputs: ['main'],
  properties: z.object({ hang: z.string(), log: z.string() }),
  async execute(ctx) {
    const { hang, log } = ctx.params();
    appendFileSync(log, `${ctx.node.id}\n`);
    if (existsSync(hang)) {
      process.stdout.write('WAITING\n');
      await new Promise(() => setInterval(() => {}, 1000));
    }
    return ctx.input().map((item) => ({ json: { ...item.json, gated: true } }));
  },
});

/** start -> a -> b -> gate -> c, logging real runs to `log`. */
export function crashWorkflow(log: string, hang: string): Workflow {
  const step = (id: string, add: number) => ({ id, type: 'crash.loggedStep', parameters: { add, log } });
  return buildWorkflow({
    id: 'crash',
    nodes: [
      { id: 'start', type: 'core.manualTrigger' },
      step('a', 1),
      step('b', 10),
      { id: 'gate', type: 'crash.gate', parameters: { hang, log } },
      step('c', 100),
    ],
    connections: [
      ['start', 'a'],
      ['a', 'b'],
      ['b', 'gate'],
      ['gate', 'c'],
    ],
  });
}

/** start -> a -> pause (a Wait of one day) -> b, logging real runs to `log`: it ends `waiting` after a. */
export function waitingWorkflow(log: string): Workflow {
  return buildWorkflow({
    id: 'waits',
    nodes: [
      { id: 'start', type: 'core.manualTrigger' },
      { id: 'a', type: 'crash.loggedStep', parameters: { add: 1, log } },
      { id: 'pause', type: 'core.wait', parameters: { amount: 1, unit: 'days' } },
      { id: 'b', type: 'crash.loggedStep', parameters: { add: 10, log } },
    ],
    connections: [
      ['start', 'a'],
      ['a', 'pause'],
      ['pause', 'b'],
    ],
  });
}
