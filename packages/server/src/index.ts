export { createServer, PUBLIC_ROUTES, type ServerOptions } from './create-server.js';
export type { ServerApp } from './routes/server-context.js';
export { ApiError, type RequestIssue } from './errors/api.error.js';
export { ApiKeys, API_KEY_PREFIX, type CreateApiKeyInput, type CreatedApiKey, type ApiKeyView } from './auth/api-keys.js';
export { createMemoryApiKeyStore, type ApiKeyStore, type ApiKeyRecord } from './auth/api-key-store.js';
export type { AuthOptions } from './auth/authenticate.js';
export { signEmbedToken, type EmbedTokenOptions, type SignEmbedTokenInput } from './auth/embed-tokens.js';
export {
  PERMISSIONS,
  DEFAULT_ROLES,
  type Permission,
  type BuiltinRole,
  type RoleTable,
  type Principal,
  type Policy,
  type PolicyRequest,
  type PolicyDecision,
} from './auth/permissions.js';
export type { WebhookRegistration } from './routes/activations.js';
export type { QuotaOptions, TenantLimits, Usage } from './quotas/quotas.js';
export { createMemoryUsageStore, type UsageStore, type TakeResult } from './quotas/usage-store.js';
export type { MetricsOptions } from './monitoring/metrics.js';
export type { Alert, AlertChannel, AlertOptions, AlertRule } from './monitoring/alerts.js';
export type { ErrorWorkflowItem } from './monitoring/error-workflows.js';
export { createMemoryActivationStore, type ActivationStore, type ActiveWorkflow } from './routes/activation-store.js';
export {
  createMemoryMemberStore,
  type MemberStore,
  type TenantDirectory,
  type DirectoryChange,
  type MemberRecord,
  type TeamRecord,
  type InviteRecord,
  type WorkspaceRecord,
} from './members/member-store.js';
