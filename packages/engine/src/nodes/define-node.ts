import type { z } from 'zod';
import { FlowloomError } from '../errors/flowloom.error.js';
import type { Item } from '../model/item.js';
import type { InputCount, SubInputPort } from '../model/node-type-lookup.js';
import type { NodeContext, NodeOutput } from './node-context.js';
import type { WebhookReply } from './node-services.js';
import type { PropertiesSchema } from './ui-hints.js';

const NODE_TYPE = Symbol.for('flowloom.nodeType');

/** Groups the palette sorts node types into. Hosts may use their own. */
export type NodeGroup = 'trigger' | 'flow' | 'transform' | 'data' | 'integration' | 'utility' | (string & {});

/** A credential slot a node type accepts. */
export interface CredentialSlot {
  /** Slot name, the key in the node's `credentials` map. */
  name: string;
  /** Credential type name. */
  type: string;
  required?: boolean;
}

/**
 * A trigger node that a service calls over HTTP (Slack's Events API, an
 * incoming Twilio SMS). `engine.activate` listens at the path in the node's
 * `path` parameter; each call is first checked by the credential in
 * `verifyWith` (a call that fails gets 401 and starts nothing), then may be
 * answered at once (`handshake`), else it starts a run with the call as the
 * trigger's item (`{ method, path, params, query, headers, body }`), which
 * `execute` turns into the node's output.
 */
export interface WebhookTrigger {
  /** The method the service calls with (default `POST`). */
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /**
   * Credential slots whose type checks each call's signature
   * (`verifyWebhook` of the credential type); the first slot the node fills
   * is used, and activation fails when it fills none.
   */
  verifyWith?: readonly string[];
  /**
   * Answers a verified call without starting a run (a service's URL check,
   * a hosted form's page, a submission that does not validate), or returns
   * undefined to run. Gets the call as the trigger's item JSON, the node's
   * parameters and the call's uploaded files.
   */
  handshake?(call: Record<string, unknown>, parameters: Record<string, unknown>, binary: Item['binary']): WebhookReply | undefined;
  /** Whether a verified call starts a run (events the node's parameters leave out do not); default: every call. */
  accepts?(call: Record<string, unknown>, parameters: Record<string, unknown>): boolean;
  /**
   * The answer to a call that starts a run when the response mode is
   * `onReceived` (Twilio wants TwiML), fixed or from the node's parameters;
   * default: `200 { executionId }`.
   */
  accepted?: WebhookReply | ((parameters: Record<string, unknown>) => WebhookReply);
  /**
   * When a call that starts a run is answered, from the node's parameters:
   * at once (`onReceived`, the default), when the run ends (`lastNode`), or
   * by a Respond to Webhook node (`responseNode`), as the Webhook node does.
   */
  responseMode?(parameters: Record<string, unknown>): 'onReceived' | 'lastNode' | 'responseNode';
  /**
   * In `lastNode` mode, the answer once the run has ended (a form's
   * completion page); undefined answers as the Webhook node does (the last
   * node's first item as JSON, a failure as a JSON error).
   */
  completed?(outcome: WebhookRunOutcome, parameters: Record<string, unknown>): WebhookReply | undefined;
  /**
   * Another method the service checks the URL with (Mailchimp sends a GET
   * when a webhook is saved): such calls are verified like the others and
   * answered with `handshake`, or 200, and never start a run.
   */
  checkMethod?: 'GET' | 'HEAD';
}

/** How a run a webhook call started ended, for `WebhookTrigger.completed`. */
export interface WebhookRunOutcome {
  readonly executionId: string;
  readonly status: 'success' | 'error' | 'canceled' | 'crashed';
  /** The items of the node that ran last (none when the run failed). */
  readonly items: readonly Item[];
  /** What went wrong, when the run did not succeed. */
  readonly error?: { readonly code: string; readonly message: string } | undefined;
}

/** What one poll found: the new items, and where the next poll starts. */
export interface PollResult {
  /** New records since the cursor, oldest first; none starts no run. */
  items: Item[];
  /** Where the next poll starts (plain JSON); kept in the storage's trigger state. */
  cursor: unknown;
}

