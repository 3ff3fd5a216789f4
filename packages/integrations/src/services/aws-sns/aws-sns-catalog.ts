// AWS SNS in the catalog: stand-ins for its trigger and its credential type, which load on first use.
import type { LazyCredentialType, NodeType } from '@flowloom/engine';
import { lazyCredential, lazyTrigger } from '../catalog-parts.js';
import { awsSnsInfo } from './aws-sns-info.js';

/** Stand-in of the AWS SNS topic credential type, which checks the trigger's calls. */
export const awsSnsTopic = lazyCredential(
  'awsSnsTopic',
  'AWS SNS topic',
  async () => (await import('./aws-sns-credentials.js')).awsSnsTopic,
);

/** Stand-in of the AWS SNS Trigger: a topic's messages, their signatures checked with SNS's certificates. */
export const awsSnsTrigger = lazyTrigger(awsSnsInfo, awsSnsTopic, async () => (await import('./aws-sns-trigger.js')).awsSnsTrigger);

/** AWS SNS's node types, for the catalog's `allIntegrations`. */
export const awsSnsNodeTypes: readonly NodeType[] = [awsSnsTrigger];
/** AWS SNS's credential types, for the catalog's `allIntegrationCredentials`. */
export const awsSnsCredentialTypes: readonly LazyCredentialType[] = [awsSnsTopic];
