// n8n's nodes of content, bookmark, monitoring and CI services as Flowloom's service nodes.
import type { NodeType } from '@flowloom/engine';
import type { NodeMapping } from '@flowloom/engine/n8n';

/** n8n node type -> its mapping, merged into `n8nMappings`. */
export const contentMappings: Readonly<Record<string, NodeMapping>> = {};
/** The node types these mappings make, merged into `n8nNodeTypes`. */
export const contentN8nNodeTypes: readonly NodeType[] = [];