/**
 * A trigger that asks a service for what is new ("new member since last
 * time"). `engine.activate` polls it at its interval; each poll gets the
 * cursor the previous one returned (undefined the first time) and a `ctx`
 * with the node's parameters and credentials, as in a run. Items found start
 * a run at this node, with them as its input, which `execute` passes on.
 * The cursor is kept in the storage's `triggerState`, written together with
 * the items before their run starts, so a restart neither loses nor repeats
 * items; a poll that fails is recorded as a failed execution of the node and
 * the cursor stays where it was.
 */
export interface PollTrigger {
  /** How often to poll, from the node's parameters, in milliseconds (at least 1,000). */
  intervalMs(parameters: Record<string, unknown>): number;
  /** Fetches what is new since `cursor`. */
  poll(ctx: NodeContext, cursor: unknown): Promise<PollResult>;
}

/** One choice a `loadOptions` method offers. */
export interface LoadedOption {
  value: string | number | boolean;
  label: string;
  description?: string;
}

/**
 * Lists choices for a parameter from the service, with the node's
 * credential (`ctx.authenticatedFetch`) and its current parameters
 * (`ctx.node.parameters`, as written; `ctx.params(0)` when they are valid).
 */
export type LoadOptionsMethod = (ctx: NodeContext) => Promise<readonly LoadedOption[]>;

/** What `defineNode` takes. */
export interface NodeTypeDefinition<S extends PropertiesSchema = PropertiesSchema> {
  /** Globally unique id: `core.set`, `acme.double`. */
  type: string;
  version: number;
  displayName: string;
  description?: string;
  group: NodeGroup;
  /** Not offered in the editor's palette (the stand-ins an import leaves for nodes Flowloom lacks); it still runs and renders. */
  hidden?: boolean;
  /** Icon name from the editor's icon set, or a URL / data URL. */
  icon?: string;
  /** Input port names; an empty list makes the node a trigger (a place a run starts). */
  inputs: readonly string[];
  /**
   * Makes the number of input ports a parameter (a Merge of 2 to 10 inputs):
   * `inputs` are then the ports at the parameter's default, named as the
   * rule names them (`input1`, `input2`).
   */
  inputCount?: InputCount;
  /** Output port names, fixed or computed from the node's parameters (Switch). */
  outputs: readonly string[] | ((parameters: Record<string, unknown>) => readonly string[]);
  /** Parameter schema with UI hints in `.meta()`. */
  properties?: S;
  /**
   * The schema the parameters are checked with once their expressions are
   * resolved, when it must take more than `properties`, which the editor
   * and the workflow checks read (Edit Fields takes a field name an
   * expression gave as a whole number). It gives what `properties` gives.
   */
  resolvedProperties?: z.ZodType<z.output<S>>;
  credentials?: readonly CredentialSlot[];
  /**
   * Whether a cycle in the graph may pass through this node (Loop Over Items).
   * Cycles that pass through no such node are refused.
   */
  loop?: boolean;
  /** Makes the node a trigger that a service calls over HTTP (with `inputs: []` and a `path` parameter). */
  webhook?: WebhookTrigger;
  /** Makes the node a trigger that polls a service for new records (with `inputs: []`). */
  poll?: PollTrigger;
  /** Methods that list a parameter's choices from the service, named by the parameter's `loadOptions` hint. */
  loadOptions?: Readonly<Record<string, LoadOptionsMethod>>;
  /**
   * Sub-ports other nodes are attached to this one through (an agent's
   * `model`, `memory` and `tool`). Attached nodes never run as steps of their
   * own: `execute` reaches them with `ctx.attached(port)`.
   */
  subInputs?: readonly SubInputPort[];
  /**
   * Sub-ports this node is attached to other nodes through (a chat model's
   * `model`). A node type with sub-outputs and no inputs is not a trigger:
   * it serves the node it is attached to with `supply`. (Every node type
   * that takes items on `main` may also be attached as a `tool`.)
   */
  subOutputs?: readonly string[];
  /**
   * What this node gives the node it is attached to (a chat model its
   * configured model, a memory its store), for the consumer's item
   * `itemIndex`: `ctx.params(itemIndex)` reads this node's parameters with
   * that item as `$json`, and `ctx.authenticatedFetch` signs with this
   * node's own credentials.
   */
  supply?(ctx: NodeContext<z.output<S>>, itemIndex: number): unknown;
  /**
   * Makes this definition the light stand-in of a type that loads on first
   * use (an integration with dozens of operations): the palette lists it
   * from this much (names, icon, ports, credential slots), and `load` brings
   * the full type, with the same id and version, which the registry puts in
   * its place before a workflow using it runs or is activated
   * (`registry.load`, `registry.loadFor`). Until then its parameters are not
   * checked and it has no form.
   */
  load?: () => Promise<NodeType>;
  /**
   * The type's work needs Node.js (SMTP, files on disk, shell commands).
   * Every engine knows the type: it validates and edits workflows using it,
   * and the palette marks it. Only an engine given its implementation
   * (`implementNode`; `createNodeEngine` from `@flowloom/engine/node` gives
   * the core ones) runs it; elsewhere `execute` fails saying so.
   */
  nodeOnly?: boolean;
  execute(ctx: NodeContext<z.output<S>>): Promise<NodeOutput> | NodeOutput;
}

