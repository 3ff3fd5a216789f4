// The webhook triggers of email marketing and messaging services, gathered for the catalog: each service's stand-ins live in its own
// `services/<service>/<service>-catalog.ts`.
import type { LazyCredentialType, NodeType } from '@flowloom/engine';
import { activecampaignCredentialTypes, activecampaignNodeTypes } from './activecampaign/activecampaign-catalog.js';
import { autopilotCredentialTypes, autopilotNodeTypes } from './autopilot/autopilot-catalog.js';
import { convertkitCredentialTypes, convertkitNodeTypes } from './convertkit/convertkit-catalog.js';
import { customerIoCredentialTypes, customerIoNodeTypes } from './customer-io/customer-io-catalog.js';
import { getresponseCredentialTypes, getresponseNodeTypes } from './getresponse/getresponse-catalog.js';
import { keapCredentialTypes, keapNodeTypes } from './keap/keap-catalog.js';
import { mailjetCredentialTypes, mailjetNodeTypes } from './mailjet/mailjet-catalog.js';
import { postmarkCredentialTypes, postmarkNodeTypes } from './postmark/postmark-catalog.js';

/** The trigger node types of these services, for the catalog's `allIntegrations`. */
export const marketingTriggerNodeTypes: readonly NodeType[] = [
  ...postmarkNodeTypes,
  ...mailjetNodeTypes,
  ...customerIoNodeTypes,
  ...convertkitNodeTypes,
  ...activecampaignNodeTypes,
  ...getresponseNodeTypes,
  ...autopilotNodeTypes,
  ...keapNodeTypes,
];
/** Their credential types, for the catalog's `allIntegrationCredentials`. */
export const marketingTriggerCredentialTypes: readonly LazyCredentialType[] = [
  ...postmarkCredentialTypes,
  ...mailjetCredentialTypes,
  ...customerIoCredentialTypes,
  ...convertkitCredentialTypes,
  ...activecampaignCredentialTypes,
  ...getresponseCredentialTypes,
  ...autopilotCredentialTypes,
  ...keapCredentialTypes,
];
