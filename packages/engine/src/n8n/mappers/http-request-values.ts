import { parseTemplate } from '../../expression/template.js';
import type { MapContext } from '../map-context.js';
import type { MappedNode } from './mapping.js';

/** A text parameter (a query, header or form value): numbers written as text, expressions' results turned into text. */
export function text(ctx: MapContext, path: string): unknown {
  const raw = ctx.raw(path);
  if (typeof raw === 'number' || typeof raw === 'boolean') return String(raw);
  return emptyForNothing(asText(ctx.value(path, '', { asText: true })));
}

/**
 * A translated reference given as text (`{{ $string(x) }}`) gives nothing for
 * a field that is missing or null; n8n sends an empty value then, as the
 * JavaScript form below does.
 */
function emptyForNothing(value: unknown): unknown {
  const m = typeof value === 'string' ? /^\{\{ \$string\(([^]*)\) \}\}$/.exec(value) : null;
  if (!m || !balanced(m[1]!)) return value;
  const reference = m[1]!;
  return `{{ ($exists(${reference}) and $type(${reference}) != 'null') ? $string(${reference}) : '' }}`;
}

/** Whether the parentheses outside quotes close in order (the text is one reference, not `$string(a) & $string(b)`). */
function balanced(text: string): boolean {
  let depth = 0;
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'" || c === '`') quote = c;
    else if (c === '(') depth++;
    else if (c === ')' && --depth < 0) return false;
  }
  return depth === 0 && quote === '';
}

/**
 * A value that is one JavaScript expression alone keeps the type of its
 * result (`{{js: count | 20 }}` gives a number); n8n sends whatever it gives
 * as text (empty for null or undefined), so the expression is wrapped to give text too.
 */
function asText(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  let segments: ReturnType<typeof parseTemplate>;
  try {
    segments = parseTemplate(value);
  } catch {
    return value;
  }
  const [only] = segments;
  if (segments.length !== 1 || only?.kind !== 'expression' || !only.source.startsWith('js:')) return value;
  return `{{js: String((${only.source.slice(3)}\n) ?? '') }}`;
}

/**
 * The URL. n8n takes any text here and fails only when the node runs if it is
 * no http:// or https:// URL (an address left for the user to fill in, such
 * as `WEBHOOK1`). Flowloom refuses such a URL written as text when the
 * workflow is validated, so it becomes an expression giving that text: the
 * workflow opens, the node fails when it runs, as in n8n, and the report says
 * so.
 */
export function requestUrl(ctx: MapContext): unknown {
  const raw = ctx.raw('url');
  if (raw === undefined || (typeof raw === 'string' && !raw.startsWith('='))) {
    const url = String(raw ?? '').trim();
    if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) {
      ctx.warn(
        'url',
        'url-not-given',
        `${url === '' ? 'the URL is empty' : `the URL '${url}' is not an http:// or https:// URL`}: n8n fails when the node runs, and so does Flowloom; give the address`,
      );
      ctx.value('url', '');
      // A JSON string is a JSONata string literal; text holding the expression marks stays text (and is refused).
      if (!url.includes('{{') && !url.includes('}}')) return `{{ ${JSON.stringify(url)} }}`;
    }
  }
  return ctx.value('url', '');
}

/** The credential slot for the node's authentication, if any. */
export function authentication(ctx: MapContext): MappedNode['credential'] {
  const mode = ctx.choice('authentication', ['none', 'predefinedCredentialType', 'genericCredentialType'], 'none');
  ctx.onlyDefault('provideSslCertificates', false);
  if (mode === 'none') {
    ctx.ignore('nodeCredentialType', 'genericAuthType');
    return undefined;
  }
  const type = ctx.literal<string>(mode === 'predefinedCredentialType' ? 'nodeCredentialType' : 'genericAuthType', 'string', '');
  if (type === '') ctx.fail('authentication', 'the credential type is not given');
  return { slot: 'auth', n8nType: type };
}

/**
 * Query parameters or headers given as computed JSON (`={{ $json.toJsonString() }}`):
 * n8n reads the value as a JSON object (text or an object) and sends each
 * entry. Flowloom takes a list of `{ name, value }` pairs, so the expression
 * becomes one that gives that list for each item. Query values are written as
 * n8n's query string writes them: null as empty, nested lists and objects as
 * `labels[0]=…`, `owner[name]=…`; a header value as its text.
 */
export function computedPairs(ctx: MapContext, path: string, kind: 'query' | 'headers'): string {
  const converted = ctx.value(path, '');
  let segments: ReturnType<typeof parseTemplate> | undefined;
  try {
    segments = typeof converted === 'string' ? parseTemplate(converted) : undefined;
  } catch {
    segments = undefined;
  }
  const [only] = segments ?? [];
  if (segments?.length !== 1 || only?.kind !== 'expression' || !only.source.startsWith('js:')) {
    return ctx.fail(path, 'parameters given as computed JSON have no Flowloom equivalent unless the whole value is one expression');
  }
  const nested =
    kind === 'query'
      ? `if (x !== null && typeof x === 'object' && !(x instanceof Date)) { for (const [c, y] of Object.entries(x)) add(k + '[' + c + ']', y); return; } `
      : '';
  return (
    `{{js: ((v) => { const out = []; const add = (k, x) => { if (x === undefined) return; ${nested}` +
    `out.push({ name: k, value: x === null ? '' : x instanceof Date ? x.toISOString() : String(x) }); }; ` +
    `for (const [k, x] of Object.entries(typeof v === 'string' ? JSON.parse(v) : (v ?? {}))) add(k, x); return out; })(${only.source.slice(3)}\n) }}`
  );
}
