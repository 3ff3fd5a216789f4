export { runCli, EXIT, type CliIo, type CliStorage } from './cli.js';
export { createNodeCodeSandbox, type NodeCodeSandboxOptions } from './node-code-sandbox.js';
export { nodeModuleLibrary, type NodeModuleLibraryOptions } from './code-libraries.js';
export { createNodeExecutionIsolation, type NodeExecutionIsolationOptions } from './node-execution-isolation.js';
export {
  createOAuth2CallbackHandler,
  listenForOAuth2Callback,
  type OAuth2Completer,
  type OAuth2CallbackResult,
} from './oauth2-callback.js';
export { createGuardedFetch, type GuardedFetchOptions } from './guarded-fetch.js';
export { createNodeEngine, type NodeEngineOptions } from './create-node-engine.js';
export { createNodeOnlyNodeTypes, type ExecuteCommandOptions, type FilesOptions, type NodeOnlyHost } from './nodes/index.js';
