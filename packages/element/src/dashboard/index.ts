export { WorkflowDashboard, type DashboardToken } from './workflow-dashboard.component.js';
export { defineWorkflowDashboard } from './define-workflow-dashboard.js';
export type {
  DashboardDataSource,
  DashboardOverview,
  DashboardWebhook,
  DashboardWindow,
  DayCount,
  DurationFigures,
  FailingWorkflow,
  ReadOptions,
  SlowNodeFigure,
  TenantUsage,
  UsageCount,
  WebhookTestResult,
} from './dashboard-data-source.js';
export { EngineDataSource, type EngineDataSourceOptions, type DashboardLimits } from './engine-data-source.js';
export {
  createMemoryMemberDirectory,
  BUILTIN_ROLES,
  type MemberDirectory,
  type MemoryMemberDirectoryOptions,
  type Member,
  type Invite,
  type InviteInput,
  type InviteResult,
  type MembersView,
  type Team,
} from './member-directory.js';
export { WfMemberInviteEvent, type MemberInviteDetail } from './events/member-invite.js';
export { DashboardError, type DashboardErrorCode } from './dashboard.error.js';
export { registerDashboardLocale, dashboardTranslator, type DashboardTranslate } from './i18n/translate.js';
export { dashboardEn, type DashboardStrings, type DashboardStringKey } from './i18n/en.js';
export { dashboardFr } from './i18n/fr.js';
