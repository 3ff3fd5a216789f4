/** Makes unique ids for executions and other records. Injected for deterministic tests. */
export type IdGenerator = () => string;

/** Random UUID v4 ids from the platform's crypto. */
export const randomId: IdGenerator = () => crypto.randomUUID();
