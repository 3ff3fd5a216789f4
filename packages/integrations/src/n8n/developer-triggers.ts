// n8n's webhook triggers of developer tools and IT operations services as Flowloom's triggers.
import type { NodeType } from '@flowloom/engine';
import type { NodeMapping } from '@flowloom/engine/n8n';

/** n8n node type -> its mapping, merged into `n8nMappings`. */
export const developerTriggerMappings: Readonly<Record<string, NodeMapping>> = {};
/** The node types these mappings make, merged into `n8nNodeTypes`. */
export const developerTriggerN8nNodeTypes: readonly NodeType[] = [];
