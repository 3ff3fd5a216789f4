import type { QuickJSContext, QuickJSHandle } from 'quickjs-emscripten-core';
import { BUFFER_NAMES, GUEST_BUFFER } from './guest-buffer.js';
import { GUEST_BUFFER_MORE } from './guest-buffer-more.js';
import { GUEST_CODE_N8N } from './guest-code-n8n.js';
import { GUEST_INTL } from './guest-intl.js';
import { GUEST_URL, URL_NAMES } from './guest-url.js';
import { createGuestHost } from './intl-bridge.js';
import { evaluateJmespath, GUEST_JMESPATH_INSTALL, loadJmespathSource } from './jmespath-library.js';
import type { CodeRunRequest } from './protocol.js';
import { answerUrl } from './url-bridge.js';

/** Names that make a Code run load Luxon (and `Intl`, which Luxon needs). */
const LUXON_NAMES = /\b(?:DateTime|Duration|Interval|Info|luxon)\b|\$now\b|\$today\b/;
/** Names that make a Code run compile `GUEST_CODE_N8N` (other nodes' outputs, require), besides Luxon's. */
const N8N_NAMES = /\$\s*\(|\$node\b|\$items?\b|\brequire\b/;
/** Names that make a Code run install the guest's `Intl` (QuickJS has none). */
const INTL_NAMES = /\bIntl\b|\btoLocale(?:Date|Time)?String\b/;
/** The name that makes a Code run install `$jmespath` (jmespath compiled on its first call). */
const JMESPATH_NAMES = /\$jmespath\b/;

/** What a Code run loads besides the prelude, when its code names it. */
export interface CodeExtras {
  /** Whether to compile n8n's bindings to other nodes, Luxon and require (`GUEST_CODE_N8N`). */
  readonly n8n: boolean;
  /** Luxon's global build, when the code names a Luxon binding. */
  readonly luxon?: string;
  /** Whether to install `Intl` before the code runs. */
  readonly intl: boolean;
  /** Whether to install `URL` and `URLSearchParams` before the code runs. */
  readonly url?: boolean;
  /** Whether to install `Buffer` before the code runs. */
  readonly buffer?: boolean;
  /** jmespath's source, when the code names `$jmespath`. */
  readonly jmespath?: string;
}

let luxonSource: Promise<string> | undefined;

/** Loads what `code` names (Luxon's and jmespath's source once per worker); a failed load is retried next time. */
export async function loadCodeExtras(code: string): Promise<CodeExtras> {
  const jmespath = JMESPATH_NAMES.test(code) ? { jmespath: await loadJmespathSource() } : {};
  const wantsLuxon = LUXON_NAMES.test(code);
  const url = URL_NAMES.test(code);
  const buffer = BUFFER_NAMES.test(code);
  if (!wantsLuxon) return { n8n: N8N_NAMES.test(code), intl: INTL_NAMES.test(code), url, buffer, ...jmespath };
  const pending = (luxonSource ??= import('./guest-luxon.js').then((m) => m.GUEST_LUXON));
  pending.catch(() => {
    if (luxonSource === pending) luxonSource = undefined;
  });
  return { n8n: true, luxon: await pending, intl: true, url, buffer, ...jmespath };
}

/**
 * Prepares a Code run's context: installs `Intl`, `URL`, `Buffer` and `$jmespath` when asked, and makes the
 * driver's last arguments: `keepStatic(json)`, through which the driver hands
 * the workflow static data to `onStaticData` once the code has returned; and,
 * when the code names n8n's wider bindings, the
 * installer of `GUEST_CODE_N8N`, `loadLibrary(name)` (the host's library as
 * a CommonJS factory, or undefined when its source was not sent), the JSON
 * of the allowed names, and `loadLuxon()` (Luxon's namespace) when Luxon was
 * loaded. Returns the handle of what failed instead, when compiling threw.
 */
export function codeRunArguments(
  ctx: QuickJSContext,
  request: CodeRunRequest,
  extras: CodeExtras,
  keep: (h: QuickJSHandle) => QuickJSHandle,
  onStaticData: (json: string) => void,
): { args: QuickJSHandle[] } | { error: QuickJSHandle } {
  const sources = Object.values(request.libraries?.sources ?? {});
  // Libraries often format dates and numbers with Intl, which QuickJS lacks.
  const installs: [string, string][] = [];
  if (extras.intl || sources.length > 0) installs.push([GUEST_INTL, 'flowloom:intl.js']);
  if (extras.url || sources.some((source) => URL_NAMES.test(source))) installs.push([GUEST_URL, 'flowloom:url.js']);
  if (installs.length > 0) {
    const bridge = createGuestHost(undefined);
    const host = keep(
      ctx.newFunction('host', (opHandle, keyHandle, valueHandle) => {
        const text = (h: QuickJSHandle) => (ctx.typeof(h) === 'string' ? ctx.getString(h) : '');
        const op = text(opHandle);
        if (op.startsWith('url.')) return ctx.newString(answerUrl(op, text(keyHandle)));
        const value = ctx.typeof(valueHandle) === 'number' ? ctx.getNumber(valueHandle) : text(valueHandle);
        return ctx.newString(bridge(op, text(keyHandle), value));
      }),
    );
    for (const [source, file] of installs) {
      const install = ctx.evalCode(source, file);
      if (install.error) return { error: keep(install.error) };
      const installed = ctx.callFunction(keep(install.value), ctx.undefined, host);
      if (installed.error) return { error: keep(installed.error) };
      installed.value.dispose();
    }
  }
  if (extras.buffer) {
    // Bytes never cross to the host: Buffer needs nothing from it but the rest of its source, on demand.
    const install = ctx.evalCode(GUEST_BUFFER, 'flowloom:buffer.js');
    if (install.error) return { error: keep(install.error) };
    const loadMore = keep(ctx.newFunction('loadMore', () => ctx.evalCode(GUEST_BUFFER_MORE, 'flowloom:buffer-more.js')));
    const installed = ctx.callFunction(keep(install.value), ctx.undefined, loadMore);
    if (installed.error) return { error: keep(installed.error) };
    installed.value.dispose();
  }
  const jmespath = extras.jmespath;
  if (jmespath !== undefined) {
    const install = ctx.evalCode(GUEST_JMESPATH_INSTALL, 'flowloom:jmespath-install.js');
    if (install.error) return { error: keep(install.error) };
    const load = keep(ctx.newFunction('loadJmespath', () => evaluateJmespath(ctx, jmespath)));
    const installed = ctx.callFunction(keep(install.value), ctx.undefined, load);
    if (installed.error) return { error: keep(installed.error) };
    installed.value.dispose();
  }
  // Only the prelude's driver holds it (the code cannot reach it).
  const keepStatic = keep(
    ctx.newFunction('keepStatic', (jsonHandle) => {
      if (ctx.typeof(jsonHandle) === 'string') onStaticData(ctx.getString(jsonHandle));
    }),
  );
  if (!extras.n8n) return { args: [keepStatic] };
  const installN8n = ctx.evalCode(GUEST_CODE_N8N, 'flowloom:code-n8n.js');
  if (installN8n.error) return { error: keep(installN8n.error) };
  const libraries = request.libraries;
  const loadLibrary = keep(
    ctx.newFunction('loadLibrary', (nameHandle) => {
      const name = ctx.typeof(nameHandle) === 'string' ? ctx.getString(nameHandle) : '';
      const sources = libraries?.sources;
      if (!sources || !Object.prototype.hasOwnProperty.call(sources, name)) return undefined;
      // A CommonJS factory, in sloppy mode as Node runs modules; UMD builds take its `module` branch.
      return ctx.evalCode(`(function (module, exports, require, global) {${sources[name]}\n})`, `flowloom:library/${name}`);
    }),
  );
  const args = [keepStatic, keep(installN8n.value), loadLibrary, keep(ctx.newString(JSON.stringify(libraries?.allowed ?? [])))];
  const luxon = extras.luxon;
  if (luxon !== undefined) {
    // Evaluated inside a function, so its `var luxon` stays out of the code's globals.
    args.push(keep(ctx.newFunction('loadLuxon', () => ctx.evalCode(`(function () {\n${luxon}\nreturn luxon;\n})()`, 'flowloom:luxon.js'))));
  }
  return { args };
}
