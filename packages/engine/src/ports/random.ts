/**
 * Random numbers in [0, 1), as `Math.random` gives. Injected
 * (`createEngine({ random })`) so tests can seed what nodes and expressions
 * (`$randomItem`, `$random()`) draw. Not for secrets: keys, nonces and ids
 * come from the platform's crypto.
 */
export type Random = () => number;

/** The platform's `Math.random`: the default wherever no `random` is given. */
// eslint-disable-next-line no-restricted-properties -- the one place the engine reads the platform's randomness
export const systemRandom: Random = () => Math.random();
