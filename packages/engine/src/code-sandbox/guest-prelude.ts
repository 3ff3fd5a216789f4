/**
 * The JavaScript evaluated inside QuickJS before the user's code, as source
 * text. It evaluates to the driver function the runner calls with the user's
 * function, the data (a JSON string), the mode, the output cap, the log
 * function, the emit function, the function that evaluates `GUEST_BASE64`
 * (called the first time the code calls `btoa`, `atob` or `DOMException`),
 * the function that takes the JSON text of the workflow static data once the
 * code has returned (called only when the data carries `staticData`), and,
 * when the code names them, the installer of `GUEST_CODE_N8N` with what it
 * takes (see `code-run-extras.ts`).
 * It returns a string: `R` + output JSON, `S` when a large array output was
 * streamed through `emit` (each call one JSON array text of consecutive
 * elements, so the host parses the first parts while the rest is still being
 * serialized), `L` when the output is over the cap, or `E` + error JSON.
 * Everything here runs in the guest, under the guest's deadline and memory
 * limit; the host only ever reads strings.
 *
 * The bindings are n8n's Code node API for the input: `$input`, `items`,
 * `$json` (the current item's, or the first's when the code runs once for
 * all), `item`, `$itemIndex`, `$vars`, `$execution`, `$workflow`,
 * `$runIndex`, `$prevNode`, `$env` (when the code names it),
 * `$getWorkflowStaticData` (when the data carries `staticData`: the stored
 * `{ global, node }` objects, which the code may change in place);
 * `GUEST_CODE_N8N` adds the rest. They are globals, not parameters, so the
 * code may declare its own `items` or `item`.
 *
 * It is written with few kinds of syntax (functions, `var`, one async
 * function): QuickJS compiles it for every run, and the first run in a worker
 * also has V8 compile each part of QuickJS's compiler it uses, so every
 * construct left out here is work a cold start does not do.
 */
