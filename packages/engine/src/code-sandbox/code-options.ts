import { effectiveLimits, type CodeLimits } from './code-limits.js';
import { codeLibrariesAsData, type CodeLibraries, type CodeLibraryData } from './code-libraries.js';
import type { CodeSandbox, CodeSandboxBinding } from './code-sandbox.js';

/** The engine options about Code nodes (`limits.code`, `codeLibraries`, and `env` for `$env`). */
interface CodeOptions {
  readonly limits?: { readonly code?: Partial<CodeLimits> };
  readonly codeLibraries?: CodeLibraries;
  readonly env?: Readonly<Record<string, unknown>>;
}

/** The sandbox as the engine hands it to nodes: `port`, with the host's ceilings, libraries and `$env`. */
export function sandboxBinding(port: CodeSandbox, options: CodeOptions): CodeSandboxBinding {
  const binding = { port, limits: effectiveLimits(options.limits?.code, undefined), libraries: options.codeLibraries };
  return options.env ? { ...binding, env: options.env } : binding;
}

/** The same options as plain data, for an isolated execution's worker (library loaders called). */
export async function isolatedCodeOptions(
  options: CodeOptions,
): Promise<{ codeLimits: CodeLimits; codeLibraries?: Record<string, CodeLibraryData> }> {
  const codeLibraries = await codeLibrariesAsData(options.codeLibraries);
  return { codeLimits: effectiveLimits(options.limits?.code, undefined), ...(codeLibraries ? { codeLibraries } : {}) };
}
