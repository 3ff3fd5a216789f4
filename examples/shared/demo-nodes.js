// Node types a host adds to the editor's palette: they show how custom nodes
// appear beside the built-in ones. Shared by every example host.

/**
 * The demo node types, built with the host's own `defineNode` and `z`.
 * @param {{ defineNode: Function, z: any }} lib
 */
export function demoNodeTypes({ defineNode, z }) {
  const sampleData = defineNode({
    type: 'demo.sampleData',
    version: 1,
    displayName: 'Sample Customers',
    description: 'Emits a few example customers.',
    group: 'data',
    icon: 'database',
    inputs: ['main'],
    outputs: ['main'],
    properties: z.object({
      count: z.number().int().min(1).max(3).default(3).meta({ label: 'How many', description: 'Between 1 and 3.' }),
    }),
    execute(ctx) {
      const people = [
        { name: 'Ada', email: 'ada@example.com', plan: 'pro' },
        { name: 'Grace', email: 'grace@example.com', plan: 'free' },
        { name: 'Linus', email: 'linus@example.com', plan: 'team' },
      ];
      const { count } = ctx.params(0);
      return people.slice(0, count).map((json) => ({ json }));
    },
  });
  const greet = defineNode({
    type: 'demo.greet',
    version: 1,
    displayName: 'Greet',
    description: 'Writes a greeting for each item.',
    group: 'transform',
    icon: 'sparkles',
    inputs: ['main'],
    outputs: ['main'],
    properties: z.object({
      name: z
        .string()
        .default('friend')
        .meta({ label: 'Name', placeholder: '{{ $json.name }}', description: 'Who to greet; try an expression.' }),
      greeting: z.enum(['Hello', 'Bonjour', 'Hi']).default('Hello').meta({ label: 'Greeting' }),
      shout: z.boolean().default(false).meta({ label: 'Shout' }),
      signature: z
        .string()
        .optional()
        .meta({ label: 'Signature', displayOptions: { show: { shout: [false] } } }),
    }),
    execute(ctx) {
      return ctx.input().map((item, i) => {
        const { name, greeting, shout, signature } = ctx.params(i);
        let message = `${greeting}, ${name}!`;
        if (shout) message = message.toUpperCase();
        if (signature) message += ` ${signature}`;
        return { json: { ...item.json, message } };
      });
    },
  });
  return [sampleData, greet];
}
