import { CredentialError } from './credential.error.js';
import { isCredentialType, type CredentialType } from './credential-type.js';

/** The credential types an engine knows, by name. */
export class CredentialTypeRegistry {
  readonly #types = new Map<string, CredentialType>();

  constructor(types: Iterable<CredentialType> = []) {
    for (const t of types) this.register(t);
  }

  /** Adds a type made by `defineCredentialType`; a later type with the same name replaces the earlier. */
  register(type: CredentialType): void {
    if (!isCredentialType(type)) {
      throw new CredentialError(
        'CREDENTIAL_TYPE_INVALID',
        'A credential type was not made with defineCredentialType(); define it with that function.',
      );
    }
    this.#types.set(type.name, type);
  }

  /** The type with this name, or a CredentialError listing the known ones. */
  get(name: string): CredentialType {
    const type = this.#types.get(name);
    if (!type) {
      throw new CredentialError(
        'CREDENTIAL_TYPE_UNKNOWN',
        `Unknown credential type '${name}'. Known types: ${[...this.#types.keys()].join(', ')}. Register it with createEngine({ credentialTypes }).`,
      );
    }
    return type;
  }

  has(name: string): boolean {
    return this.#types.has(name);
  }

  list(): CredentialType[] {
    return [...this.#types.values()];
  }
}
