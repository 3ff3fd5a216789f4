// The webhook triggers of forms, surveys, scheduling and content services, gathered for the catalog: each service's stand-ins live in its own
// `services/<service>/<service>-catalog.ts`.
import type { LazyCredentialType, NodeType } from '@flowloom/engine';

/** The trigger node types of these services, for the catalog's `allIntegrations`. */
export const formTriggerNodeTypes: readonly NodeType[] = [];
/** Their credential types, for the catalog's `allIntegrationCredentials`. */
export const formTriggerCredentialTypes: readonly LazyCredentialType[] = [];
