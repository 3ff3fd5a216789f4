import { OptionError } from '../../errors/option.error.js';
import type { ExecuteCommandOptions, FilesOptions } from './host.js';

function refuse(where: string, option: string, problem: string): never {
  throw new OptionError('OPTION_INVALID', where, option, `${where}: option '${option}' ${problem}.`);
}

function positiveInteger(where: string, option: string, value: unknown): void {
  if (value !== undefined && !(Number.isInteger(value) && (value as number) > 0)) {
    refuse(where, option, `must be a whole number above 0, got ${JSON.stringify(value)}`);
  }
}

/** Checks the values of the Node-only nodes' options (their keys are checked with the engine's). */
export function checkNodeOnlyOptions(
  where: string,
  options: { files?: FilesOptions | undefined; executeCommand?: ExecuteCommandOptions | undefined },
): void {
  const { files, executeCommand } = options;
  if (files !== undefined) {
    if (typeof files.root !== 'string' || files.root.trim() === '') refuse(where, 'files.root', 'must be the path of a folder');
    positiveInteger(where, 'files.maxFileBytes', files.maxFileBytes);
  }
  if (executeCommand !== undefined) {
    if (typeof executeCommand.enabled !== 'boolean') refuse(where, 'executeCommand.enabled', 'must be true or false');
    positiveInteger(where, 'executeCommand.timeoutMs', executeCommand.timeoutMs);
    positiveInteger(where, 'executeCommand.maxOutputBytes', executeCommand.maxOutputBytes);
    if (executeCommand.cwd !== undefined && (typeof executeCommand.cwd !== 'string' || executeCommand.cwd === '')) {
      refuse(where, 'executeCommand.cwd', 'must be the path of a folder');
    }
    const env = executeCommand.env;
    if (env !== undefined && (typeof env !== 'object' || env === null || Object.values(env).some((v) => typeof v !== 'string'))) {
      refuse(where, 'executeCommand.env', 'must be an object of text values');
    }
  }
}
