// Sample workflows the example hosts open.

/** A trigger, sample data and a greeting with an expression. */
export const greetCustomers = {
  schemaVersion: 1,
  id: 'greet-customers',
  name: 'Greet customers',
  nodes: [
    { id: 'trigger', name: 'Manual Trigger', type: 'core.manualTrigger', position: { x: 0, y: 100 } },
    { id: 'customers', name: 'Sample Customers', type: 'demo.sampleData', position: { x: 280, y: 100 }, parameters: { count: 3 } },
    {
      id: 'greet',
      name: 'Greet',
      type: 'demo.greet',
      position: { x: 560, y: 100 },
      parameters: { name: '{{ $json.name }}', greeting: 'Hello' },
    },
  ],
  connections: [
    { from: { node: 'trigger', port: 'main' }, to: { node: 'customers', port: 'main' } },
    { from: { node: 'customers', port: 'main' }, to: { node: 'greet', port: 'main' } },
  ],
};

/** Built-in nodes beside the host's: an expression computes a field for each customer. */
export const tagCustomers = {
  schemaVersion: 1,
  id: 'tag-customers',
  name: 'Tag paying customers',
  nodes: [
    { id: 'trigger', name: 'Manual Trigger', type: 'core.manualTrigger', position: { x: 0, y: 100 } },
    { id: 'customers', name: 'Sample Customers', type: 'demo.sampleData', position: { x: 280, y: 100 }, parameters: { count: 3 } },
    {
      id: 'tag',
      name: 'Tag',
      type: 'core.set',
      position: { x: 560, y: 100 },
      parameters: {
        fields: [
          { name: 'paying', type: 'boolean', value: '{{ $json.plan != "free" }}' },
          { name: 'greeting', type: 'string', value: 'Dear {{ $uppercase($json.name) }}' },
        ],
      },
    },
  ],
  connections: [
    { from: { node: 'trigger', port: 'main' }, to: { node: 'customers', port: 'main' } },
    { from: { node: 'customers', port: 'main' }, to: { node: 'tag', port: 'main' } },
  ],
};

/** An empty workflow to build from scratch. */
export const blank = { schemaVersion: 1, id: 'blank', name: 'Untitled workflow', nodes: [], connections: [] };

/**
 * A generated workflow of `count` nodes in chains of ten (for trying large workflows).
 * @param {number} count
 */
export function largeWorkflow(count) {
  const nodes = [];
  const connections = [];
  for (let i = 0; i < count; i++) {
    const chain = Math.floor(i / 10);
    const step = i % 10;
    const type = step === 0 ? 'core.manualTrigger' : 'core.noOp';
    nodes.push({ id: `n${i}`, name: `${step === 0 ? 'Start' : 'Step'} ${i}`, type, position: { x: step * 280, y: chain * 100 } });
    if (step > 0) connections.push({ from: { node: `n${i - 1}`, port: 'main' }, to: { node: `n${i}`, port: 'main' } });
  }
  return { schemaVersion: 1, id: `large-${count}`, name: `${count} nodes`, nodes, connections };
}

/** The samples by id, as the playground lists them. */
export const samples = {
  'greet-customers': () => greetCustomers,
  'tag-customers': () => tagCustomers,
  blank: () => blank,
  'large-200': () => largeWorkflow(200),
  'large-2000': () => largeWorkflow(2000),
};
