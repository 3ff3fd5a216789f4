// The content, bookmark, monitoring and CI services, gathered for the catalog: each service's stand-ins live in its own
// `services/<service>/<service>-catalog.ts`.
import type { LazyCredentialType, NodeType } from '@flowloom/engine';

/** The node types of these services, for the catalog's `allIntegrations`. */
export const contentNodeTypes: readonly NodeType[] = [];
/** Their credential types, for the catalog's `allIntegrationCredentials`. */
export const contentCredentialTypes: readonly LazyCredentialType[] = [];
