// The Webhook node's output ports, apart from the node so its light stand-in
// (the core catalog) draws the same ports before the node itself loads.

const METHODS: readonly string[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'];

/**
 * The output ports of a Webhook node, from its raw (unvalidated) parameters:
 * `main`, or, when it answers several methods and gives each an output of
 * its own (`outputPerMethod`), one port per method named after it, in the
 * order the methods are listed (the order n8n gives its per-method outputs).
 */
export function webhookOutputs(parameters: Record<string, unknown>): string[] {
  if (parameters.multipleMethods !== true || parameters.outputPerMethod !== true) return ['main'];
  const listed = Array.isArray(parameters.httpMethods) ? (parameters.httpMethods as unknown[]) : ['GET', 'POST'];
  const methods = [...new Set(listed.filter((m): m is string => typeof m === 'string' && METHODS.includes(m)))];
  return methods.length > 0 ? methods : ['main'];
}
