import type { ParameterResolver } from './resolver.js';

/**
 * A resolver that loads the real one on first use: an engine made without
 * `expressions` starts without the expression languages (JSONata, the
 * function library, the JavaScript dialect), and fetches them the first time
 * a node's parameters hold a template. The engine asks `prepare` before it
 * resolves a node's parameters, so by then the real resolver is there and
 * answers synchronously where it can; a call that comes first waits for it.
 * A failed load is reported to that call and tried again on the next.
 */
export function lazyResolver(load: () => Promise<ParameterResolver>): ParameterResolver {
  let real: ParameterResolver | undefined;
  let loading: Promise<ParameterResolver> | undefined;
  const loaded = (): Promise<ParameterResolver> =>
    (loading ??= load().then(
      (resolver) => (real = resolver),
      (error: unknown) => {
        loading = undefined;
        throw error;
      },
    ));
  return {
    evaluateTemplate: (template, scope) =>
      real ? real.evaluateTemplate(template, scope) : loaded().then((r) => r.evaluateTemplate(template, scope)),
    // Synchronous once loaded; a call before that can only wait, as evaluateTemplate does.
    evaluateTemplateSync: (template, scope) =>
      real
        ? (real.evaluateTemplateSync ?? real.evaluateTemplate)(template, scope)
        : loaded().then((r) => r.evaluateTemplate(template, scope)),
    prepare: async (templates) => {
      const r = await loaded();
      return r.prepare ? r.prepare(templates) : false;
    },
    evaluateBatch: async (templates, scopes) => {
      const r = await loaded();
      return r.evaluateBatch ? r.evaluateBatch(templates, scopes) : templates.map(() => undefined);
    },
  };
}
