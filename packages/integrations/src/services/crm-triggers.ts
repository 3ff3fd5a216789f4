// The webhook triggers of CRM, support, billing and project tools services, gathered for the catalog: each service's stand-ins live in its own
// `services/<service>/<service>-catalog.ts`.
import type { LazyCredentialType, NodeType } from '@flowloom/engine';
import { affinityCredentialTypes, affinityNodeTypes } from './affinity/affinity-catalog.js';
import { chargebeeCredentialTypes, chargebeeNodeTypes } from './chargebee/chargebee-catalog.js';
import { clickUpCredentialTypes, clickUpNodeTypes } from './clickup/clickup-catalog.js';
import { copperCredentialTypes, copperNodeTypes } from './copper/copper-catalog.js';
import { helpScoutCredentialTypes, helpScoutNodeTypes } from './help-scout/help-scout-catalog.js';
import { invoiceNinjaCredentialTypes, invoiceNinjaNodeTypes } from './invoice-ninja/invoice-ninja-catalog.js';
import { zendeskCredentialTypes, zendeskNodeTypes } from './zendesk/zendesk-catalog.js';

/** The trigger node types of these services, for the catalog's `allIntegrations`. */
export const crmTriggerNodeTypes: readonly NodeType[] = [
  ...zendeskNodeTypes,
  ...helpScoutNodeTypes,
  ...clickUpNodeTypes,
  ...chargebeeNodeTypes,
  ...copperNodeTypes,
  ...invoiceNinjaNodeTypes,
  ...affinityNodeTypes,
];
/** Their credential types, for the catalog's `allIntegrationCredentials`. */
export const crmTriggerCredentialTypes: readonly LazyCredentialType[] = [
  ...zendeskCredentialTypes,
  ...helpScoutCredentialTypes,
  ...clickUpCredentialTypes,
  ...chargebeeCredentialTypes,
  ...copperCredentialTypes,
  ...invoiceNinjaCredentialTypes,
  ...affinityCredentialTypes,
];
