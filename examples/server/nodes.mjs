// @ts-check
// The example host's own node types, shipped as a module so that isolated
// executions can load them in their workers: the server passes this file's
// absolute file: URL in `createEngine({ nodeModules })`, and also registers the
// same exports in its own process so it can validate workflows before any run.
import { defineNode } from '@flowloom/engine';
import { z } from 'zod';

/** Adds a greeting to each item: `Hello, <name>!` (the name may be an expression such as `{{ $json.body.name }}`). */
export const greet = defineNode({
  type: 'example.greet',
  version: 1,
  displayName: 'Greet',
  description: 'Adds a greeting to each item.',
  group: 'transform',
  icon: 'sparkles',
  inputs: ['main'],
  outputs: ['main'],
  properties: z.object({
    name: z.string().default('friend').meta({ label: 'Name', placeholder: '{{ $json.name }}' }),
    greeting: z.enum(['Hello', 'Bonjour', 'Hi']).default('Hello').meta({ label: 'Greeting' }),
  }),
  execute(ctx) {
    return ctx.input().map((item, i) => {
      const { name, greeting } = ctx.params(i);
      return { json: { ...item.json, message: `${greeting}, ${name}!` } };
    });
  },
});

/**
 * A node that never returns: a stand-in for a buggy integration or a customer's
 * endless loop. It never yields to the event loop, so neither its `AbortSignal`
 * nor a timer can stop it; only ending its worker does. Run in an isolated
 * execution, it is stopped at the execution's deadline and the server goes on.
 */
export const busyLoop = defineNode({
  type: 'example.busyLoop',
  version: 1,
  displayName: 'Busy Loop',
  description: 'Spins forever (to show how isolation stops a runaway workflow).',
  group: 'transform',
  icon: 'refresh',
  inputs: ['main'],
  outputs: ['main'],
  properties: z.object({}),
  execute() {
    for (;;) {
      // Spins until the worker is ended.
    }
  },
});
