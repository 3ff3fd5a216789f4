// The Switch node's output ports, apart from the node so its light stand-in
// (the core catalog) draws the same ports before the node itself loads.

/** What a rule's output name may be: a port name. */
export const PORT_NAME = /^[a-zA-Z][\w-]*$/;

/** Output names for raw (unvalidated) parameters: the editor shows these ports while the form is being filled. */
export function switchOutputs(parameters: Record<string, unknown>): string[] {
  if (parameters.mode === 'expression') {
    const n =
      typeof parameters.numberOutputs === 'number' && parameters.numberOutputs >= 1
        ? Math.min(64, Math.floor(parameters.numberOutputs))
        : 2;
    return Array.from({ length: n }, (_, i) => `output${i}`);
  }
  const rules = Array.isArray(parameters.rules) ? (parameters.rules as unknown[]) : [];
  const names = rules.map((rule, i) => {
    const name = (rule as { output?: unknown } | null)?.output;
    return typeof name === 'string' && PORT_NAME.test(name) ? name : `output${i}`;
  });
  if (parameters.fallbackOutput === 'extra') names.push('fallback');
  return [...new Set(names)];
}