/** A registered node type: the definition, frozen, with its defaults filled in. */
export type NodeType<S extends PropertiesSchema = PropertiesSchema> = Readonly<NodeTypeDefinition<S>> & {
  readonly [NODE_TYPE]: true;
};

const TYPE_ID = /^[a-zA-Z][\w-]*(\.[a-zA-Z][\w-]*)+$/;
const PORT_NAME = /^[a-zA-Z][\w-]*$/;

/**
 * Declares a node type. The result is registered with `createEngine({ nodeTypes })`.
 *
 * @example
 * const double = defineNode({
 *   type: 'acme.double', version: 1, displayName: 'Double', group: 'transform',
 *   inputs: ['main'], outputs: ['main'],
 *   properties: z.object({ field: z.string() }),
 *   execute(ctx) {
 *     const { field } = ctx.params(0);
 *     return ctx.input().map((item) => ({ json: { ...item.json, [field]: Number(item.json[field]) * 2 } }));
 *   },
 * });
 */
export function defineNode<S extends PropertiesSchema>(definition: NodeTypeDefinition<S>): NodeType<S> {
  const problems: string[] = [];
  const d = definition as Partial<NodeTypeDefinition<S>>;
  if (typeof d.type !== 'string' || !TYPE_ID.test(d.type)) {
    problems.push(`type must be a dotted id such as "acme.double", got ${JSON.stringify(d.type)}`);
  }
  if (typeof d.version !== 'number' || !(d.version > 0)) problems.push('version must be a positive number');
  if (typeof d.displayName !== 'string' || d.displayName.trim() === '') problems.push('displayName must be a non-empty string');
  if (typeof d.execute !== 'function') problems.push('execute must be a function');
  if (!Array.isArray(d.inputs)) problems.push('inputs must be an array of port names ([] for a trigger)');
  else
    for (const p of d.inputs)
      if (typeof p !== 'string' || !PORT_NAME.test(p)) problems.push(`input port ${JSON.stringify(p)} is not a valid port name`);
  const count = d.inputCount;
  if (count !== undefined) {
    const valid =
      typeof count.parameter === 'string' &&
      typeof count.prefix === 'string' &&
      Number.isInteger(count.min) &&
      Number.isInteger(count.max) &&
      count.min >= 1 &&
      count.max >= count.min &&
      PORT_NAME.test(`${count.prefix}1`);
    if (!valid) problems.push('inputCount must name a parameter and a port prefix, with whole numbers 1 <= min <= max');
    else if (Array.isArray(d.inputs) && d.inputs.some((p, i) => p !== `${count.prefix}${i + 1}`)) {
      problems.push(`with inputCount, inputs must be named ${count.prefix}1, ${count.prefix}2... in order`);
    }
  }
  if (typeof d.outputs !== 'function') {
    if (!Array.isArray(d.outputs)) problems.push('outputs must be an array of port names or a function of the parameters');
    else
      for (const p of d.outputs)
        if (typeof p !== 'string' || !PORT_NAME.test(p)) problems.push(`output port ${JSON.stringify(p)} is not a valid port name`);
  }
  if (d.properties !== undefined && typeof (d.properties as { safeParse?: unknown }).safeParse !== 'function') {
    problems.push('properties must be a zod schema');
  }
  if (d.resolvedProperties !== undefined && (d.properties === undefined || typeof d.resolvedProperties.safeParse !== 'function')) {
    problems.push('resolvedProperties must be a zod schema, given with properties');
  }
  for (const p of d.subInputs ?? []) {
    if (typeof p?.name !== 'string' || !PORT_NAME.test(p.name))
      problems.push(`sub-input ${JSON.stringify(p?.name)} is not a valid port name`);
  }
  for (const p of d.subOutputs ?? []) {
    if (typeof p !== 'string' || !PORT_NAME.test(p)) problems.push(`sub-output ${JSON.stringify(p)} is not a valid port name`);
  }
  if (d.supply !== undefined && typeof d.supply !== 'function') problems.push('supply must be a function');
  if (problems.length > 0) {
    const name = typeof d.type === 'string' ? `Node type '${d.type}'` : 'Node type';
    throw new FlowloomError('NODE_TYPE_INVALID', `${name} is not valid: ${problems.join('; ')}.`);
  }
  return Object.freeze({ ...definition, [NODE_TYPE]: true as const });
}

