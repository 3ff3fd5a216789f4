import { CredentialError } from './credential.error.js';
import { isCredentialType, isLazyCredentialType, type CredentialType, type LazyCredentialType } from './credential-type.js';

/**
 * The credential types an engine knows, by name. A type may be registered as
 * a stand-in (`defineLazyCredentialType`): `load(name)` brings the full type
 * and puts it in the stand-in's place; `get` answers only loaded types.
 */
export class CredentialTypeRegistry {
  readonly #types = new Map<string, CredentialType | LazyCredentialType>();
  readonly #loading = new Map<string, Promise<CredentialType>>();

  constructor(types: Iterable<CredentialType | LazyCredentialType> = []) {
    for (const t of types) this.register(t);
  }

  /** Adds a type made by `defineCredentialType` or a stand-in; a later type with the same name replaces the earlier. */
  register(type: CredentialType | LazyCredentialType): void {
    if (!isCredentialType(type) && !isLazyCredentialType(type)) {
      throw new CredentialError(
        'CREDENTIAL_TYPE_INVALID',
        'A credential type was not made with defineCredentialType() or defineLazyCredentialType(); define it with one of them.',
      );
    }
    this.#types.set(type.name, type);
  }

  /** The loaded type with this name, or a CredentialError (listing the known ones, or saying it is not loaded yet). */
  get(name: string): CredentialType {
    const type = this.#known(name);
    if (isLazyCredentialType(type)) {
      throw new CredentialError(
        'CREDENTIAL_TYPE_NOT_LOADED',
        `Credential type '${name}' has not been loaded yet; call load('${name}') (the engine does before using it).`,
      );
    }
    return type;
  }

  /** The type with this name, loading it first when it is a stand-in. */
  async load(name: string): Promise<CredentialType> {
    const type = this.#known(name);
    if (!isLazyCredentialType(type)) return type;
    let pending = this.#loading.get(name);
    if (!pending) {
      pending = (async () => {
        let full: unknown;
        try {
          full = await type.load();
        } catch (error) {
          throw new CredentialError(
            'CREDENTIAL_TYPE_INVALID',
            `Credential type '${name}' could not be loaded: ${(error as Error).message}`,
            {
              cause: error,
            },
          );
        }
        if (!isCredentialType(full) || full.name !== name) {
          throw new CredentialError(
            'CREDENTIAL_TYPE_INVALID',
            `The stand-in of credential type '${name}' loaded ${isCredentialType(full) ? `type '${full.name}'` : 'something that is not a credential type'}.`,
          );
        }
        // Unless another registration replaced the stand-in meanwhile.
        if (this.#types.get(name) === type) this.#types.set(name, full);
        return full;
      })().finally(() => this.#loading.delete(name));
      this.#loading.set(name, pending);
    }
    return pending;
  }

  #known(name: string): CredentialType | LazyCredentialType {
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

  /** Every type, stand-ins included (with `lazy: true`); load one to get its form. */
  list(): (CredentialType | LazyCredentialType)[] {
    return [...this.#types.values()];
  }
}
