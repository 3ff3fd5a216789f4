/**
 * The bad input every service's node must refuse before anything reaches
 * the vendor, with an error naming where: the node, the service, the
 * parameter (or the credential to choose), and the real values when a name
 * is unknown.
 */
import type { Item } from '@flowloom/engine';
import { expect, it } from 'vitest';
import type { NormalizedRequest } from './service-harness.js';
import type { ServiceTestbed } from './service-testbed.js';

/** A run the node must refuse: the parameters (and credentials or input), and the error that names what is wrong. */
export type BadInput = { parameters: Record<string, unknown>; credentials?: Record<string, string>; input?: Item[] } & (
  | {
      /** Refused as the workflow starts (the parameter's value is written in it). */
      throws: string | RegExp;
    }
  | {
      /** Refused as the item runs: the failed execution's message, whole, or matched. */
      fails: string | RegExp;
    }
);

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** What a service's node offers: its resources, in order; a resource, and the first of the node's operations. */
export interface ServiceNames {
  /** The service's display name, as errors name it. */
  service: string;
  resources: readonly string[];
  operation: [resource: string, first: string];
}

/**
 * The runs naming a resource the service does not have, and an operation
 * resource `operation[0]` does not have: each is refused as the workflow
 * starts, naming the node, the parameter and the real ones (every resource;
 * the node's operations, the first of them `operation[1]`).
 */
function unknownResourceAndOperation(node: string, options: ServiceNames): BadInput[] {
  const [resource, first] = options.operation;
  const where = `node '${node}' (${options.service})`;
  const listed = options.resources.map((r) => `"${r}"`).join(', ');
  return [
    {
      parameters: { resource: 'nonesuch', operation: first },
      throws: `${where}: parameter 'resource' expected one of ${listed}, got "nonesuch"`,
    },
    {
      parameters: { resource, operation: 'explode' },
      throws: new RegExp(`${escaped(where)}: parameter 'operation' expected one of "${first}", .*got "explode"`),
    },
  ];
}

/**
 * Declares the case: each run is refused with an error naming the node (as
 * `name`), the service and the parameter, and nothing reaches the vendor.
 * With `unknown`, runs naming a resource and an operation the service does
 * not have are refused too, with the real ones listed.
 */
export function itRejectsBadInput<R extends NormalizedRequest>(
  bed: ServiceTestbed<R>,
  title: string,
  options: { name: string; cases?: BadInput[]; unknown?: ServiceNames },
): void {
  const cases = [...(options.cases ?? []), ...(options.unknown ? unknownResourceAndOperation(options.name, options.unknown) : [])];
  it(title, async () => {
    await bed.take();
    for (const bad of cases) {
      const run = bed.run(bad.parameters, {
        name: options.name,
        ...(bad.credentials ? { credentials: bad.credentials } : {}),
        ...(bad.input ? { input: bad.input } : {}),
      });
      if ('throws' in bad) {
        await expect(run).rejects.toThrow(bad.throws);
        continue;
      }
      const message = (await run).error?.message;
      if (typeof bad.fails === 'string') expect(message).toBe(bad.fails);
      else expect(message).toMatch(bad.fails);
    }
    expect(await bed.take()).toEqual([]);
  });
}

/**
 * Declares the case: the node run with `parameters` and no credential is
 * refused with `message`, which names the node (`name`), the service, the
 * operation and the credential types to choose from.
 */
export function itNamesMissingCredential<R extends NormalizedRequest>(
  bed: ServiceTestbed<R>,
  options: { name: string; parameters: Record<string, unknown>; message: string },
): void {
  itRejectsBadInput(bed, 'names the service and the missing credential', {
    name: options.name,
    cases: [{ parameters: options.parameters, credentials: {}, fails: options.message }],
  });
}
