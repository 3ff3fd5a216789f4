// n8n's webhook triggers of CRM, support, billing and project tools services as Flowloom's triggers.
import type { NodeType } from '@flowloom/engine';
import type { NodeMapping } from '@flowloom/engine/n8n';

/** n8n node type -> its mapping, merged into `n8nMappings`. */
export const crmTriggerMappings: Readonly<Record<string, NodeMapping>> = {};
/** The node types these mappings make, merged into `n8nNodeTypes`. */
export const crmTriggerN8nNodeTypes: readonly NodeType[] = [];
