/**
 * n8n's Code node bindings that reach beyond the input, as JavaScript source
 * evaluated inside QuickJS: `$('Node')` (`all`, `first`, `last`, `item`,
 * `itemMatching`, `isExecuted`), `$node`, `$items()`, `$item()`, Luxon's
 * `DateTime`, `Duration`, `Interval`, `Info`, `luxon`, `$now` and `$today`,
 * and `require` of the host's libraries. It evaluates to
 * `install(global, data, current, loadLibrary, allowedJson, loadLuxon)`,
 * which the prelude calls (see `GUEST_PRELUDE`); `current()` is the index of
 * the item the bindings refer to. Besides `items`, it reads from the data
 * `nodes` (outputs of the nodes the code names), `names` (every node), `ran`
 * (nodes that ran), `upstream` (nodes connected before this one), `now` and
 * `zone` (Luxon's clock and default zone). The runner compiles it only for
 * code that names one of these bindings, so other runs do not pay for it.
 */
export const GUEST_CODE_N8N = String.raw`(function () {
  'use strict';
  var parse = JSON.parse;
  var hasOwn = Object.prototype.hasOwnProperty;
  function quoted(list) {
    return list.map(function (name) { return "'" + name + "'"; }).join(', ');
  }
  function setOf(list) {
    var out = {};
    if (list) for (var i = 0; i < list.length; i++) out[list[i]] = true;
    return out;
  }
  // A global computed on first read, then kept as a plain value the code may also assign.
  function lazy(target, name, get) {
    Object.defineProperty(target, name, {
      configurable: true,
      get: function () {
        var value = get();
        Object.defineProperty(target, name, { value: value, writable: true, configurable: true });
        return value;
      },
    });
  }
  return function install(g, data, current, loadLibrary, allowedJson, loadLuxon) {
    var items = data.items;
    var nodes = data.nodes;
    var names = setOf(data.names);
    var ran = setOf(data.ran);
    var upstream = setOf(data.upstream);
    // Other nodes' outputs: only those named in the code as plain strings were sent (data.nodes).
    function outputOf(name) {
      if (hasOwn.call(nodes, name)) return nodes[name];
      if (data.names && !names[name]) throw new Error("There is no node named '" + name + "' in this workflow.");
      if (data.ran && !ran[name]) throw new Error("Node '" + name + "' has not run before this node in this execution, so it has no output to read.");
      throw new Error("No output from node '" + name + "': write its name as a plain string in the code, such as $('" + name + "'), so that its output is sent into the sandbox.");
    }
    function onlyLastRun(name, branch, run) {
      if (typeof branch === 'number' && branch !== 0) throw new Error("Only the main output of node '" + name + "' can be read here, not output " + branch + '.');
      if (typeof run === 'number' && run !== 0) throw new Error("Only the last run of node '" + name + "' is kept, so run " + run + ' cannot be read.');
    }
    // Items pair as the run recorded where each came from; where it does not know, by position (the same
    // as n8n's item links for nodes that keep their items in order), and a node with one item pairs with every item.
    function pairedItem(name, index) {
      var list = outputOf(name);
      if (data.upstream && !upstream[name]) {
        throw new Error("Node '" + name + "' is not connected before this node, so no item of it pairs with this one: use $('" + name + "').first(), .last() or .all().");
      }
      // The item this one descends from, as the run recorded it (data.paired); else by position.
      var at = data.paired && data.paired[name] ? data.paired[name][index] : -1;
      if (typeof at === 'number' && at >= 0 && at < list.length) return list[at];
      if (list.length === 1) return list[0];
      if (list.length !== items.length || !(index >= 0 && index < list.length)) {
        throw new Error("Node '" + name + "' has no item " + index + ' to pair with this item (it has ' + list.length + ' items, this node ' + items.length + "): use $('" + name + "').first(), .last() or .all().");
      }
      return list[index];
    }
    g.$ = function (name) {
      if (typeof name !== 'string') throw new TypeError("A node is named by its name as text, such as $('Fetch orders').");
      if (data.names && !names[name]) throw new Error("There is no node named '" + name + "' in this workflow.");
      var api = {
        all: function (branch, run) {
          onlyLastRun(name, branch, run);
          return outputOf(name);
        },
        first: function (branch, run) {
          onlyLastRun(name, branch, run);
          return outputOf(name)[0];
        },
        last: function (branch, run) {
          onlyLastRun(name, branch, run);
          var list = outputOf(name);
          return list[list.length - 1];
        },
        itemMatching: function (index) {
          return pairedItem(name, Number(index));
        },
        pairedItem: function (index) {
          return pairedItem(name, index === undefined ? current() : Number(index));
        },
        isExecuted: data.ran ? !!ran[name] : hasOwn.call(nodes, name),
      };
      Object.defineProperty(api, 'item', { enumerable: true, get: function () { return pairedItem(name, current()); } });
      return api;
    };
    // $node['Name']: the item at the index the bindings refer to (else the first), as n8n's legacy syntax.
    function legacyNodes(index) {
      var out = {};
      Object.keys(nodes).forEach(function (name) {
        Object.defineProperty(out, name, {
          enumerable: true,
          get: function () {
            var list = nodes[name];
            var item = list[index < list.length ? index : 0];
            return { json: item ? item.json : {}, binary: item ? item.binary : undefined, items: list, runIndex: 0 };
          },
        });
      });
      return out;
    }
    Object.defineProperty(g, '$node', { configurable: true, get: function () { return legacyNodes(current()); } });
    g.$items = function (name, branch, run) {
      if (name === undefined) return items;
      onlyLastRun(name, branch, run);
      return outputOf(name);
    };
    g.$item = function (index) {
      var i = Number(index);
      return { $json: items[i] ? items[i].json : undefined, $binary: items[i] ? items[i].binary : undefined, $node: legacyNodes(i) };
    };

    // Luxon, compiled the first time the code reads one of these (the runner sends it when the code names one).
    var luxon;
    function lx() {
      if (!luxon) {
        if (!loadLuxon) throw new Error('Luxon is loaded when the code names DateTime, Duration, Interval, Info, $now or $today.');
        luxon = loadLuxon();
        luxon.Settings.now = function () { return data.now === undefined ? Date.now() : data.now; };
        if (data.zone) luxon.Settings.defaultZone = data.zone;
      }
      return luxon;
    }
    lazy(g, 'luxon', lx);
    lazy(g, 'DateTime', function () { return lx().DateTime; });
    lazy(g, 'Duration', function () { return lx().Duration; });
    lazy(g, 'Interval', function () { return lx().Interval; });
    lazy(g, 'Info', function () { return lx().Info; });
    lazy(g, '$now', function () { return lx().DateTime.now(); });
    lazy(g, '$today', function () { return lx().DateTime.now().startOf('day'); });

    // require: only the host's libraries, each evaluated on first use and kept for the run.
    var allowed = allowedJson ? parse(allowedJson) : [];
    var modules = {};
    function require(name) {
      if (typeof name !== 'string') throw new TypeError("require() takes a module name as text, such as require('lodash').");
      if (hasOwn.call(modules, name)) return modules[name].exports;
      if (allowed.indexOf(name) < 0) {
        var refused = new Error("Module '" + name + "' is not allowed by the host: a Code node may require only " + quoted(allowed) + '.');
        refused.code = 'MODULE_NOT_ALLOWED';
        throw refused;
      }
      var factory = loadLibrary(name);
      if (typeof factory !== 'function') {
        throw new Error("Module '" + name + "' is allowed by the host, but is sent into the sandbox only when the code names it in a plain string: write require('" + name + "').");
      }
      var module = { exports: {}, id: name, loaded: false };
      modules[name] = module;
      try {
        factory.call(module.exports, module, module.exports, require, g);
      } catch (e) {
        delete modules[name];
        throw e;
      }
      module.loaded = true;
      return module.exports;
    }
    // Without libraries there is no require at all, as in any sandbox with no modules (typeof require is 'undefined').
    if (allowed.length > 0) g.require = require;
  };
})()`;
