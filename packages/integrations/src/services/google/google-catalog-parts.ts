// What the Google services' catalog modules are made of: light stand-ins for node and credential types, each loading
// the full type on first use. Only `@flowloom/engine` is imported here, so the catalog stays small.
import { defineLazyCredentialType, defineLazyNode, type CredentialType, type LazyCredentialType, type NodeType } from '@flowloom/engine';

/** What the palette shows of a service. */
export interface GoogleServiceInfo {
  id: string;
  displayName: string;
  description: string;
  icon: string;
}

/** A credential type's stand-in: its name and display name, and where the type loads from. */
export function lazyCredential(name: string, displayName: string, load: () => Promise<CredentialType>): LazyCredentialType {
  return defineLazyCredentialType({ name, displayName, load });
}

const slots = (credentials: readonly LazyCredentialType[]) =>
  credentials.map((type) => ({ name: type.name, type: type.name, required: false }));

/** A service node's stand-in (`integrations.<id>`), as the kit's `defineService` will build it. */
export function lazyService(info: GoogleServiceInfo, credentials: readonly LazyCredentialType[], load: () => Promise<NodeType>): NodeType {
  return defineLazyNode({
    type: `integrations.${info.id}`,
    version: 1,
    displayName: info.displayName,
    description: info.description,
    group: 'integration',
    icon: info.icon,
    inputs: ['main'],
    outputs: ['main'],
    credentials: slots(credentials),
    load,
  });
}

/** A polling trigger's stand-in. */
export function lazyPollingTrigger(
  trigger: { type: string; displayName: string; description: string; icon: string },
  credentials: readonly LazyCredentialType[],
  load: () => Promise<NodeType>,
): NodeType {
  return defineLazyNode({
    ...trigger,
    version: 1,
    group: 'trigger',
    inputs: [],
    outputs: ['main'],
    credentials: slots(credentials),
    load,
  });
}
