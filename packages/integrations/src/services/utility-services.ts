// The language, link and data-lookup services, gathered for the catalog: each service's stand-ins live in its own
// `services/<service>/<service>-catalog.ts`.
import type { LazyCredentialType, NodeType } from '@flowloom/engine';
import { deeplCredentialTypes, deeplNodeTypes } from './deepl/deepl-catalog.js';

/** The node types of these services, for the catalog's `allIntegrations`. */
export const utilityNodeTypes: readonly NodeType[] = [...deeplNodeTypes];
/** Their credential types, for the catalog's `allIntegrationCredentials`. */
export const utilityCredentialTypes: readonly LazyCredentialType[] = [...deeplCredentialTypes];
