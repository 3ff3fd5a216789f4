// What the services' catalog modules are made of: light stand-ins for node and credential types, each loading the
// full type on first use. Only `@flowloom/engine` is imported here, so the catalog stays small.
import { defineLazyCredentialType, defineLazyNode, type CredentialType, type LazyCredentialType, type NodeType } from '@flowloom/engine';

/** What the palette shows of a service. */
export interface ServiceInfo {
  id: string;
  displayName: string;
  description: string;
  icon: string;
}

/** What the palette shows of a polling trigger, which has its own type name. */
export interface PollingTriggerInfo {
  type: string;
  displayName: string;
  description: string;
  icon: string;
}

type AnyCredentialType = CredentialType | LazyCredentialType;

const slots = (credentials: readonly AnyCredentialType[]) =>
  credentials.map((type) => ({ name: type.name, type: type.name, required: false }));

/** A credential type's stand-in: its name and display name, and where the type loads from. */
export function lazyCredential(name: string, displayName: string, load: () => Promise<CredentialType>): LazyCredentialType {
  return defineLazyCredentialType({ name, displayName, load });
}

/** A service node's stand-in (`integrations.<id>`): what the palette lists, and where the service loads from. */
export function lazyService(info: ServiceInfo, credentials: readonly AnyCredentialType[], load: () => Promise<NodeType>): NodeType {
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

/** A service's webhook trigger's stand-in (`integrations.<id>Trigger`): what the palette lists, and where it loads from. */
export function lazyTrigger(info: ServiceInfo, credential: AnyCredentialType, load: () => Promise<NodeType>): NodeType {
  return defineLazyNode({
    type: `integrations.${info.id}Trigger`,
    version: 1,
    displayName: `${info.displayName} Trigger`,
    description: `Starts the workflow when ${info.displayName} sends one of the chosen events.`,
    group: 'trigger',
    icon: info.icon,
    inputs: [],
    outputs: ['main'],
    credentials: slots([credential]),
    load,
  });
}

/** A polling trigger's stand-in: what the palette lists, and where the trigger loads from. */
export function lazyPollingTrigger(
  trigger: PollingTriggerInfo,
  credentials: readonly AnyCredentialType[],
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
