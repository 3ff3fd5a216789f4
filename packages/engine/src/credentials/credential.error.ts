import { FlowloomError } from '../errors/flowloom.error.js';

/**
 * A credential could not be saved, read, decrypted or used. `code` says which:
 * `CREDENTIAL_NOT_FOUND`, `CREDENTIAL_DECRYPT_FAILED`, `CREDENTIAL_HOST_REFUSED`,
 * `CREDENTIAL_NOT_SHARED`, `CREDENTIAL_TYPE_UNKNOWN`, `CREDENTIAL_TYPE_INVALID`,
 * `CREDENTIAL_TEST_UNAVAILABLE`, `KEY_PROVIDER_MISSING`, `KEY_PROVIDER_INVALID`,
 * `OAUTH2_CONFIG_INVALID`, `OAUTH2_RECONNECT_REQUIRED`, `OAUTH2_FAILED`...
 */
export class CredentialError extends FlowloomError {
  static override readonly kind: string = 'CredentialError';
  /** The credential concerned, when there is one. */
  readonly credentialId: string | undefined;

  constructor(code: string, message: string, options: { credentialId?: string; cause?: unknown } = {}) {
    super(code, message, { cause: options.cause });
    this.name = 'CredentialError';
    this.credentialId = options.credentialId;
  }
}

/** One problem with a credential's fields: the field path and a sentence. */
export interface CredentialFieldIssue {
  path: (string | number)[];
  message: string;
}

/** A credential's data does not match its type's schema; nothing was saved. */
export class CredentialValidationError extends CredentialError {
  static override readonly kind: string = 'CredentialValidationError';
  readonly issues: CredentialFieldIssue[];

  constructor(subject: string, issues: CredentialFieldIssue[]) {
    const list = issues.map((i) => `${i.path.length > 0 ? i.path.join('.') : '(data)'}: ${i.message}`).join('; ');
    super('CREDENTIAL_INVALID', `${subject} was not saved: ${list}.`);
    this.name = 'CredentialValidationError';
    this.issues = issues;
  }
}
