export { createHttpStorage, type HttpStorage, type HttpStorageOptions } from './http-storage.js';
export {
  HttpClient,
  type HttpClientOptions,
  type RequestOptions,
  type TokenSource,
  type TokenRequest,
  type FetchLike,
} from './http-client.js';
export { HttpStorageError, type ServerIssue } from './http-storage.error.js';
export { HttpWorkflowStore, saveWorkflow, type SavedWorkflow, type ClientFor } from './http-workflow-store.js';
export { HttpExecutionStore, getExecution, listExecutions } from './http-execution-store.js';
export { HttpVariableStore } from './http-variable-store.js';
export {
  HttpCredentials,
  listCredentials,
  getCredential,
  createCredential,
  updateCredential,
  testCredential,
  testCredentialDraft,
  credentialLastUsed,
  startOAuth2,
  disconnectOAuth2,
  type OAuth2Start,
} from './http-credentials.js';
export { connectOAuth2, OAUTH2_CONNECTED_MESSAGE, type ConnectOAuth2Options, type ConnectWindow } from './oauth2-connect.js';
export { listNodeTypes, getNodeType, listCredentialTypes, type CredentialTypeInfo } from './catalog.js';
export { runWorkflow, followExecution, type RemoteRunOptions } from './remote-run.js';
export { readEventStream, type ServerSentEvent } from './event-stream.js';