export const GUEST_PRELUDE = String.raw`(function () {
  'use strict';
  var stringify = JSON.stringify;
  var parse = JSON.parse;
  var CHUNK = 64;
  var FLUSH = 131072;
  function toText(value) {
    if (typeof value === 'string') return value;
    if (value instanceof Error) return String(value.stack ? value.name + ': ' + value.message + '\n' + value.stack : value);
    try {
      var text = stringify(value);
      return text === undefined ? String(value) : text;
    } catch (e) {
      return String(value);
    }
  }
  function field(e, key, fallback) {
    var value = e[key];
    return value === undefined || value === null ? fallback : String(value);
  }
  function describe(e) {
    var name = 'Error';
    var message = '';
    var stack = '';
    try {
      if (e !== null && (typeof e === 'object' || typeof e === 'function')) {
        name = field(e, 'name', 'Error');
        message = field(e, 'message', '');
        stack = field(e, 'stack', '');
      } else {
        message = 'Non-error value thrown: ' + toText(e);
      }
    } catch (inner) {
      message = 'An error was thrown that could not be read.';
    }
    return 'E' + stringify({ name: name, message: message, stack: stack });
  }
  function frozen(value) {
    if (value !== null && typeof value === 'object') {
      var keys = Object.keys(value);
      for (var i = 0; i < keys.length; i++) frozen(value[keys[i]]);
      Object.freeze(value);
    }
    return value;
  }
  function writer(log, level) {
    return function () {
      var parts = [];
      for (var i = 0; i < arguments.length; i++) parts.push(toText(arguments[i]));
      log(level, parts.join(' '));
    };
  }
  // Arrays are serialized a few elements at a time, so output past the cap stops
  // growing as soon as it passes, long before it could exhaust memory; a large
  // one leaves in parts of about FLUSH characters as it is serialized.
  function finish(value, maxChars, emit) {
    if (!Array.isArray(value)) {
      var one = stringify(value === undefined ? null : value);
      if (one === undefined) return 'Rnull';
      return one.length > maxChars ? 'L' + one.length : 'R' + one;
    }
    var parts = [];
    var size = 2;
    var pending = 0;
    var streamed = false;
    for (var i = 0; i < value.length; i += CHUNK) {
      var text = stringify(value.slice(i, i + CHUNK));
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
  }
  // The static data as the code left it, as JSON text; a value JSON cannot hold fails the run, naming the scope.
  function staticText(statics) {
    var scopes = ['global', 'node'];
    for (var i = 0; i < scopes.length; i++) {
      try {
        stringify(statics[scopes[i]]);
      } catch (e) {
        var error = new Error(
          "$getWorkflowStaticData('" + scopes[i] + "') holds a value JSON cannot hold (" + field(e, 'message', 'an error was thrown') + ')',
        );
        error.name = 'WorkflowStaticDataError';
        throw error;
      }
    }
    return stringify({ global: statics.global, node: statics.node });
  }
  return async function driver(main, dataJson, mode, maxChars, log, emit, loadBase64, keepStatic, installN8n, loadLibrary, allowedJson, loadLuxon) {
    var data = parse(dataJson);
    var items = data.items;
    var g = globalThis;
    // The item the bindings ($json, $input.item, $('X').item, $node) refer to: each in turn, or the first.
    var at = 0;
    g.console = {
      log: writer(log, 'log'),
      info: writer(log, 'info'),
      warn: writer(log, 'warn'),
      error: writer(log, 'error'),
      debug: writer(log, 'log'),
    };
    // btoa, atob and DOMException are stubs: their code (GUEST_BASE64) is compiled when first called,
    // which most code never does.
    var base64;
    function base64Api() {
      return base64 || (base64 = loadBase64()(DOMException));
    }
    function DOMException(message, name) {
      return base64Api().construct(this, message, name);
    }
    g.DOMException = DOMException;
    g.btoa = function btoa(data) {
      return base64Api().btoa.apply(undefined, arguments);
    };
    g.atob = function atob(data) {
      return base64Api().atob.apply(undefined, arguments);
    };

    g.$input = {
      all: function () {
        return items;
      },
      first: function () {
        return items[0];
      },
      last: function () {
        return items[items.length - 1];
      },
      length: items.length,
    };
    Object.defineProperty(g.$input, 'item', { enumerable: true, get: function () { return items[at]; } });
    g.items = items;
    g.$vars = data.vars;
    g.$execution = data.execution;
    g.$workflow = data.workflow;
    g.$runIndex = data.runIndex;
    g.$prevNode = data.prevNode;
    // What the host exposes as $env, sent only when the code names it; read-only, as n8n's.
    if (data.env) Object.defineProperty(g, '$env', { value: frozen(data.env), enumerable: true });
    // n8n's workflow static data: the stored objects, changed in place; the host keeps them once the code has returned.
    var statics = data.staticData;
    if (statics) {
      g.$getWorkflowStaticData = function $getWorkflowStaticData(type) {
        if (type !== 'global' && type !== 'node') {
          throw new TypeError("$getWorkflowStaticData takes 'global' or 'node', not " + (typeof type === 'string' ? "'" + type + "'" : toText(type)));
        }
        return statics[type];
      };
    }
    // n8n's references to other nodes, Luxon and require: compiled only when the code names one (GUEST_CODE_N8N).
    if (installN8n) installN8n(g, data, function () { return at; }, loadLibrary, allowedJson, loadLuxon);
    try {
      if (mode === 'allItems') {
        g.$json = items[0] ? items[0].json : {};
        var result = await main.call(undefined);
        if (statics) keepStatic(staticText(statics));
        return finish(result, maxChars, emit);
      }
      var out = [];
      for (var i = 0; i < items.length; i++) {
        at = i;
        g.$json = items[i].json;
        g.$itemIndex = i;
        g.item = items[i];
        var value = await main.call(undefined);
        out.push(value === undefined ? null : value);
      }
      if (statics) keepStatic(staticText(statics));
      return finish(out, maxChars, emit);
    } catch (e) {
      return describe(e);
    }
  };
})()`;

/**
 * How the user's code is wrapped: an async function whose body is the code.
 * The header stays on the code's first line so line numbers match the user's;
 * columns on that line are shifted by the header's length.
 */
export const CODE_HEADER = 'async function code() {';
