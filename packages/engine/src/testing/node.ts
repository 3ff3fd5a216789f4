// `@flowloom/engine/testing/node`: test support that needs Node (real servers on 127.0.0.1).
export {
  serveWebhooks,
  startTestHttpServer,
  type SeenRequest,
  type TestHttpServer,
  type TestHttpServerOptions,
  type WebhookHandler,
} from './test-http-server.node.js';
export {
  completes,
  corpusRunsTable,
  N8N_CORPUS,
  nonAiShare,
  runN8nCorpus,
  standInCredential,
  type BlockingType,
  type CorpusCase,
  type CorpusOutcome,
  type CorpusRunOptions,
  type CorpusRuns,
  type StandInCredential,
} from './n8n-corpus-runs.node.js';
