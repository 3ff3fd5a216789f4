// Stripe's request encoding: nested objects and lists as bracketed form keys (`metadata[order]`, `items[0][price]`).

/**
 * Flattens a request's fields into the form fields Stripe reads, in order:
 * an object's keys become `key[sub]`, a list's entries `key[0]`, `key[1]`; an
 * unset value is left out and `null` becomes an empty value (which unsets a
 * field, as in `metadata[key]=`).
 */
export function stripeFields(value: Readonly<Record<string, unknown>>): Record<string, string> {
  const out: Record<string, string> = {};
  const add = (key: string, entry: unknown): void => {
    if (entry === undefined) return;
    if (Array.isArray(entry)) entry.forEach((v, i) => add(`${key}[${i}]`, v));
    else if (typeof entry === 'object' && entry !== null) for (const [k, v] of Object.entries(entry)) add(`${key}[${k}]`, v);
    else out[key] = entry === null ? '' : String(entry as string | number | boolean);
  };
  for (const [key, entry] of Object.entries(value)) add(key, entry);
  return out;
}

/** `receiptEmail` as Stripe names it: `receipt_email`. */
export function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** A Stripe field (`payment_method`, `items[0][price]`) as the node's parameter that sets it (`paymentMethod`, `items`). */
export function parameterOf(field: string): string {
  return field.replace(/\[.*$/, '').replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}
