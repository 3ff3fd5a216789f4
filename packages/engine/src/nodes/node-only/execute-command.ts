import { z } from 'zod';
import { describeNodeOnly } from './describe-node-only.js';

/** The Execute Command node's parameters. */
export const executeCommandProperties = z.object({
  command: z.string().min(1, 'must not be empty').meta({
    label: 'Command',
    editor: 'code',
    language: 'shell',
    placeholder: 'ls -la',
    description: "Run by the system's shell (/bin/sh, cmd.exe on Windows).",
  }),
  executeOnce: z.boolean().default(true).meta({
    label: 'Execute Once',
    description: 'Run the command once, with the first item; off: once per item.',
  }),
  timeoutMs: z.number().int().positive().optional().meta({
    label: 'Timeout (ms)',
    description: 'Stop the command after this long; never more than the limit the host sets.',
  }),
});

/** The Execute Command node's parameters, defaults applied. */
export type ExecuteCommandParams = z.output<typeof executeCommandProperties>;

/**
 * Execute Command (`core.executeCommand`): runs a shell command on the
 * engine's machine and outputs its exit code, stdout and stderr. Runs on
 * engines made with `createNodeEngine`, when the host turns it on.
 */
export const executeCommandDescription = describeNodeOnly({
  type: 'core.executeCommand',
  version: 1,
  displayName: 'Execute Command',
  description: "Runs a shell command on the engine's machine and outputs its exit code, stdout and stderr.",
  group: 'utility',
  icon: 'terminal',
  inputs: ['main'],
  outputs: ['main'],
  properties: executeCommandProperties,
});
