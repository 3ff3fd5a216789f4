import { FlowloomError } from '../errors/flowloom.error.js';

/**
 * An n8n node (or one of its parameters) has no Flowloom equivalent with the
 * same meaning. Code `N8N_NO_EQUIVALENT`. The importer catches it and keeps
 * the node as a placeholder, reporting `parameter` and the message; it never
 * escapes `importN8nWorkflow`.
 */
export class NoEquivalentError extends FlowloomError {
  static override readonly kind: string = 'NoEquivalentError';
  /** The n8n parameter path that decided it, when one did. */
  readonly parameter: string | undefined;
  /** Whether the whole type version has no mapping yet, rather than one of its parameters. */
  readonly wholeVersion: boolean;

  constructor(message: string, parameter?: string, options: { wholeVersion?: boolean } = {}) {
    super('N8N_NO_EQUIVALENT', message);
    this.name = 'NoEquivalentError';
    this.parameter = parameter;
    this.wholeVersion = options.wholeVersion ?? false;
  }
}
