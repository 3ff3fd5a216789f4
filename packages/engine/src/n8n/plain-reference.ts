/**
 * Plain data references in n8n expressions (`$json.a.b`, `$json["a"]`,
 * `$('Node').first().json.x`, `$node["Node"].json.x`) and their Flowloom
 * equivalents. Only shapes whose meaning is the same in both are recognised;
 * everything else is left to a JavaScript-aware step.
 */

/** How a reference starts. */
type Root =
  | { kind: 'json' }
  | { kind: 'binary' }
  | { kind: 'literal'; flowloom: string }
  | { kind: 'input'; pick: 'item' | 'first' | 'last' }
  | { kind: 'node'; name: string; pick: 'item' | 'first' | 'last' | 'legacy' }
  | { kind: 'value'; flowloom: string };

/** What the translation needs to know of the workflow around the expression. */
export interface ReferenceEnv {
  /** The Flowloom name of the node an n8n name refers to, or undefined when no node has it. */
  nodeName(n8nName: string): string | undefined;
  /**
   * Whether, for every item of the node being translated, the item n8n pairs it with in
   * `n8nName`'s output is the item at the same index (or that node's only item).
   */
  itemAligned(n8nName: string): boolean;
  /** Whether the node named is before the node being translated over main connections (n8n's `$node["X"]` needs it). */
  upstream(n8nName: string): boolean;
}

/** A translated reference, or why it was not translated (`reason` is a short code). */
export type ReferenceResult =
  | { ok: true; text: string; nodes: string[] }
  | { ok: false; reason: 'javascript' | 'pairedItem' | 'javascriptProperty' | 'notConnected'; nodes: string[] };

const IDENT = /^[A-Za-z_$][\w$]*/;
const JSONATA_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const JSONATA_KEYWORDS = new Set(['and', 'or', 'in', 'true', 'false', 'null', 'function']);

/**
 * Names JavaScript resolves on every value (`.constructor`, `.toString`) or on
 * text and lists (`.length`): `$json.name.length` is a number in n8n and
 * nothing in a data path, so a path through one is never translated.
 */
const BUILT_IN_PROPERTIES: ReadonlySet<string> = new Set(['length', ...Object.getOwnPropertyNames(Object.prototype)]);

/** The fields of an n8n file reference that mean the same in Flowloom's (`fileSize` is text in n8n, a number in Flowloom). */
const BINARY_FIELDS = new Set(['mimeType', 'fileName', 'fileExtension']);

/** Simple bindings with the same meaning in both systems. */
const VALUES: Record<string, string> = {
  '$execution.id': '$execution.id',
  '$workflow.id': '$workflow.id',
  '$workflow.name': '$workflow.name',
  $itemIndex: '$itemIndex',
  $runIndex: '$runIndex',
};

class Reader {
  i = 0;
  constructor(readonly s: string) {}
  eat(text: string): boolean {
    if (!this.s.startsWith(text, this.i)) return false;
    this.i += text.length;
    return true;
  }
  done(): boolean {
    return this.i >= this.s.length;
  }
  ident(): string | undefined {
    const m = IDENT.exec(this.s.slice(this.i));
    if (!m) return undefined;
    this.i += m[0].length;
    return m[0];
  }
  /** A JavaScript string literal in single or double quotes, decoded; undefined when there is none. */
  string(): string | undefined {
    const quote = this.s[this.i];
    if (quote !== '"' && quote !== "'") return undefined;
    let out = '';
    for (let j = this.i + 1; j < this.s.length; j++) {
      const c = this.s[j]!;
      if (c === quote) {
        this.i = j + 1;
        return out;
      }
      if (c === '\n') return undefined;
      if (c !== '\\') {
        out += c;
        continue;
      }
      const e = this.s[++j];
      if (e === undefined) return undefined;
      const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '/': '/' };
      if (e in simple) out += simple[e];
      else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(this.s.slice(j + 1, j + 5))) {
        out += String.fromCharCode(parseInt(this.s.slice(j + 1, j + 5), 16));
        j += 4;
      } else return undefined;
    }
    return undefined;
  }
  /** `[ "name" ]` or `[ 'name' ]`. */
  bracketString(): string | undefined {
    const start = this.i;
    if (!this.eat('[')) return undefined;
    this.spaces();
    const name = this.string();
    this.spaces();
    if (name === undefined || !this.eat(']')) {
      this.i = start;
      return undefined;
    }
    return name;
  }
  spaces(): void {
    while (this.s[this.i] === ' ') this.i++;
  }
}

