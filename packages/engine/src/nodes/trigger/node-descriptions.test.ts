import { describe, expect, it } from 'vitest';
import { coreNodeTypes, describeNodeType } from '@flowloom/engine';

const expected: Record<string, string[]> = {
  'core.webhook': ['httpMethod', 'path', 'responseMode', 'responseCode', 'responseData'],
  'core.respondToWebhook': ['respondWith', 'responseBody', 'binaryProperty', 'responseCode', 'responseHeaders'],
  'core.scheduleTrigger': ['mode', 'interval', 'unit', 'cronExpression', 'timezone'],
  'core.executeWorkflowTrigger': ['requiredFields'],
  'core.wait': ['resume', 'amount', 'unit', 'dateTime', 'httpMethod', 'limitWaitTime'],
  'core.executeWorkflow': ['source', 'workflowId', 'workflowJson', 'mode', 'waitForCompletion'],
  'core.httpRequest': ['method', 'url', 'query', 'headers', 'bodyType', 'pagination', 'cursorExpression', 'batchSize'],
};

describe('trigger, wait, sub-workflow and HTTP node descriptions', () => {
  it.each(Object.entries(expected))('%s describes a form with labels, an icon and a description', (type, keys) => {
    const nodeType = coreNodeTypes.find((t) => t.type === type);
    expect(nodeType).toBeDefined();
    const d = describeNodeType(nodeType!);
    expect(d.description.length).toBeGreaterThan(10);
    expect(d.icon).toBeTruthy();
    const properties = (d.properties as { properties: Record<string, { label?: string }> }).properties;
    for (const key of keys) {
      expect(properties[key], key).toBeDefined();
      expect(properties[key]!.label, key).toBeTruthy();
    }
  });
});
