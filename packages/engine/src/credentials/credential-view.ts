/**
 * Who may use a credential besides workflows of its own tenant. `workflows`
 * limits use to those workflow ids (default: every workflow of the owning
 * tenant); `tenants` lets those tenants' runs use it as `@<owner>/<id>`.
 */
export interface CredentialSharing {
  workflows?: string[];
  tenants?: string[];
}

/** A credential as the editor sees it: secrets masked as `__redacted__`. */
export interface CredentialView {
  id: string;
  name: string;
  type: string;
  data: Record<string, unknown>;
  sharing: CredentialSharing;
  /** For OAuth2 credentials: whether an account is connected, and until when its token is good. */
  oauth2?: { connected: boolean; expiresAt?: string; scope?: string };
  createdAt: string;
  updatedAt: string;
}
