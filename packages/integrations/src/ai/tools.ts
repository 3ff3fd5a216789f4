// An agent's tools: the nodes attached to its `tool` sub-port. A node that supplies a tool (a vector store's search)
// gives its own; any other node (HTTP Request, Code, an integration's operation, Execute Workflow) is run with the
// call's arguments as its one input item, described by its `tool` settings. A tool that fails tells the model why.
import type { AttachedNode, Item, NodeContext } from '@flowloom/engine';
import { jsonSchema, tool, type ToolSet } from 'ai';
import { describeIssues, readJsonSchema, type UserSchema } from './schema.js';
import { aiError, attachedFailure, isToolSupply } from './supplies.js';

/** One tool call as the node's record holds it (`NodeRun.logs[].data`). */
export interface ToolCallRecord {
  kind: 'tool-call';
  item: number;
  tool: string;
  /** The attached node that served the call. */
  node: { id: string; name: string };
  toolCallId: string;
  arguments: unknown;
  /** What the model was given back: the node's output, or `{ error }` when it failed. */
  result: unknown;
  error?: { code: string; message: string };
  latencyMs: number;
}

const ANY_OBJECT = { type: 'object', properties: {}, additionalProperties: true };

/** A name the model APIs accept, from a node's name: `Get weather` -> `get_weather`. */
export function toolNameOf(nodeName: string): string {
  const name = nodeName
    .normalize('NFKD')
    .replace(/[^\w-]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toLowerCase()
    .slice(0, 64);
  return name || 'tool';
}

/** What a node's output gives the model: its one item's JSON, or the list of them. */
function resultOf(items: readonly Item[]): unknown {
  const json = items.map((i) => i.json);
  return json.length === 1 ? json[0] : json;
}

interface Described {
  attached: AttachedNode;
  name: string;
  description: string;
  schema: UserSchema | undefined;
  inputSchema: Record<string, unknown>;
  invoke(args: Record<string, unknown>): Promise<unknown>;
}

async function describe(ctx: NodeContext, attached: AttachedNode, itemIndex: number): Promise<Described> {
  const { node } = attached;
  if (attached.type.supplies) {
    let supplied: unknown;
    try {
      supplied = await attached.supply(itemIndex);
    } catch (error) {
      throw attachedFailure(ctx, attached, error);
    }
    if (!isToolSupply(supplied)) {
      throw aiError(
        ctx,
        `node '${node.name}' (${attached.type.displayName}) on its 'tool' sub-port does not supply a tool.`,
        'ATTACHMENT_INVALID',
      );
    }
    return {
      attached,
      name: supplied.name,
      description: supplied.description,
      schema: undefined,
      inputSchema: supplied.inputSchema,
      invoke: supplied.invoke,
    };
  }
  const schema =
    node.tool?.schema === undefined ? undefined : readJsonSchema(ctx, node.tool.schema, 'tool.schema', `tool node '${node.name}'`);
  return {
    attached,
    name: node.tool?.name ?? toolNameOf(node.name),
    description: node.tool?.description ?? node.notes ?? attached.type.description ?? attached.type.displayName,
    schema,
    inputSchema: schema?.json ?? ANY_OBJECT,
    invoke: async (args) => {
      const output = await attached.run([{ json: args }]);
      // The first port with items: a node with several outputs (If) answers through whichever it used.
      const port = Object.values(output).find((items) => items && items.length > 0) ?? [];
      return resultOf(port);
    },
  };
}

/**
 * The tools attached to the running node, for its item `itemIndex`, as the
 * AI SDK takes them. Each call is recorded in the node's record; a call
 * whose arguments do not match the tool's schema, or whose node fails, is
 * answered with `{ error }` so the model can correct itself.
 */
export async function toolsOf(ctx: NodeContext, itemIndex: number): Promise<ToolSet> {
  const tools: ToolSet = {};
  const owners = new Map<string, string>();
  for (const attached of ctx.attached('tool')) {
    const d = await describe(ctx, attached, itemIndex);
    const first = owners.get(d.name);
    if (first !== undefined) {
      throw aiError(
        ctx,
        `nodes '${first}' and '${attached.node.name}' are both attached as the tool '${d.name}'; give one of them another tool name (its tool.name setting).`,
        'PARAMETER_INVALID',
      );
    }
    owners.set(d.name, attached.node.name);
    tools[d.name] = tool({
      description: d.description,
      // Arguments are checked here, so a wrong call is answered like a failed one and the model can try again.
      inputSchema: jsonSchema<Record<string, unknown>>(d.inputSchema as Parameters<typeof jsonSchema>[0]),
      execute: async (args: Record<string, unknown>, { toolCallId }) => {
        const started = ctx.now();
        const record: ToolCallRecord = {
          kind: 'tool-call',
          item: itemIndex,
          tool: d.name,
          node: { id: attached.node.id, name: attached.node.name },
          toolCallId,
          arguments: args,
          result: undefined,
          latencyMs: 0,
        };
        try {
          const checked = d.schema?.zod.safeParse(args);
          if (checked && !checked.success) {
            const message = `the arguments do not match the tool's schema: ${describeIssues(checked.error.issues)}`;
            record.error = { code: 'TOOL_ARGUMENTS_INVALID', message };
            record.result = { error: message };
          } else {
            record.result = await d.invoke((checked?.data as Record<string, unknown> | undefined) ?? args);
          }
        } catch (error) {
          if (ctx.signal.aborted) throw error;
          const e = error as { code?: unknown; message?: unknown };
          const message = typeof e.message === 'string' ? e.message : String(error);
          record.error = { code: typeof e.code === 'string' ? e.code : 'TOOL_FAILED', message };
          record.result = { error: message };
        }
        record.latencyMs = ctx.now() - started;
        ctx.addLogs([
          {
            level: record.error ? 'warn' : 'info',
            message: `Tool '${d.name}' (node '${attached.node.name}') for item ${itemIndex}: ${record.error ? `failed: ${record.error.message}` : 'answered'}, ${record.latencyMs} ms`,
            data: record as unknown as Record<string, unknown>,
          },
        ]);
        return record.result;
      },
    });
  }
  return tools;
}
