// The Filter node's output ports, apart from the node so its light stand-in
// (the core catalog) draws the same ports before the node itself loads.

/** `main`, and `discarded` when the node sends the items that fail aside. */
export function filterOutputs(parameters: Record<string, unknown>): string[] {
  return parameters.discardedOutput === true ? ['main', 'discarded'] : ['main'];
}