function readRoot(r: Reader): Root | undefined {
  for (const [n8n, flowloom] of Object.entries(VALUES)) {
    if (r.s === n8n) {
      r.i = r.s.length;
      return { kind: 'value', flowloom };
    }
  }
  const literal = literalOf(r.s);
  if (literal !== undefined) {
    r.i = r.s.length;
    return { kind: 'literal', flowloom: literal };
  }
  if (r.eat('$json')) return IDENT_CONTINUES.test(r.s.slice(r.i)) ? undefined : { kind: 'json' };
  if (r.eat('$binary')) return IDENT_CONTINUES.test(r.s.slice(r.i)) ? undefined : { kind: 'binary' };
  // `$item(0)` is the first item's context: `$item(0).$node["X"].json` is X's first output item.
  if (/^\$item\(\s*(0|"0"|'0')\s*\)\.\$node/.test(r.s)) {
    r.i = r.s.indexOf('$node', 5) + '$node'.length;
    let name = r.bracketString();
    if (name === undefined && r.eat('.')) name = r.ident();
    if (name === undefined || !r.eat('.json')) return undefined;
    return { kind: 'node', name, pick: 'first' };
  }
  if (r.eat('$input.')) {
    if (r.eat('item.json')) return { kind: 'input', pick: 'item' };
    if (r.eat('first().json')) return { kind: 'input', pick: 'first' };
    if (r.eat('last().json')) return { kind: 'input', pick: 'last' };
    return undefined;
  }
  if (r.eat('$(')) {
    r.spaces();
    const name = r.string();
    r.spaces();
    if (name === undefined || !r.eat(').')) return undefined;
    if (r.eat('item.json')) return { kind: 'node', name, pick: 'item' };
    if (r.eat('first().json')) return { kind: 'node', name, pick: 'first' };
    if (r.eat('last().json')) return { kind: 'node', name, pick: 'last' };
    return undefined;
  }
  if (r.eat('$node')) {
    let name = r.bracketString();
    if (name === undefined && r.eat('.')) name = r.ident();
    if (name === undefined || !r.eat('.json')) return undefined;
    return { kind: 'node', name, pick: 'legacy' };
  }
  return undefined;
}

const IDENT_CONTINUES = /^[\w$]/;

/** A JavaScript literal with the same value in JSONata: true, false, null, a decimal number, a string. */
function literalOf(source: string): string | undefined {
  if (source === 'true' || source === 'false' || source === 'null') return source;
  if (/^-?(0|[1-9]\d{0,15})(\.\d{1,15})?$/.test(source)) return source;
  const r = new Reader(source);
  const text = r.string();
  if (text !== undefined && r.done()) return JSON.stringify(text);
  if (/^`[^`\\$]*`$/.test(source)) return JSON.stringify(source.slice(1, -1));
  return undefined;
}

/** The field names after the root: `.a`, `?.a`, `["a"]`, `?.["a"]`; undefined when something else follows. */
function readSteps(r: Reader): string[] | undefined {
  const steps: string[] = [];
  while (!r.done()) {
    const optional = r.eat('?.');
    if (r.s[r.i] === '[') {
      const name = r.bracketString();
      if (name === undefined) return undefined;
      steps.push(name);
    } else if (optional || r.eat('.')) {
      const name = r.ident();
      if (name === undefined) return undefined;
      steps.push(name);
    } else return undefined;
  }
  return steps;
}

/** A field step in Flowloom's dialect: `.name`, or `["name"]` for any other name. */
function step(name: string): string {
  return JSONATA_NAME.test(name) && !JSONATA_KEYWORDS.has(name) ? `.${name}` : `[${JSON.stringify(name)}]`;
}

/**
 * Translates one n8n expression (the text inside `{{ }}`) when it is a plain
 * data reference whose meaning is the same in Flowloom; otherwise says why not.
 * `nodes` lists the n8n node names the expression was seen to refer to.
 *
 * @example
 * translateReference(' $json["first name"] ', env) // { ok: true, text: '$json["first name"]', nodes: [] }
 */
export function translateReference(source: string, env: ReferenceEnv): ReferenceResult {
  const r = new Reader(source.trim());
  const root = readRoot(r);
  const nodes = root?.kind === 'node' ? [root.name] : [];
  const steps = root ? readSteps(r) : undefined;
  if (!root || !steps) return { ok: false, reason: 'javascript', nodes };
  if (steps.some((s) => BUILT_IN_PROPERTIES.has(s))) return { ok: false, reason: 'javascriptProperty', nodes };
  const path = steps.map(step).join('');
  switch (root.kind) {
    case 'value':
    case 'literal':
      return steps.length === 0 ? { ok: true, text: root.flowloom, nodes } : { ok: false, reason: 'javascript', nodes };
    case 'binary':
      return steps.length === 2 && BINARY_FIELDS.has(steps[1]!)
        ? { ok: true, text: `$binary${path}`, nodes }
        : { ok: false, reason: 'javascript', nodes };
    case 'json':
      return { ok: true, text: `$json${path}`, nodes };
    case 'input':
      return { ok: true, text: root.pick === 'item' ? `$json${path}` : `$input.${root.pick}.json${path}`, nodes };
    case 'node': {
      const name = JSON.stringify(env.nodeName(root.name) ?? root.name);
      if (root.pick === 'first' || root.pick === 'last') return { ok: true, text: `$node(${name}).${root.pick}.json${path}`, nodes };
      // n8n fails on `$('X').item` and `$node["X"]` when X is not connected before the node; the JavaScript version fails the same way.
      if ((root.pick === 'item' || root.pick === 'legacy') && !env.upstream(root.name)) return { ok: false, reason: 'notConnected', nodes };
      if (root.pick === 'item' && !env.itemAligned(root.name)) return { ok: false, reason: 'pairedItem', nodes };
      return { ok: true, text: `$node(${name}).json${path}`, nodes };
    }
  }
}

/** The n8n node names an expression mentions through `$('…')`, `$node["…"]` or `$node.…`, for reports. */
export function mentionedNodes(source: string): string[] {
  const found = new Set<string>();
  const pattern =
    /\$\(\s*(?:"((?:[^"\\\n]|\\.)*)"|'((?:[^'\\\n]|\\.)*)')\s*\)|\$node\[\s*(?:"((?:[^"\\\n]|\\.)*)"|'((?:[^'\\\n]|\\.)*)')\s*\]/g;
  for (const m of source.matchAll(pattern)) {
    const raw = m[1] ?? m[2] ?? m[3] ?? m[4];
    if (raw !== undefined && !raw.includes('\\')) found.add(raw);
  }
  return [...found];
}
