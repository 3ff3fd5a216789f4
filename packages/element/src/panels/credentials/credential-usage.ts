import type { CredentialView, NodeTypeDescription, Workflow } from '@flowloom/engine';
import { html, svg, type TemplateResult } from 'lit';
import type { CredentialCheck, WorkflowCredentialUse } from '../../credentials/credential-admin.js';
import { nodeIcon } from '../../icons/node-icon.js';

/** A workflow that uses a credential; `open` for the one in the editor (its unsaved changes count). */
export interface CredentialUser {
  id: string;
  name: string;
  open: boolean;
}

/**
 * The workflows whose nodes name a credential: the saved ones, with the
 * workflow open in the editor in place of its saved version.
 */
export function credentialUsers(credentialId: string, saved: readonly WorkflowCredentialUse[], open: Workflow): CredentialUser[] {
  const uses = (w: WorkflowCredentialUse | Workflow) => w.nodes.some((n) => Object.values(n.credentials ?? {}).includes(credentialId));
  const users: CredentialUser[] = [];
  if (uses(open)) users.push({ id: open.id, name: open.name, open: true });
  for (const w of saved) if (w.id !== open.id && uses(w)) users.push({ id: w.id, name: w.name, open: false });
  return users;
}

/** Where an OAuth2 credential's account stands; undefined for other credentials. */
export type AccountState = 'connected' | 'notConnected' | 'expired' | 'reconnect';

/**
 * The state of a credential's OAuth2 account: `reconnect` when the last test
 * found the grant gone (revoked, or its refresh token refused), `expired`
 * when the token's time has passed, `notConnected` before a first connection.
 */
export function accountState(credential: CredentialView, check: CredentialCheck | undefined, now: number): AccountState | undefined {
  const oauth2 = credential.oauth2;
  if (!oauth2) return undefined;
  if (check?.reconnect) return 'reconnect';
  if (!oauth2.connected) return 'notConnected';
  if (oauth2.expiresAt !== undefined && Date.parse(oauth2.expiresAt) <= now && !check?.ok) return 'expired';
  return 'connected';
}

const glyph = (paths: TemplateResult) =>
  html`<svg
    viewBox="0 0 24 24"
    width="18"
    height="18"
    fill="none"
    stroke="currentColor"
    stroke-width="2"
    stroke-linecap="round"
    stroke-linejoin="round"
    aria-hidden="true"
  >
    ${paths}
  </svg>`;

/** Icons of the generic credential types. */
const builtinIcons: Record<string, () => TemplateResult> = {
  apiKey: () => glyph(svg`<circle cx="8" cy="15" r="4"/><path d="M11 12l9-9M17 6l3 3M15 8l2 2"/>`),
  bearerToken: () => glyph(svg`<rect x="3" y="6" width="18" height="12" rx="2"/><path d="M7 10h6M7 14h10"/>`),
  basicAuth: () => glyph(svg`<rect x="5" y="11" width="14" height="10" rx="2"/><path d="M8 11V7a4 4 0 0 1 8 0v4"/>`),
  customHeaders: () => glyph(svg`<path d="M4 6h16M4 12h16M4 18h10"/>`),
  oauth2: () => glyph(svg`<path d="M10 14a4 4 0 0 0 6 0l3-3a4 4 0 0 0-6-6l-1 1"/><path d="M14 10a4 4 0 0 0-6 0l-3 3a4 4 0 0 0 6 6l1-1"/>`),
};

/**
 * A credential type's icon: the icon of the node types that take it (an
 * integration's logo), a drawing for the generic types, else its initial.
 */
export function credentialTypeIcon(type: string, displayName: string, nodeTypes: Iterable<NodeTypeDescription>): TemplateResult {
  const builtin = builtinIcons[type];
  if (builtin) return builtin();
  for (const desc of nodeTypes) {
    if (desc.icon && desc.credentials.some((slot) => slot.type === type)) return nodeIcon(desc.icon, desc.displayName);
  }
  return nodeIcon(undefined, displayName);
}
