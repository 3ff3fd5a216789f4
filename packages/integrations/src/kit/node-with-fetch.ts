import { defineNode, type NodeContext, type NodeType } from '@flowloom/engine';
import type { Service } from './service-types.js';

/**
 * The service's node with its requests sent through `fetchFor(ctx)` instead of
 * the run's own `authenticatedFetch`: for services whose answers need reading
 * before the kit sees them (a rate limit sent as a 400 or 403, a wait given in
 * the body) or whose requests need more than the credential adds. The node's
 * description is the service's own; every other member of the context is the
 * run's.
 */
export function nodeWithFetch(service: Service, fetchFor: (ctx: NodeContext) => NodeContext['authenticatedFetch']): NodeType {
  return defineNode({ ...service.node, execute: (ctx) => service.node.execute(withFetch(ctx, fetchFor(ctx))) });
}

/** `ctx`, with its `authenticatedFetch` replaced (every other member is the run's own). */
function withFetch(ctx: NodeContext, authenticatedFetch: NodeContext['authenticatedFetch']): NodeContext {
  return new Proxy(ctx, {
    get(target, key) {
      if (key === 'authenticatedFetch') return authenticatedFetch;
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
