/**
 * The JavaScript evaluated inside QuickJS to run n8n expressions (the
 * `expressions` mode of a sandbox run). It evaluates to the driver the runner
 * calls with the expressions (JSON text of `[{ code, text }]`, code already
 * prepared by `prepareJs`), the data (JSON text), the output cap, the host
 * function (`Intl`, hashing, loading Luxon and jmespath) and the installers of
 * `GUEST_INTL` and `GUEST_N8N_EXTENSIONS`. For every item index asked, it
 * evaluates every expression with n8n's globals (`$json`, `$('Node')`,
 * `$node`, `$now`...) and answers `R` + JSON of `[[entry per expression] per
 * item]`, an entry being `{ v: value }`, `{ u: 1 }` (undefined) or
 * `{ e: message, n: name }`; `L` when over the cap; `E` + error JSON when the
 * driver itself fails. Data is parsed in the guest, and every evaluation gets
 * its own copy of what it reads, so one expression's changes never reach another.
 */
export const GUEST_N8N = String.raw`(function () {
  'use strict';
  var stringify = JSON.stringify;
  var parse = JSON.parse;
  function clone(v) {
    if (v === null || typeof v !== 'object') return v;
    if (Array.isArray(v)) return v.map(clone);
    var out = {};
    for (var k in v) if (Object.prototype.hasOwnProperty.call(v, k)) out[k] = clone(v[k]);
    return out;
  }
  function refError(message) {
    var e = new Error(message);
    e.name = 'ExpressionError';
    return e;
  }
  return function driver(codeJson, dataJson, maxChars, host, installIntl, installExtensions) {
    var expressions = parse(codeJson);
    var data = parse(dataJson);
    var g = globalThis;
    var RealDate = Date;
    var now = data.now;
    // The engine's clock: new Date(), Date.now() and Luxon's now are the run's time.
    var FixedDate = new Proxy(RealDate, {
      construct: function (target, args, newTarget) {
        return Reflect.construct(target, args.length === 0 ? [now] : args, newTarget === FixedDate ? target : newTarget);
      },
      apply: function (target, self, args) {
        return new RealDate(now).toString();
      },
      get: function (target, key) {
        if (key === 'now') return function () { return now; };
        return target[key];
      }
    });
    g.Date = FixedDate;
    // The engine's random source: the draws it gave, then a generator seeded by the last of them.
    var draws = data.randoms || [];
    var drawn = 0;
    var seed = Math.floor((draws.length > 0 ? draws[draws.length - 1] : 0.5) * 4294967296) >>> 0;
    Math.random = function () {
      if (drawn < draws.length) return draws[drawn++];
      seed = (seed + 0x6d2b79f5) >>> 0;
      var t = seed;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    installIntl(host);
    var luxon;
    function lx() {
      if (!luxon) {
        var status = host('luxon', '', 0);
        if (status.charAt(0) === 'E') throw refError(status.slice(1));
        luxon = g.luxon;
        luxon.Settings.now = function () { return now; };
        luxon.Settings.defaultZone = data.zone;
        luxon.Settings.throwOnInvalid = false;
      }
      return luxon;
    }
    var $$x = installExtensions(host, lx);
    function lazy(name, get) {
      Object.defineProperty(g, name, { get: get, configurable: true, enumerable: false });
    }
    lazy('DateTime', function () { return lx().DateTime; });
    lazy('Duration', function () { return lx().Duration; });
    lazy('Interval', function () { return lx().Interval; });
    lazy('Info', function () { return lx().Info; });
    lazy('$now', function () { return lx().DateTime.fromMillis(now, { zone: data.zone }); });
    lazy('$today', function () { return lx().DateTime.fromMillis(now, { zone: data.zone }).startOf('day'); });
    g.$$x = $$x;

    var names = {};
    data.names.forEach(function (n) { names[n] = true; });
    var upstream = {};
    data.upstream.forEach(function (n) { upstream[n] = true; });
    var items = data.items;
    // What the evaluation under way has read: each its own copy.
    var cur;
    function copyOf(key, make) {
      if (!(key in cur.copies)) cur.copies[key] = make();
      return cur.copies[key];
    }
    function itemCopy(list, index, key) {
      var item = list[index];
      if (!item) return undefined;
      return copyOf(key + ':' + index, function () {
        var out = { json: clone(item.json) };
        if (item.binary) out.binary = clone(item.binary);
        out.pairedItem = item.pairedItem ? clone(item.pairedItem) : { item: index };
        return out;
      });
    }
    function knownNode(name) {
      if (typeof name !== 'string') throw refError('A node is named by its name as text, such as $(\'Fetch orders\').');
      if (!names[name]) throw refError("Referenced node doesn't exist: there is no node named '" + name + "' in this workflow.");
    }
    function outputOf(name) {
      knownNode(name);
      var list = data.nodes[name];
      if (!list) throw refError("Node '" + name + "' hasn't been executed: it has not run before this node in this execution.");
      return list;
    }
    // The item of node 'name' that input item 'index' descends from, as the run recorded it; undefined when not known.
    function ancestor(name, index) {
      var paired = data.paired && data.paired[name];
      var at = paired ? paired.at[index] : undefined;
      if (typeof at !== 'number' || at === -1) return undefined;
      if (at >= 0) return itemCopy(data.nodes[name], at, 'node:' + name);
      return itemCopy(paired.extra, -2 - at, 'paired:' + name);
    }
    // A node's context (n8n's node context: a Loop Over Items' currentRunIndex, noItemsLeft...); empty when it keeps none.
    function contextOf(name) {
      var context = data.contexts && data.contexts[name];
      return copyOf('context:' + name, function () { return context ? clone(context) : {}; });
    }
    // As n8n: naming a node that has not run is no error; reading its items is (its context and parameters are not).
    function nodeProxy(name) {
      knownNode(name);
      var key = 'node:' + name;
      return {
        get item() {
          var list = outputOf(name);
          if (!upstream[name]) {
            throw refError("Can't get data for expression: node '" + name + "' is not on a path leading to this node, so no item of it pairs with this one; use $('" + name + "').first() or .all().");
          }
          // The item this one descends from, as the run recorded it. Else a node's only item pairs with
          // every item (each descends from it), and others pair by position: when the counts differ,
          // some node between dropped or added items.
          var found = ancestor(name, cur.index);
          if (found) return found;
          var index = list.length === 1 ? 0 : cur.index;
          if (list.length !== 1 && (index >= list.length || list.length !== items.length)) {
            throw refError("Can't get data for expression: node '" + name + "' has no item " + cur.index + ' to pair with this item; use $(\'' + name + "').first() or .all().");
          }
          return itemCopy(list, index, key);
        },
        first: function () { return itemCopy(outputOf(name), 0, key); },
        last: function () { var list = outputOf(name); return itemCopy(list, list.length - 1, key); },
        all: function () { var list = outputOf(name); return list.map(function (_, i) { return itemCopy(list, i, key); }); },
        itemMatching: function (i) {
          var list = outputOf(name);
          return ancestor(name, Number(i)) || itemCopy(list, list.length === 1 ? 0 : i, key);
        },
        pairedItem: function () { return this.item; },
        get isExecuted() { return !!data.nodes[name]; },
        get params() { return parameters(name); },
        get context() { return contextOf(name); }
      };
    }
    // A parameter the node does not set is an error, not nothing: n8n would give the parameter's default, which Flowloom cannot know.
    function parameters(name) {
      var p = data.parameters[name];
      if (!p) throw refError("The parameters of node '" + name + "' are not available here.");
      // An error after reading parameters is never hidden: they may be Flowloom's (a node the importer mapped), not n8n's.
      cur.params = true;
      return copyOf('params:' + name, function () { return strictParameters(clone(p), name, ''); });
    }
    // Nested values too: a field the node does not hold (a node the importer mapped holds Flowloom's parameters) is named.
    function strictParameters(value, name, path) {
      if (value === null || typeof value !== 'object') return value;
      var top = path === '';
      return new Proxy(value, {
        get: function (target, key) {
          if (typeof key !== 'string' || key === 'toJSON') return target[key];
          var own = Object.prototype.hasOwnProperty.call(target, key);
          if (own) return strictParameters(target[key], name, path + (top ? '' : '.') + key);
          if (!top && key in target) return target[key];
          throw refError("Node '" + name + "' does not set the parameter '" + path + (top ? '' : '.') + key + "' in this workflow, so its value (n8n's default) is not known here.");
        }
      });
    }
    function legacyNode(name, index) {
      knownNode(name);
      function item() {
        var list = outputOf(name);
        if (!upstream[name]) {
          throw refError("Node '" + name + "' is not connected before this node, so $node[\"" + name + "\"] cannot read it: connect it, or read it with $('" + name + "').first().");
        }
        return itemCopy(list, list[index] ? index : 0, 'node:' + name);
      }
      return {
        get json() { var it = item(); return it ? it.json : undefined; },
        get binary() { var it = item(); return it ? it.binary : undefined; },
        get parameter() { return parameters(name); },
        runIndex: 0,
        get context() { return contextOf(name); }
      };
    }
    function legacyNodes(index) {
      return new Proxy({}, {
        get: function (_, name) { return typeof name === 'string' ? legacyNode(name, index) : undefined; },
        has: function (_, name) { return typeof name === 'string' && !!data.nodes[name]; }
      });
    }
    function inputItems() {
      return items.map(function (_, i) { return itemCopy(items, i, 'input'); });
    }
    lazy('$json', function () { var it = itemCopy(items, cur.index, 'input'); return it ? it.json : copyOf('json', function () { return {}; }); });
    lazy('$binary', function () { var it = itemCopy(items, cur.index, 'input'); return (it && it.binary) || {}; });
    lazy('$input', function () {
      return {
        get item() { return itemCopy(items, cur.index, 'input'); },
        all: inputItems,
        first: function () { return itemCopy(items, 0, 'input'); },
        last: function () { return itemCopy(items, items.length - 1, 'input'); },
        get params() { return parameters(data.node.name); },
        // n8n's $input.context is the context of the node the input comes from.
        get context() { return data.prevNode ? contextOf(data.prevNode.name) : {}; }
      };
    });
    lazy('$itemIndex', function () { return cur.index; });
    lazy('$node', function () { return legacyNodes(cur.index); });
    lazy('$parameter', function () { return parameters(data.node.name); });
    g.$ = function (name) { return nodeProxy(name); };
    g.$items = function (name) {
      if (name === undefined) return inputItems();
      var list = outputOf(name);
      return list.map(function (_, i) { return itemCopy(list, i, 'node:' + name); });
    };
    g.$item = function (index) {
      var i = Number(index);
      return {
        get $json() { var it = itemCopy(items, i, 'input'); return it ? it.json : undefined; },
        get $binary() { var it = itemCopy(items, i, 'input'); return it ? it.binary || {} : undefined; },
        $node: legacyNodes(i)
      };
    };
    g.$runIndex = data.runIndex;
    g.$prevNode = data.prevNode || undefined;
    g.$workflow = data.workflow;
    var execution = { id: data.execution.id, mode: data.execution.mode === 'manual' ? 'test' : 'production' };
    // Not listed among the fields (n8n does not list it either); read by name.
    Object.defineProperty(execution, 'resumeUrl', { enumerable: false, value: data.execution.resumeUrl });
    g.$execution = execution;
    g.$resumeWebhookUrl = data.execution.resumeUrl;
    g.$vars = data.vars;
    g.$variables = data.vars;
    g.$env = data.env;
    g.$mode = data.execution.mode;
    g.$nodeVersion = data.node.typeVersion;
    g.$if = function (condition, yes, no) { return condition ? yes : no; };
    g.$ifEmpty = function (value, fallback) {
      if (value === undefined || value === null || value === '') return fallback;
      if (Array.isArray(value) && value.length === 0) return fallback;
      if (typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0 && !(value instanceof RealDate)) return fallback;
      return value;
    };
    g.$min = function () { return Math.min.apply(Math, arguments); };
    g.$max = function () { return Math.max.apply(Math, arguments); };
    // jmespath, compiled in this context on the first call (the host evaluates its source and gives its exports).
    var jmespath;
    g.$jmespath = function $jmespath(data, expression) {
      if (!jmespath) jmespath = host('jmespath', '', 0);
      return jmespath.search(data, expression);
    };
    g.$fromAI = function (key, description, type, fallback) {
      var v = g.$json[key];
      return v === undefined ? fallback : v;
    };

    var compiled = expressions.map(function (e) {
      try {
        return { fn: new Function('return (' + e.code + '\n);'), text: e.text };
      } catch (error) {
        return { error: error, text: e.text };
      }
    });
    function entry(error) {
      var name = 'Error';
      var message = '';
      try {
        name = String(error && error.name !== undefined ? error.name : 'Error');
        message = error && typeof error === 'object' ? String(error.message) : 'a value was thrown: ' + String(error);
      } catch (inner) {
        message = 'an error was thrown that could not be read';
      }
      return { e: message, n: name };
    }
    function text(v) {
      if (v === undefined || v === null) return '';
      return String(v);
    }
    var results = [];
    var size = 2;
    for (var k = 0; k < data.indexes.length; k++) {
      var row = [];
      for (var x = 0; x < compiled.length; x++) {
        var c = compiled[x];
        cur = { index: data.indexes[k], copies: {} };
        if (c.error) {
          row.push(entry(c.error));
          continue;
        }
        try {
          var value = c.fn();
          if (c.text) row.push({ v: text(value) });
          else if (value === undefined) row.push({ u: 1 });
          else if (typeof value === 'function') row.push({ e: 'the expression gives a function: call it with ()', n: 'ExpressionError' });
          else {
            var json = stringify(value);
            row.push(json === undefined ? { u: 1 } : { j: json });
          }
        } catch (error) {
          // A plain JavaScript error gives nothing when the workflow asks for n8n's way; errors about the workflow still fail.
          var failed = entry(error);
          // An unknown name (ReferenceError) is a variable Flowloom does not give, not a fault in the data: it fails.
          var hidden = data.emptyOnError && !cur.params && failed.n !== 'ExpressionError' && failed.n !== 'ExpressionExtensionError';
          if (hidden && failed.n !== 'ReferenceError') {
            row.push(c.text ? { v: '' } : { u: 1 });
          } else row.push(failed);
        }
      }
      var rowText = '[' + row.map(function (r) { return r.j !== undefined ? '{"v":' + r.j + '}' : stringify(r); }).join(',') + ']';
      size += rowText.length + 1;
      if (size > maxChars) return 'L' + size;
      results.push(rowText);
    }
    return 'R[' + results.join(',') + ']';
  };
})()`;
