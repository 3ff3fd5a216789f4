/**
 * n8n workflows for the tests of the n8n mappings: a real node imported alone, or after a Manual Trigger, with the
 * integrations' mappings, as `flowloom import n8n --nodes @flowloom/integrations` imports it.
 */
import type { Workflow, WorkflowNode } from '@flowloom/engine';
import { importN8nWorkflow, type ImportReport } from '@flowloom/engine/n8n';
import { readFileSync } from 'node:fs';
import { n8nMappings, n8nNodeTypes } from '../n8n/index.js';

/** A node of an n8n export, as `fixtures/service-nodes.json` keeps it. */
export interface N8nFixtureNode {
  name: string;
  type: string;
  typeVersion: number;
  parameters: Record<string, unknown>;
  credentials?: Record<string, { id?: string; name: string }>;
  [key: string]: unknown;
}

/** The real n8n service nodes of `src/n8n/fixtures/service-nodes.json`, with the file each came from. */
export const serviceFixtures: readonly { source: string; node: N8nFixtureNode }[] = JSON.parse(
  readFileSync(new URL('../n8n/fixtures/service-nodes.json', import.meta.url), 'utf8'),
) as { source: string; node: N8nFixtureNode }[];

/** The fixture node that came from `source` (a file of the corpus) with this name. */
export function fixtureNode(source: string, name: string): N8nFixtureNode {
  const found = serviceFixtures.find((f) => f.source.endsWith(source) && f.node.name === name);
  if (!found) throw new Error(`no fixture node '${name}' from ${source}`);
  return structuredClone(found.node);
}

/**
 * Imports an n8n workflow of a Manual Trigger and `node` after it (a trigger alone), with the integrations'
 * mappings; the node's id is `service`.
 */
export function importAfterTrigger(node: N8nFixtureNode): { workflow: Workflow; report: ImportReport; node: WorkflowNode | undefined } {
  const service = { id: 'service', position: [200, 0], ...node };
  const doc = node.type.endsWith('Trigger')
    ? { name: `n8n ${node.name}`, nodes: [service], connections: {} }
    : {
        name: `n8n ${node.name}`,
        nodes: [
          { id: 'start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
          service,
        ],
        connections: { Start: { main: [[{ node: node.name, type: 'main', index: 0 }]] } },
      };
  const { workflow, report } = importN8nWorkflow(doc, { mappings: n8nMappings, nodeTypes: n8nNodeTypes });
  if (!workflow) throw new Error(`the workflow was refused: ${report.refusedReason}`);
  return { workflow, report, node: workflow.nodes.find((n) => n.id === 'service') };
}
