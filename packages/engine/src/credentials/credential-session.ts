import { NodeExecutionError } from '../errors/node-execution.error.js';
import type { WorkflowNode } from '../model/node.js';
import type { CredentialSlot } from '../nodes/define-node.js';
import type { CredentialUse } from './credential-audit.js';
import type { CredentialRelay, RelayedNode } from './credential-relay.js';
import { CredentialError } from './credential.error.js';
import type { CredentialsManager } from './credentials-manager.js';
import type { FetchFunction } from './fetch-function.js';
import type { Redactor } from './redactor.js';
import { secretValuesOf, type ResolvedCredential } from './resolved-credential.js';

/** The run a session belongs to. */
export interface SessionRun {
  tenantId: string;
  workflowId: string;
  executionId: string;
}

/** What a session needs of a node: its id, name and credential references. */
export type SessionNode = Pick<WorkflowNode, 'id' | 'name' | 'credentials'>;

/**
 * Whether `CredentialSession.prepare` has anything to do for a node: it names
 * a credential, or its type has a required slot (which must then be filled).
 * A node with only optional slots left empty (a Webhook without
 * authentication) needs nothing, so an isolated run asks the host nothing.
 */
export function needsCredentials(node: SessionNode, slots: readonly CredentialSlot[] | undefined): boolean {
  if (node.credentials && Object.keys(node.credentials).length > 0) return true;
  return slots?.some((slot) => slot.required) ?? false;
}

/**
 * One execution's access to credentials: resolves each credential once per
 * run, teaches the run's redactor every secret it decrypts, signs the
 * requests nodes make through `ctx.authenticatedFetch`, and hands the fields
 * of mail-server-like credentials to `ctx.credentialData`. With a manager made
 * with a relay (inside an isolated execution worker), it decrypts nothing:
 * each call goes to the host, whose own session does the above.
 */
export class CredentialSession {
  readonly #manager: CredentialsManager;
  readonly #run: SessionRun;
  readonly #redactor: Redactor;
  readonly #fetch: FetchFunction | undefined;
  readonly #cache = new Map<string, Promise<ResolvedCredential>>();
  readonly #relay: CredentialRelay | undefined;

