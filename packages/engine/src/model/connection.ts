import { z } from 'zod';

const endpointSchema = z
  .object({
    node: z.string().min(1, 'expected a node id'),
    port: z.string().min(1, 'expected a port name such as "main"'),
  })
  .strict();

/**
 * An edge from one node's output port to another node's input port. Nodes are
 * referenced by id, so renaming a node never breaks a connection.
 */
export const connectionSchema = z.object({ from: endpointSchema, to: endpointSchema }).strict();
export type Connection = z.infer<typeof connectionSchema>;
export type ConnectionEndpoint = Connection['from'];
