/**
 * `URL` and `URLSearchParams` for the guest, which QuickJS lacks, as source
 * text. It evaluates to `install(host)`, which defines both as globals.
 *
 * The guest objects only hold data: a URL holds the record of its parts the
 * host made, a `URLSearchParams` its list of pairs and its serialization.
 * Parsing, every setter and every change to a list are done by the host's
 * own `URL` and `URLSearchParams` (see `url-bridge.ts`), one call each, so
 * the results are the WHATWG URL standard as the platform implements it.
 * Reading (`get`, `has`, iteration, the getters) needs no call.
 * Text crosses as JSON with every surrogate escaped, so U+0000 and lone
 * surrogates arrive intact. Arguments are converted to strings here, as
 * Web IDL's USVString does (lone surrogates become U+FFFD), since the host
 * never sees a guest object. `url.searchParams` stays the same object and
 * in step with the URL both ways, as the standard says.
 */
export const GUEST_URL = String.raw`(function () {
  'use strict';
  return function install(host) {
    var g = globalThis;
    var SURROGATE = /[\ud800-\udfff]/g;
    var LONE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
    function escapeUnit(c) { return '\\u' + c.charCodeAt(0).toString(16); }
    function call(op, data) {
      var out = host(op, JSON.stringify(data).replace(SURROGATE, escapeUnit), 0);
      if (out.charAt(0) === 'E') throw new TypeError(out.slice(1));
      return JSON.parse(out.slice(1));
    }
    function usv(value) {
      if (typeof value === 'symbol') throw new TypeError('Cannot convert a Symbol value to a string');
      return String(value).replace(LONE, '\ufffd');
    }
    function need(args, count, what) {
      if (args.length < count) throw new TypeError(what + ': ' + count + ' argument' + (count > 1 ? 's' : '') + ' required, but only ' + args.length + ' present');
    }
    function define(target, key, value) {
      Object.defineProperty(target, key, { value: value, writable: true, enumerable: true, configurable: true });
    }
    function accessor(target, key, get, set) {
      Object.defineProperty(target, key, { get: get, set: set, enumerable: true, configurable: true });
    }
    function tag(target, name) {
      Object.defineProperty(target, Symbol.toStringTag, { value: name, configurable: true });
    }

    var urls = new WeakMap();
    var lists = new WeakMap();
    function urlOf(self) {
      var s = urls.get(self);
      if (!s) throw new TypeError("Value of 'this' must be of type URL");
      return s;
    }
    function listOf(self) {
      var s = lists.get(self);
      if (!s) throw new TypeError("Value of 'this' must be of type URLSearchParams");
      return s;
    }

    // A URL's state: r, the host's record (href, the parts, q: its searchParams' serialization, p: their pairs).
    function URL(url, base) {
      if (!new.target) throw new TypeError("Class constructor URL cannot be invoked without 'new'");
      need(arguments, 1, "Failed to construct 'URL'");
      var input = [usv(url)];
      if (base !== undefined) input.push(usv(base));
      urls.set(this, { r: call('url.parse', input), params: undefined });
    }
    define(URL, 'canParse', function canParse(url, base) {
      need(arguments, 1, "Failed to execute 'canParse' on 'URL'");
      var input = [usv(url)];
      if (base !== undefined) input.push(usv(base));
      return call('url.check', input);
    });
    // Members in Node's order, which is what for-in over a URL shows.
    define(URL.prototype, 'toString', function toString() { return urlOf(this).r.href; });
    ['href', 'origin', 'protocol', 'username', 'password', 'host', 'hostname', 'port', 'pathname', 'search', 'searchParams', 'hash'].forEach(function (name) {
      if (name === 'searchParams') return accessor(URL.prototype, name, searchParams);
      var set = name === 'origin' ? undefined : function (value) {
        need(arguments, 1, "Failed to set the '" + name + "' property on 'URL'");
        var s = urlOf(this);
        s.r = call('url.set', [s.r.href, name, usv(value)]);
      };
      accessor(URL.prototype, name, function () { return urlOf(this).r[name]; }, set);
    });
    function searchParams() {
      var s = urlOf(this);
      if (!s.params) {
        s.params = Object.create(URLSearchParams.prototype);
        lists.set(s.params, { url: s });
      }
      return s.params;
    }
    define(URL.prototype, 'toJSON', function toJSON() { return urlOf(this).r.href; });
    tag(URL.prototype, 'URL');

    // A list's state: the URL's state it belongs to, or its own text (serialization) and pairs.
    function pairsOf(s) { return s.url ? s.url.r.p : s.pairs; }
    function change(self, method, args) {
      var s = listOf(self);
      if (s.url) {
        s.url.r = call('url.params', [s.url.r.href, method, args]);
      } else {
        var out = call('url.list', [{ text: s.text }, method, args]);
        s.text = out.q;
        s.pairs = out.p;
      }
    }
    function pairsFrom(init, method) {
      if (typeof method !== 'function') throw new TypeError("Failed to construct 'URLSearchParams': The object must have a callable @@iterator property.");
      var pairs = [];
      var iterator = method.call(init);
      for (var step = iterator.next(); !step.done; step = iterator.next()) {
        var pair = step.value;
        if (pair === null || (typeof pair !== 'object' && typeof pair !== 'function') || typeof pair[Symbol.iterator] !== 'function')
          throw new TypeError("Failed to construct 'URLSearchParams': The provided value cannot be converted to a sequence.");
        var values = Array.from(pair);
        if (values.length !== 2) throw new TypeError("Failed to construct 'URLSearchParams': Sequence initializer must only contain pair elements");
        pairs.push([usv(values[0]), usv(values[1])]);
      }
      return pairs;
    }
    function recordFrom(init) {
      var pairs = [];
      var index = {};
      Reflect.ownKeys(init).forEach(function (key) {
        var desc = Object.getOwnPropertyDescriptor(init, key);
        if (!desc || !desc.enumerable) return;
        var name = usv(key);
        var value = usv(init[key]);
        if (Object.prototype.hasOwnProperty.call(index, name)) pairs[index[name]][1] = value;
        else {
          index[name] = pairs.length;
          pairs.push([name, value]);
        }
      });
      return pairs;
    }
    function URLSearchParams(init) {
      if (!new.target) throw new TypeError("Class constructor URLSearchParams cannot be invoked without 'new'");
      var source;
      if (init === undefined) source = { text: '' };
      else if (init !== null && (typeof init === 'object' || typeof init === 'function')) {
        var method = init[Symbol.iterator];
        source = { pairs: method === undefined || method === null ? recordFrom(init) : pairsFrom(init, method) };
      } else source = { text: usv(init) };
      var out = call('url.list', [source, null, []]);
      lists.set(this, { text: out.q, pairs: out.p });
    }
    var P = URLSearchParams.prototype;
    define(P, 'append', function append(name, value) {
      need(arguments, 2, "Failed to execute 'append' on 'URLSearchParams'");
      change(this, 'append', [usv(name), usv(value)]);
    });
    define(P, 'delete', function (name, value) {
      need(arguments, 1, "Failed to execute 'delete' on 'URLSearchParams'");
      change(this, 'delete', value === undefined ? [usv(name)] : [usv(name), usv(value)]);
    });
    define(P, 'get', function get(name) {
      need(arguments, 1, "Failed to execute 'get' on 'URLSearchParams'");
      var n = usv(name);
      var pairs = pairsOf(listOf(this));
      for (var i = 0; i < pairs.length; i++) if (pairs[i][0] === n) return pairs[i][1];
      return null;
    });
    define(P, 'getAll', function getAll(name) {
      need(arguments, 1, "Failed to execute 'getAll' on 'URLSearchParams'");
      var n = usv(name);
      return pairsOf(listOf(this)).filter(function (pair) { return pair[0] === n; }).map(function (pair) { return pair[1]; });
    });
    define(P, 'has', function has(name, value) {
      need(arguments, 1, "Failed to execute 'has' on 'URLSearchParams'");
      var n = usv(name);
      var v = value === undefined ? undefined : usv(value);
      return pairsOf(listOf(this)).some(function (pair) { return pair[0] === n && (v === undefined || pair[1] === v); });
    });
    define(P, 'set', function set(name, value) {
      need(arguments, 2, "Failed to execute 'set' on 'URLSearchParams'");
      change(this, 'set', [usv(name), usv(value)]);
    });
    define(P, 'sort', function sort() {
      change(this, 'sort', []);
    });
    define(P, 'forEach', function forEach(callback, thisArg) {
      var s = listOf(this);
      if (typeof callback !== 'function') throw new TypeError("Failed to execute 'forEach' on 'URLSearchParams': parameter 1 is not of type 'Function'.");
      // The list is read again at every step, so changes made by the callback are seen, as the standard says.
      for (var i = 0; i < pairsOf(s).length; i++) {
        var pair = pairsOf(s)[i];
        callback.call(thisArg, pair[1], pair[0], this);
      }
    });
    define(P, 'toString', function toString() {
      var s = listOf(this);
      return s.url ? s.url.r.q : s.text;
    });
    accessor(P, 'size', function () { return pairsOf(listOf(this)).length; });

    var IteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()));
    var ListIterator = Object.create(IteratorPrototype);
    var iterators = new WeakMap();
    define(ListIterator, 'next', function next() {
      var it = iterators.get(this);
      if (!it) throw new TypeError("Value of 'this' must be of type URLSearchParamsIterator");
      var pairs = pairsOf(it.list);
      if (it.index >= pairs.length) return { value: undefined, done: true };
      var pair = pairs[it.index++];
      return { value: it.kind === 'key' ? pair[0] : it.kind === 'value' ? pair[1] : [pair[0], pair[1]], done: false };
    });
    tag(ListIterator, 'URLSearchParams Iterator');
    function iterate(kind) {
      return function () {
        var it = Object.create(ListIterator);
        iterators.set(it, { list: listOf(this), kind: kind, index: 0 });
        return it;
      };
    }
    define(P, 'keys', iterate('key'));
    define(P, 'values', iterate('value'));
    define(P, 'entries', iterate('entry'));
    Object.defineProperty(P, Symbol.iterator, { value: P.entries, writable: true, configurable: true });
    tag(P, 'URLSearchParams');

    [URL, URLSearchParams].forEach(function (ctor) {
      Object.defineProperty(ctor.prototype, 'constructor', { value: ctor, writable: true, configurable: true });
      Object.defineProperty(g, ctor.name, { value: ctor, writable: true, configurable: true });
    });
  };
})()`;

/** Names that make a run install the guest's `URL` and `URLSearchParams` (compiled only when code names one). */
export const URL_NAMES = /\bURL(?:SearchParams)?\b/;