  constructor(manager: CredentialsManager, run: SessionRun, redactor: Redactor, fetch?: FetchFunction) {
    this.#manager = manager;
    this.#run = run;
    this.#redactor = redactor;
    this.#fetch = fetch;
    this.#relay = manager.relay;
    if (!this.#relay) redactor.add(manager.knownSecrets(run.tenantId));
  }

  /**
   * Loads every credential a node names (and checks required slots are
   * filled) before it runs, so a missing credential fails that node with a
   * clear message whether or not the node gets as far as using it.
   */
  async prepare(node: SessionNode, slots: readonly CredentialSlot[] | undefined): Promise<void> {
    if (this.#relay) return this.#relay.prepare(this.#relayedRun(), relayedNode(node, slots));
    for (const slot of slots ?? []) {
      if (slot.required && !node.credentials?.[slot.name]) {
        throw new NodeExecutionError(`Node '${node.name}' needs a credential in slot '${slot.name}'; choose one in the node's settings.`, {
          code: 'CREDENTIAL_MISSING',
          retryable: false,
        });
      }
    }
    for (const slot of Object.keys(node.credentials ?? {})) await this.#resolve(node, slot, slots);
  }

  /** `ctx.authenticatedFetch`: a request signed with the credential in a node's slot. */
  async fetch(
    node: SessionNode,
    slots: readonly CredentialSlot[] | undefined,
    slot: string,
    input: string | URL,
    init: RequestInit | undefined,
    signal: AbortSignal,
  ): Promise<Response> {
    if (this.#relay) return this.#relay.fetch(this.#relayedRun(), relayedNode(node, slots), slot, input, init, signal);
    const credential = await this.#resolve(node, slot, slots);
    const use: CredentialUse = { ...this.#use(), nodeId: node.id, nodeName: node.name };
    try {
      const response = await this.#manager.send(credential, input, init, use, { signal, ...(this.#fetch ? { fetch: this.#fetch } : {}) });
      this.#learn(credential); // OAuth2 tokens may have been refreshed
      return response;
    } catch (error) {
      this.#learn(credential);
      throw nodeError(error, node);
    }
  }

  /**
   * `ctx.credentialData`: the fields of the credential in a slot the node's
   * type declares, for a node that connects with them itself (SMTP, IMAP, a
   * database driver). The credential must be of the slot's type, and that
   * type must hand its fields to nodes (`readableByNodes`); the read is
   * audited, and the secrets are redacted from what the run records, as for
   * a request.
   */
  async data(
    node: SessionNode,
    slots: readonly CredentialSlot[] | undefined,
    slot: string,
    signal?: AbortSignal,
  ): Promise<Record<string, unknown>> {
    if (this.#relay) return this.#relay.data(this.#relayedRun(), relayedNode(node, slots), slot, signal);
    const declared = slots?.find((s) => s.name === slot);
    if (!declared) {
      throw new NodeExecutionError(
        `Node '${node.name}' has no credential slot '${slot}'${slots?.length ? ` (its slots: ${slots.map((s) => `'${s.name}'`).join(', ')})` : ''}; a node reads only the credentials of the slots its type declares.`,
        { code: 'CREDENTIAL_SLOT_UNKNOWN', retryable: false },
      );
    }
    const credential = await this.#resolve(node, slot, slots);
    if (credential.type.name !== declared.type) {
      throw new NodeExecutionError(
        `Node '${node.name}': credential '${credential.name}' is a '${credential.type.name}' credential, but slot '${slot}' takes '${declared.type}'.`,
        { code: 'CREDENTIAL_TYPE_MISMATCH', retryable: false },
      );
    }
    try {
      return await this.#manager.readFields(credential, { ...this.#use(), nodeId: node.id, nodeName: node.name });
    } catch (error) {
      throw nodeError(error, node, slot);
    }
  }

  #relayedRun() {
    return { executionId: this.#run.executionId, workflowId: this.#run.workflowId };
  }

  #use(): CredentialUse {
    return { tenantId: this.#run.tenantId, executionId: this.#run.executionId, workflowId: this.#run.workflowId };
  }

  async #resolve(node: SessionNode, slot: string, slots: readonly CredentialSlot[] | undefined): Promise<ResolvedCredential> {
    const reference = node.credentials?.[slot];
    if (!reference) {
      const declared = slots?.some((s) => s.name === slot);
      throw new NodeExecutionError(
        declared
          ? `Node '${node.name}' has no credential in slot '${slot}'; choose one in the node's settings.`
          : `Node '${node.name}' has no credential slot '${slot}'${slots?.length ? ` (its slots: ${slots.map((s) => `'${s.name}'`).join(', ')})` : ''}.`,
        { code: 'CREDENTIAL_MISSING', retryable: false },
      );
    }
    let pending = this.#cache.get(reference);
    if (!pending) {
      pending = this.#manager.resolve(reference, this.#use());
      this.#cache.set(reference, pending);
    }
    let credential: ResolvedCredential;
    try {
      credential = await pending;
    } catch (error) {
      throw nodeError(error, node, slot);
    }
    const expected = slots?.find((s) => s.name === slot)?.type;
    if (expected && expected !== credential.type.name && this.#manager.types.has(expected)) {
      throw new NodeExecutionError(
        `Node '${node.name}': credential '${credential.name}' is a '${credential.type.name}' credential, but slot '${slot}' takes '${expected}'.`,
        { code: 'CREDENTIAL_TYPE_MISMATCH', retryable: false },
      );
    }
    this.#learn(credential);
    return credential;
  }

  #learn(credential: ResolvedCredential): void {
    const values = secretValuesOf(credential);
    this.#redactor.add(values);
    this.#manager.rememberSecrets(this.#run.tenantId, credential, values);
  }
}

/** A node as plain data, for a relay. */
function relayedNode(node: SessionNode, slots: readonly CredentialSlot[] | undefined): RelayedNode {
  return {
    id: node.id,
    name: node.name,
    ...(node.credentials ? { credentials: { ...node.credentials } } : {}),
    ...(slots ? { slots: slots.map((s) => ({ ...s })) } : {}),
  };
}

function nodeError(error: unknown, node: SessionNode, slot?: string): unknown {
  if (!(error instanceof CredentialError)) return error;
  const where = slot === undefined ? '' : ` (slot '${slot}')`;
  return new NodeExecutionError(`Node '${node.name}'${where}: ${error.message}`, {
    code: error.code,
    retryable: false,
    cause: error,
  });
}
