import type { Code } from './apply.js';

/** Compiled nodes that already give their value as JSONata's `evaluate` would (no one-value sequence). */
const COLLAPSED = new WeakSet<Code>();

export function collapsed(code: Code): Code {
  COLLAPSED.add(code);
  return code;
}

/** Whether a compiled node already gives its value collapsed (see `collapsed`). */
export function isCollapsed(code: Code): boolean {
  return COLLAPSED.has(code);
}
