// n8n's nodes of email and analytics services as Flowloom's service nodes.
import type { NodeType } from '@flowloom/engine';
import type { NodeMapping } from '@flowloom/engine/n8n';

/** n8n node type -> its mapping, merged into `n8nMappings`. */
export const messagingMappings: Readonly<Record<string, NodeMapping>> = {};
/** The node types these mappings make, merged into `n8nNodeTypes`. */
export const messagingN8nNodeTypes: readonly NodeType[] = [];
