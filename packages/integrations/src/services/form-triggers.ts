// The webhook triggers of forms, surveys, scheduling and content services, gathered for the catalog: each service's stand-ins live in its own
// `services/<service>/<service>-catalog.ts`.
import type { LazyCredentialType, NodeType } from '@flowloom/engine';
import { acuitySchedulingCredentialTypes, acuitySchedulingNodeTypes } from './acuity-scheduling/acuity-scheduling-catalog.js';
import { boxCredentialTypes, boxNodeTypes } from './box/box-catalog.js';
import { eventbriteCredentialTypes, eventbriteNodeTypes } from './eventbrite/eventbrite-catalog.js';
import { flowCredentialTypes, flowNodeTypes } from './flow/flow-catalog.js';
import { jotformCredentialTypes, jotformNodeTypes } from './jotform/jotform-catalog.js';
import { surveymonkeyCredentialTypes, surveymonkeyNodeTypes } from './surveymonkey/surveymonkey-catalog.js';
import { webflowCredentialTypes, webflowNodeTypes } from './webflow/webflow-catalog.js';
import { wufooCredentialTypes, wufooNodeTypes } from './wufoo/wufoo-catalog.js';

/** The trigger node types of these services, for the catalog's `allIntegrations`. */
export const formTriggerNodeTypes: readonly NodeType[] = [
  ...jotformNodeTypes,
  ...wufooNodeTypes,
  ...surveymonkeyNodeTypes,
  ...acuitySchedulingNodeTypes,
  ...webflowNodeTypes,
  ...boxNodeTypes,
  ...eventbriteNodeTypes,
  ...flowNodeTypes,
];
/** Their credential types, for the catalog's `allIntegrationCredentials`. */
export const formTriggerCredentialTypes: readonly LazyCredentialType[] = [
  ...jotformCredentialTypes,
  ...wufooCredentialTypes,
  ...surveymonkeyCredentialTypes,
  ...acuitySchedulingCredentialTypes,
  ...webflowCredentialTypes,
  ...boxCredentialTypes,
  ...eventbriteCredentialTypes,
  ...flowCredentialTypes,
];
