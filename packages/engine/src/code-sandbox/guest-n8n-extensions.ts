/**
 * n8n's extension functions on values (`x.isEmpty()`, `x.extractEmail()`,
 * `$now.plus(1, 'day')`...), as JavaScript source evaluated inside QuickJS
 * before an n8n expression runs. It evaluates to `install(host, luxon)`,
 * which returns the dispatcher `$$x(value, name, optional)`: expressions call
 * it for every call of an extension name (see `prepareJs`), and it answers
 * with the function for the value's type, else the value's own method of
 * that name. Written from n8n's documented behaviour and checked against
 * n8n's values (`n8n/goldens/`).
 */
export const GUEST_N8N_EXTENSIONS = String.raw`(function () {
  'use strict';
  var EMAIL = /[\w.!#$%&'*+\/=?^\x60{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+/;
  var URL_RE = /https?:\/\/(?:www\.)?[-a-zA-Z0-9@:%._+~#=]{1,256}\.[a-zA-Z0-9()]{1,6}\b(?:[-a-zA-Z0-9()@:%_+.~#?&\/=]*)/;
  var DOMAIN = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,}$/;
  function fail(message) {
    var e = new Error(message);
    e.name = 'ExpressionExtensionError';
    throw e;
  }
  function isPlainObject(v) { return v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date); }
  function emptyValue(v) {
    if (v === null || v === undefined || v === '') return true;
    if (Array.isArray(v)) return v.length === 0;
    if (isPlainObject(v) && !isDateTime(v)) return Object.keys(v).length === 0;
    return false;
  }
  var luxonApi;
  var hostCall;
  function isDateTime(v) { return v !== null && typeof v === 'object' && v.isLuxonDateTime === true; }
  function words(s) {
    return String(s).replace(/([a-z0-9])([A-Z])/g, '$1 $2').split(/[^A-Za-z0-9\u00C0-\uFFFF]+/).filter(function (w) { return w !== ''; });
  }
  function utf8Bytes(s) { return unescape(encodeURIComponent(s)); }
  function toNum(v, name) {
    var n = Number(v);
    if (typeof v === 'string' && v.trim() === '') fail(name + '() cannot convert an empty text to a number');
    if (isNaN(n)) fail('cannot convert to number');
    return n;
  }
  var UNITS = {
    year: 'years', years: 'years', y: 'years', quarter: 'quarters', quarters: 'quarters', q: 'quarters',
    month: 'months', months: 'months', M: 'months', week: 'weeks', weeks: 'weeks', w: 'weeks',
    day: 'days', days: 'days', d: 'days', hour: 'hours', hours: 'hours', h: 'hours',
    minute: 'minutes', minutes: 'minutes', m: 'minutes', second: 'seconds', seconds: 'seconds', s: 'seconds',
    millisecond: 'milliseconds', milliseconds: 'milliseconds', ms: 'milliseconds'
  };
  function unitOf(u, fallback) {
    var unit = UNITS[u === undefined ? fallback : u];
    if (!unit) fail('Unknown unit: ' + u);
    return unit;
  }
  function dt(v) {
    var L = luxonApi();
    if (isDateTime(v)) return v;
    if (v instanceof Date) return L.DateTime.fromJSDate(v);
    if (typeof v === 'number') return L.DateTime.fromMillis(v);
    return textToDateTime(String(v));
  }
  function textToDateTime(s, format) {
    var L = luxonApi();
    if (format !== undefined) return L.DateTime.fromFormat(s, format);
    var tries = [L.DateTime.fromISO, L.DateTime.fromRFC2822, L.DateTime.fromHTTP, L.DateTime.fromSQL];
    for (var i = 0; i < tries.length; i++) {
      var d = tries[i].call(L.DateTime, s, { setZone: true });
      if (d.isValid) return d;
    }
    var ms = Date.parse(s);
    if (!isNaN(ms)) return L.DateTime.fromMillis(ms);
    var n = Number(s);
    if (s.trim() !== '' && !isNaN(n)) return L.DateTime.fromMillis(n);
    return L.DateTime.invalid('could not be read as a date');
  }
  function plusMinus(sign) {
    return function (d, n, unit) {
      var L = luxonApi();
      if (typeof n === 'object' && n !== null) return sign > 0 ? d.plus(n) : d.minus(n);
      var duration = {};
      duration[unitOf(unit, 'milliseconds')] = Number(n);
      return sign > 0 ? d.plus(L.Duration.fromObject(duration)) : d.minus(L.Duration.fromObject(duration));
    };
  }
  var PARTS = {
    year: 'year', years: 'year', quarter: 'quarter', month: 'month', months: 'month', week: 'weekNumber', weekNumber: 'weekNumber',
    day: 'day', days: 'day', weekday: 'weekday', hour: 'hour', hours: 'hour', minute: 'minute',
    minutes: 'minute', second: 'second', seconds: 'second', millisecond: 'millisecond', milliseconds: 'millisecond'
  };
  var dateFns = {
    beginningOf: function (d, unit) { return d.startOf(unitOf(unit, 'week').replace(/s$/, '')); },
    endOfMonth: function (d) { return d.endOf('month'); },
    extract: function (d, part) {
      var name = part === undefined ? 'week' : String(part);
      return d.get(PARTS[name] || name);
    },
    format: function (d, fmt) { return d.toFormat(fmt); },
    isBetween: function (d, a, b) {
      var x = dt(a).toMillis(), y = dt(b).toMillis(), t = d.toMillis();
      return t > Math.min(x, y) && t < Math.max(x, y);
    },
    isDst: function (d) { return d.isInDST; },
    isInLast: function (d, n, unit) {
      var L = luxonApi();
      var now = L.DateTime.now();
      var o = {};
      o[unitOf(unit, 'minutes')] = n === undefined ? 0 : Number(n);
      return d >= now.minus(o) && d <= now;
    },
    isWeekend: function (d) { return d.weekday === 6 || d.weekday === 7; },
    minus: plusMinus(-1),
    plus: plusMinus(1),
    diffTo: function (d, other, unit) {
      var units = Array.isArray(unit) ? unit.map(function (u) { return unitOf(u); }) : unitOf(unit, 'days');
      var diff = d.diff(dt(other), units).toObject();
      return Array.isArray(unit) ? diff : diff[units];
    },
    diffToNow: function (d, unit) {
      return dateFns.diffTo(d, luxonApi().DateTime.now(), unit);
    },
    toDateTime: function (d) { return d; },
    toInt: function (d) { return d.toMillis(); },
    toFloat: function (d) { return d.toMillis(); },
    toBoolean: function () { return false; },
    isEmpty: function () { return false; },
    isNotEmpty: function () { return true; },
    toJsonString: function (d) { return JSON.stringify(d); }
  };
  function jsDateFns() {
    var out = {};
    Object.keys(dateFns).forEach(function (k) {
      out[k] = function (date) {
        var args = [dt(date)];
        for (var i = 1; i < arguments.length; i++) args.push(arguments[i]);
        return dateFns[k].apply(undefined, args);
      };
    });
    out.toJsonString = function (d) { return JSON.stringify(d); };
    return out;
  }
  var stringFns = {
    base64Encode: function (s) { return btoa(utf8Bytes(s)); },
    base64Decode: function (s) { return decodeURIComponent(escape(atob(s))); },
    extractDomain: function (s) {
      var t = s.trim();
      var email = EMAIL.exec(t);
      if (email && email[0] === t) return t.split('@')[1];
      var m = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@\/\s]*@)?([^:\/?#\s]+)/i.exec(t);
      if (m) return m[1];
      m = /^([^:\/?#\s]+)/.exec(t);
      return m && DOMAIN.test(m[1]) ? m[1] : undefined;
    },
    length: function (s) { return s.length; },
    extractEmail: function (s) { var m = EMAIL.exec(s); return m ? m[0] : undefined; },
    extractUrl: function (s) { var m = URL_RE.exec(s); return m ? m[0] : undefined; },
    extractUrlPath: function (s) {
      var m = /^[a-z][a-z0-9+.-]*:\/\/[^\/?#]*(\/[^?#]*)?/i.exec(s);
      return m ? m[1] || '/' : undefined;
    },
    hash: function (s, algo) {
      var a = (algo === undefined ? 'md5' : String(algo)).toLowerCase();
      var out = hostCall('hash', a, s);
      if (out.charAt(0) === 'E') fail(out.slice(1));
      return out.slice(1);
    },
    isDomain: function (s) { return DOMAIN.test(s); },
    isEmail: function (s) { var m = EMAIL.exec(s); return !!m && m[0] === s; },
    isEmpty: function (s) { return s === ''; },
    isNotEmpty: function (s) { return s !== ''; },
    isBlank: function (s) { return s.trim() === ''; },
    isNotBlank: function (s) { return s.trim() !== ''; },
    isNumeric: function (s) { return s.trim() !== '' && !isNaN(parseFloat(s)) && isFinite(Number(s)); },
    isUrl: function (s) { var m = URL_RE.exec(s); return !!m && m[0] === s; },
    parseJson: function (s) {
      try {
        return JSON.parse(s);
      } catch (e) {
        return fail('parseJson(): the text is not JSON (' + e.message + ')');
      }
    },
    quote: function (s, mark) {
      var q = mark === undefined ? '"' : String(mark);
      return q + s.split('\\').join('\\\\').split(q).join('\\' + q) + q;
    },
    removeMarkdown: function (s) {
      return s
        .replace(/^\s{0,3}#{1,6}\s+/gm, '')
        .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
        .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
        .replace(/(\*\*|__)(.*?)\1/g, '$2')
        .replace(/(\*|_)(.*?)\1/g, '$2')
        .replace(/~~(.*?)~~/g, '$1')
        .replace(/\x60{3}[^\n]*\n?([\s\S]*?)\x60{3}/g, '$1')
        .replace(/\x60([^\x60]*)\x60/g, '$1')
        .replace(/^\s*>\s?/gm, '')
        .replace(/^\s*[-*+]\s+/gm, '')
        .replace(/^\s*\d+\.\s+/gm, '')
        .replace(/^\s*([-*_]\s*){3,}$/gm, '');
    },
    removeTags: function (s) { return s.replace(/<[^>]*>?/gm, ''); },
    replaceSpecialChars: function (s) { return s.normalize('NFD').replace(/[\u0300-\u036f]/g, ''); },
    toBoolean: function (s) {
      var t = s.trim().toLowerCase();
      return !(t === '' || t === 'false' || t === 'no' || t === '0' || t === 'off');
    },
    toDate: function (s) { return dt(s).toJSDate(); },
    toDateTime: function (s, format) {
      var d = textToDateTime(s, format);
      return d;
    },
    toDecimalNumber: function (s) { return parseFloat(s); },
    toFloat: function (s) { return parseFloat(s); },
    toInt: function (s) { return parseInt(s, 10); },
    toWholeNumber: function (s) { return parseInt(s, 10); },
    toNumber: function (s) { return toNum(s, 'toNumber'); },
    toSentenceCase: function (s) {
      return s.toLowerCase().replace(/(^\s*|[.!?]\s+)(\S)/g, function (m, p, l) { return p + l.toUpperCase(); });
    },
    toSnakeCase: function (s) { return words(s).map(function (w) { return w.toLowerCase(); }).join('_'); },
    toTitleCase: function (s) {
      return s.replace(/\S+/g, function (w) { return w.charAt(0).toUpperCase() + w.slice(1).toLowerCase(); });
    },
    urlDecode: function (s, all) { return all ? decodeURI(s) : decodeURIComponent(s); },
    urlEncode: function (s, all) { return all ? encodeURI(s) : encodeURIComponent(s); },
    toJsonString: function (s) { return JSON.stringify(s); }
  };
  function numbersOf(list) {
    return list.filter(function (v) { return typeof v === 'number' || (typeof v === 'string' && v.trim() !== '' && !isNaN(Number(v))); }).map(Number);
  }
  function allNumbers(list, name) {
    var n = numbersOf(list);
    if (n.length !== list.length) fail(name + '(): every element must be a number');
    return n;
  }
  function uniqueBy(list, fields) {
    var seen = [];
    var out = [];
    list.forEach(function (v) {
      var key = JSON.stringify(fields.length > 0 && isPlainObject(v) ? fields.map(function (f) { return v[f]; }) : v);
      if (seen.indexOf(key) === -1) {
        seen.push(key);
        out.push(v);
      }
    });
    return out;
  }
  function has(list, v) { var key = JSON.stringify(v); return list.some(function (x) { return JSON.stringify(x) === key; }); }
  var arrayFns = {
    append: function (list) { return list.concat(Array.prototype.slice.call(arguments, 1)); },
    average: function (list) {
      var n = allNumbers(list, 'average');
      return n.length === 0 ? 0 : n.reduce(function (a, b) { return a + b; }, 0) / n.length;
    },
    chunk: function (list, size) { var out = []; for (var i = 0; i < list.length; i += size) out.push(list.slice(i, i + size)); return out; },
    compact: function (list) { return list.filter(function (v) { return v !== null && v !== undefined && v !== '' && !(typeof v === 'number' && isNaN(v)); }); },
    difference: function (list, other) { return uniqueBy(list.filter(function (v) { return !has(other, v); }), []); },
    first: function (list) { return list[0]; },
    intersection: function (list, other) { return uniqueBy(list.filter(function (v) { return has(other, v); }), []); },
    isEmpty: function (list) { return list.length === 0; },
    isNotEmpty: function (list) { return list.length > 0; },
    last: function (list) { return list[list.length - 1]; },
    max: function (list) { return Math.max.apply(Math, allNumbers(list, 'max')); },
    min: function (list) { return Math.min.apply(Math, allNumbers(list, 'min')); },
    merge: function (list, other) {
      var out = {};
      list.concat(other || []).forEach(function (v) {
        if (isPlainObject(v)) Object.keys(v).forEach(function (k) { if (!(k in out)) out[k] = v[k]; });
      });
      return out;
    },
    pluck: function (list) {
      var fields = Array.prototype.slice.call(arguments, 1);
      return list.filter(isPlainObject).map(function (v) {
        if (fields.length === 1) return v[fields[0]];
        if (fields.length === 0) return v;
        return fields.map(function (f) { return v[f]; });
      }).filter(function (v) { return v !== undefined; });
    },
    randomItem: function (list) { return list[Math.floor(Math.random() * list.length)]; },
    removeDuplicates: function (list) { return uniqueBy(list, Array.prototype.slice.call(arguments, 1)); },
    unique: function (list) { return uniqueBy(list, Array.prototype.slice.call(arguments, 1)); },
    renameKeys: function (list) {
      var pairs = Array.prototype.slice.call(arguments, 1);
      return list.map(function (v) {
        if (!isPlainObject(v)) return v;
        var o = {};
        Object.keys(v).forEach(function (k) { o[k] = v[k]; });
        // A renamed field moves to the end, as n8n's does.
        for (var i = 0; i + 1 < pairs.length; i += 2) {
          if (!Object.prototype.hasOwnProperty.call(o, pairs[i])) continue;
          var value = o[pairs[i]];
          delete o[pairs[i]];
          o[pairs[i + 1]] = value;
        }
        return o;
      });
    },
    smartJoin: function (list, keyField, valueField) {
      var out = {}; list.forEach(function (v) { if (isPlainObject(v) && keyField in v) out[v[keyField]] = v[valueField]; }); return out;
    },
    sum: function (list) { return allNumbers(list, 'sum').reduce(function (a, b) { return a + b; }, 0); },
    union: function (list, other) { return uniqueBy(list.concat(other || []), []); },
    toJsonString: function (list) { return JSON.stringify(list); },
    toBoolean: function (list) { return list.length > 0; },
    length: function (list) { return list.length; }
  };
  var objectFns = {
    compact: function (o) {
      var out = {}; Object.keys(o).forEach(function (k) { var v = o[k]; if (v !== null && v !== undefined && v !== '') out[k] = v; }); return out;
    },
    hasField: function (o, name) { return Object.prototype.hasOwnProperty.call(o, name); },
    isEmpty: function (o) { return Object.keys(o).length === 0; },
    isNotEmpty: function (o) { return Object.keys(o).length > 0; },
    keepFieldsContaining: function (o, text) {
      var out = {}; Object.keys(o).forEach(function (k) { if (typeof o[k] === 'string' && o[k].indexOf(text) !== -1) out[k] = o[k]; }); return out;
    },
    keys: function (o) { return Object.keys(o); },
    values: function (o) { return Object.keys(o).map(function (k) { return o[k]; }); },
    removeField: function (o, name) { var out = {}; Object.keys(o).forEach(function (k) { if (k !== name) out[k] = o[k]; }); return out; },
    removeFieldsContaining: function (o, text) {
      var out = {}; Object.keys(o).forEach(function (k) { if (!(typeof o[k] === 'string' && o[k].indexOf(text) !== -1)) out[k] = o[k]; }); return out;
    },
    toJsonString: function (o) { return JSON.stringify(o); },
    urlEncode: function (o) {
      // Form encoding, as URLSearchParams writes it: a space is +.
      function form(x) {
        return encodeURIComponent(String(x)).replace(/%20/g, '+').replace(/[!'()~]/g, function (c) {
          return '%' + c.charCodeAt(0).toString(16).toUpperCase();
        });
      }
      return Object.keys(o).map(function (k) { return form(k) + '=' + form(o[k]); }).join('&');
    },
    toBoolean: function (o) { return Object.keys(o).length > 0; }
  };
  var numberFns = {
    abs: function (n) { return Math.abs(n); },
    ceil: function (n) { return Math.ceil(n); },
    floor: function (n) { return Math.floor(n); },
    format: function (n, locales, options) { return new Intl.NumberFormat(locales, options).format(n); },
    isEven: function (n) { if (!Number.isInteger(n)) fail('isEven() works on whole numbers'); return n % 2 === 0; },
    isOdd: function (n) { if (!Number.isInteger(n)) fail('isOdd() works on whole numbers'); return Math.abs(n % 2) === 1; },
    isInteger: function (n) { return Number.isInteger(n); },
    round: function (n, digits) {
      var d = digits === undefined ? 0 : Number(digits);
      var f = Math.pow(10, d);
      // Half away from zero: -7.5 rounds to -8.
      return (n < 0 ? -Math.round(-n * f) : Math.round(n * f)) / f;
    },
    toBoolean: function (n) { return n !== 0; },
    toDateTime: function (n, format) {
      var L = luxonApi();
      if (format === 's') return L.DateTime.fromSeconds(n);
      if (format === 'excel') return L.DateTime.fromMillis(Math.round((n - 25569) * 86400000), { zone: 'UTC' }).setZone(L.Settings.defaultZone);
      return L.DateTime.fromMillis(n);
    },
    toFloat: function (n) { return n; },
    toInt: function (n) { return Math.trunc(n); },
    toNumber: function (n) { return n; },
    isEmpty: function () { return false; },
    isNotEmpty: function () { return true; }
  };
  var booleanFns = {
    toBoolean: function (b) { return b; }, toInt: function (b) { return b ? 1 : 0; }, toFloat: function (b) { return b ? 1 : 0; },
    toNumber: function (b) { return b ? 1 : 0; }, isEmpty: function () { return false; }, isNotEmpty: function () { return true; }
  };
  /** What an extension name means on a missing value. */
  var nullishFns = { isEmpty: function () { return true; }, isNotEmpty: function () { return false; } };
  var dates;
  function tableOf(v) {
    if (typeof v === 'string') return stringFns;
    if (typeof v === 'number') return numberFns;
    if (typeof v === 'boolean') return booleanFns;
    if (Array.isArray(v)) return arrayFns;
    if (v instanceof Date) return dates || (dates = jsDateFns());
    if (isDateTime(v)) return dateFns;
    if (typeof v === 'object') return objectFns;
    return undefined;
  }
  function describe(v) {
    if (v === null) return 'null';
    if (Array.isArray(v)) return 'a list';
    return typeof v === 'object' ? 'an object' : 'a ' + typeof v;
  }
  return function install(host, luxon) {
    hostCall = host;
    luxonApi = luxon;
    return function $$x(value, name, optional) {
      if (value === null || value === undefined) {
        if (optional) return function () { return undefined; };
        var onMissing = nullishFns[name];
        if (onMissing) return onMissing;
        fail(name + "() can't be used on " + (value === null ? 'null' : 'an undefined value') + ': the value it is called on is missing');
      }
      var table = tableOf(value);
      var fn = table && Object.prototype.hasOwnProperty.call(table, name) ? table[name] : undefined;
      if (fn) {
        return function () {
          var args = [value];
          for (var i = 0; i < arguments.length; i++) args.push(arguments[i]);
          return fn.apply(undefined, args);
        };
      }
      var own = value[name];
      if (typeof own === 'function') return own.bind(value);
      fail(name + '() is not a function of ' + describe(value));
    };
  };
})()`;
