/** Tests text against a user pattern. */
export type RegexTest = (pattern: string, ignoreCase: boolean, text: string) => boolean;

let engine: Promise<RegexTest> | undefined;

/**
 * Loads the linear-time regular-expression engine (re2js) on first use.
 * User patterns never run on the host's backtracking engine, so a pattern
 * such as `(a+)+$` cannot stall a run. Accepts `pattern` or `/pattern/flags`
 * (flags i, m, s).
 */
export function loadRegex(): Promise<RegexTest> {
  return (engine ??= import('re2js').then(({ RE2JS }) => {
    const compiled = new Map<string, { test(text: string): boolean }>();
    return (pattern: string, ignoreCase: boolean, text: string) => {
      const key = `${ignoreCase ? 'i' : '-'}${pattern}`;
      let re = compiled.get(key);
      if (!re) {
        let source = pattern;
        let flags = ignoreCase ? RE2JS.CASE_INSENSITIVE : 0;
        const literal = /^\/(.*)\/([a-z]*)$/s.exec(pattern);
        if (literal) {
          source = literal[1]!;
          for (const f of literal[2]!) {
            if (f === 'i') flags |= RE2JS.CASE_INSENSITIVE;
            else if (f === 'm') flags |= RE2JS.MULTILINE;
            else if (f === 's') flags |= RE2JS.DOTALL;
          }
        }
        re = RE2JS.compile(source, flags);
        if (compiled.size > 1000) compiled.clear();
        compiled.set(key, re);
      }
      return re.test(text);
    };
  }));
}

/** Whether parameters might use a regex operator, so the engine is loaded before evaluating. */
export function mayUseRegex(parameters: unknown): boolean {
  return JSON.stringify(parameters ?? null).includes('egex');
}