const IMPLEMENTS = Symbol.for('flowloom.implementsNodeType');

/** What an implementation gives a description: the work, where the description only says it cannot do it. */
export interface NodeImplementation {
  execute: NodeTypeDefinition['execute'];
  /** The poll of a polling trigger (required for one, refused otherwise); its interval stays the description's. */
  poll?: PollTrigger['poll'];
}

/**
 * The working type of a description that runs only where its implementation
 * is (a `nodeOnly` type): the description's id, version, names, schema,
 * ports and credential slots with `implementation`'s `execute` (and `poll`).
 * Registered on an engine, it takes the description's place
 * (`NodeRegistry.register`): it is the one type that may, since it cannot
 * differ from the description in anything but its work.
 *
 * @example
 * const sendEmail = implementNode(sendEmailDescription, { execute: (ctx) => sendMessages(ctx) });
 * createEngine({ nodeTypes: [sendEmail] });
 */
export function implementNode(description: NodeType, implementation: NodeImplementation): NodeType {
  if (!isNodeType(description) || !description.nodeOnly || implementedBy(description)) {
    throw new FlowloomError(
      'NODE_TYPE_INVALID',
      `implementNode takes the description of a type that runs only where it is implemented (nodeOnly), made by defineNode; got ${isNodeType(description) ? `'${description.type}'` : JSON.stringify(typeof description)}.`,
    );
  }
  if ((implementation.poll !== undefined) !== (description.poll !== undefined)) {
    throw new FlowloomError(
      'NODE_TYPE_INVALID',
      description.poll
        ? `Node type '${description.type}' is a polling trigger; its implementation must give poll.`
        : `Node type '${description.type}' is not a polling trigger; its implementation cannot poll.`,
    );
  }
  const type = defineNode({
    ...description,
    execute: implementation.execute,
    ...(implementation.poll && description.poll ? { poll: { intervalMs: description.poll.intervalMs, poll: implementation.poll } } : {}),
  });
  return Object.freeze({ ...type, [IMPLEMENTS]: description });
}

/** The description a type made by `implementNode` implements, or undefined. */
export function implementedBy(type: NodeType): NodeType | undefined {
  return (type as { [IMPLEMENTS]?: NodeType })[IMPLEMENTS];
}

/** Whether a value was made by `defineNode` (in any copy of the library). */
export function isNodeType(value: unknown): value is NodeType {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[NODE_TYPE] === true;
}

/** The light stand-in of a node type that loads on first use (see `NodeTypeDefinition.load`); running it loads it. */
export function defineLazyNode(
  stub: Omit<NodeTypeDefinition, 'execute' | 'properties' | 'webhook' | 'poll' | 'loadOptions' | 'supply'> & {
    load: () => Promise<NodeType>;
  },
): NodeType {
  return defineNode({
    ...stub,
    execute: async (ctx) => (await stub.load()).execute(ctx),
    // A stand-in of a type that attaches to others supplies as the full type does.
    ...(stub.subOutputs?.length
      ? { supply: async (ctx: NodeContext, itemIndex: number) => (await stub.load()).supply?.(ctx, itemIndex) }
      : {}),
  });
}
