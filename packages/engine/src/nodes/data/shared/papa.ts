type Papa = typeof import('papaparse');

let papa: Promise<Papa> | undefined;

/** Loads papaparse (a CommonJS module: its API is the default export under ESM) on first use. */
export function loadPapa(): Promise<Papa> {
  return (papa ??= import('papaparse').then((m) => ((m as unknown as { default?: Papa }).default ?? m) as Papa));
}
