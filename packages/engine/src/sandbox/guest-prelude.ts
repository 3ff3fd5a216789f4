/**
 * The JavaScript evaluated inside QuickJS before the user's code, as source
 * text. It evaluates to the driver function the runner calls with the user's
 * function, the data (a JSON string), the mode, the output cap, the log
 * function and the emit function. It returns a string: `R` + output JSON,
 * `S` when a large array output was streamed through `emit` (each call one
 * JSON array text of consecutive elements, so the host parses the first
 * parts while the rest is still being serialized), `L` when the output is
 * over the cap, or `E` + error JSON. Everything here runs in the guest, under
 * the guest's deadline and memory limit; the host only ever reads strings.
 */
export const GUEST_PRELUDE = String.raw`(function () {
  'use strict';
  const stringify = JSON.stringify;
  const CHUNK = 64;
  const FLUSH = 128 * 1024;
  const parse = JSON.parse;
  const toText = (value) => {
    if (typeof value === 'string') return value;
    if (value instanceof Error) return String(value.stack ? value.name + ': ' + value.message + '\n' + value.stack : value);
    try {
      const text = stringify(value);
      return text === undefined ? String(value) : text;
    } catch (e) {
      return String(value);
    }
  };
  const describe = (e) => {
    let name = 'Error', message = '', stack = '';
    try {
      if (e !== null && (typeof e === 'object' || typeof e === 'function')) {
        name = String(e.name ?? 'Error');
        message = String(e.message ?? '');
        stack = String(e.stack ?? '');
      } else {
        name = 'Error';
        message = 'Non-error value thrown: ' + toText(e);
      }
    } catch (inner) {
      message = 'An error was thrown that could not be read.';
    }
    return 'E' + stringify({ name, message, stack });
  };
  return function driver(main, dataJson, mode, maxChars, log, emit) {
    const data = parse(dataJson);
    const items = data.items;
    const wrap = (list) => ({
      all: () => list,
      first: () => list[0],
      last: () => list[list.length - 1],
      get length() { return list.length; },
    });
    const nodes = data.nodes;
    const select = (name) => {
      const list = nodes[name];
      if (!list) {
        throw new Error('No output from node "' + name + '": it has not run yet, or its name is not written as a plain string in this code.');
      }
      return wrap(list);
    };
    const write = (level) => (...args) => { log(level, args.map(toText).join(' ')); };
    const console = { log: write('log'), info: write('info'), warn: write('warn'), error: write('error'), debug: write('log') };
    const g = globalThis;
    g.console = console;
    g.$ = select;
    g.$node = new Proxy({}, { get: (_t, name) => (typeof name === 'string' && nodes[name] ? { json: nodes[name][0] ? nodes[name][0].json : {}, items: nodes[name] } : undefined) });
    g.$vars = data.vars;
    g.$execution = data.execution;
    g.$workflow = data.workflow;
    g.$runIndex = data.runIndex;
    g.$input = wrap(items);
    g.items = items;
    // Arrays are serialized a few elements at a time, so output past the cap stops
    // growing as soon as it passes, long before it could exhaust memory; a large
    // one leaves in parts of about FLUSH characters as it is serialized.
    const finish = (value) => {
      if (!Array.isArray(value)) {
        const text = stringify(value === undefined ? null : value);
        if (text === undefined) return 'Rnull';
        return text.length > maxChars ? 'L' + text.length : 'R' + text;
      }
      let parts = [];
      let size = 2;
      let pending = 0;
      let streamed = false;
      for (let i = 0; i < value.length; i += CHUNK) {
        const text = stringify(value.slice(i, i + CHUNK));
        size += text.length - 1;
        if (size > maxChars) return 'L>' + size;
        if (text.length > 2) {
          parts.push(text.slice(1, -1));
          pending += text.length;
        }
        if (pending >= FLUSH) {
          emit('[' + parts.join(',') + ']');
          streamed = true;
          parts = [];
          pending = 0;
        }
      }
      if (!streamed) return 'R[' + parts.join(',') + ']';
      if (parts.length > 0) emit('[' + parts.join(',') + ']');
      return 'S';
    };
    return (async () => {
      try {
        if (mode === 'allItems') return finish(await main.call(undefined));
        const out = [];
        for (let i = 0; i < items.length; i++) {
          const item = items[i];
          g.$input = { ...wrap(items), item };
          const value = await main.call(undefined, item.json, i, item);
          out.push(value === undefined ? null : value);
        }
        return finish(out);
      } catch (e) {
        return describe(e);
      }
    })();
  };
})()`;

/**
 * How the user's code is wrapped: an async function whose body is the code.
 * The header stays on the code's first line so line numbers match the user's;
 * columns on that line are shifted by the header's length.
 */
export const CODE_HEADER = 'async function code($json, $itemIndex, item) {';
