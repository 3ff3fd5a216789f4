import type { CredentialSlot } from '../nodes/define-node.js';

/** The execution a relayed credential call comes from (its tenant is the relay's own). */
export interface RelayedRun {
  executionId: string;
  workflowId: string;
}

/** A node as a relayed credential call names it: plain data. */
export interface RelayedNode {
  id: string;
  name: string;
  /** The node's credential references, by slot. */
  credentials?: Record<string, string> | undefined;
  /** The credential slots its type declares. */
  slots?: CredentialSlot[] | undefined;
}

/**
 * Where the credential use of runs is sent when they run away from the keys:
 * a `CredentialsManager` made with a relay (the one inside an isolated
 * execution worker) holds no key and decrypts nothing; its runs' sessions
 * hand each `prepare`, `ctx.authenticatedFetch` and `ctx.credentialData` to
 * the relay, and the host's own manager answers them (`hostCredentialRelay`).
 */
export interface CredentialRelay {
  /** Checks a node's credentials before it runs (they exist, are shared with the run, fit the slots). */
  prepare(run: RelayedRun, node: RelayedNode): Promise<void>;
  /** Sends a request signed with the credential in a node's slot and returns the answer. */
  fetch(
    run: RelayedRun,
    node: RelayedNode,
    slot: string,
    input: string | URL,
    init: RequestInit | undefined,
    signal: AbortSignal,
  ): Promise<Response>;
  /**
   * The fields of the credential in a node's slot, for a node that connects
   * with them itself (a type `readableByNodes`: SMTP, IMAP). The one call
   * whose answer holds secrets: the host checks and audits it as in process.
   * `signal` gives up waiting for the answer.
   */
  data(run: RelayedRun, node: RelayedNode, slot: string, signal?: AbortSignal): Promise<Record<string, unknown>>;
}
