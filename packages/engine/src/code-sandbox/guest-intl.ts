/**
 * `Intl` for the guest, which QuickJS lacks: `DateTimeFormat`, `NumberFormat`,
 * `RelativeTimeFormat`, `PluralRules` and `Locale`, each answered by the
 * host's own `Intl` through one host function that takes and returns text
 * (see `intl-bridge.ts`), so time zones and locale formats are the platform's.
 * Also `Date.prototype.toLocale*String` and `Number.prototype.toLocaleString`.
 * It evaluates to `install(host)`.
 */
export const GUEST_INTL = String.raw`(function () {
  'use strict';
  return function install(host) {
    function call(op, key, value) {
      var out = host(op, key, value === undefined ? 0 : value);
      if (out.charAt(0) === 'E') {
        var e = new RangeError(out.slice(1));
        throw e;
      }
      return out.slice(1);
    }
    function make(kind, methods) {
      function Ctor(locales, options) {
        if (!(this instanceof Ctor)) return new Ctor(locales, options);
        this.key = JSON.stringify([kind, locales === undefined ? null : locales, options === undefined ? null : options]);
        call('check', this.key);
      }
      Object.keys(methods).forEach(function (name) {
        Object.defineProperty(Ctor.prototype, name, { value: methods[name], writable: true, configurable: true });
      });
      Ctor.prototype.resolvedOptions = function () {
        return JSON.parse(call('resolved', this.key));
      };
      Ctor.supportedLocalesOf = function (locales) {
        return JSON.parse(call('supported', JSON.stringify([kind, locales === undefined ? null : locales, null])));
      };
      return Ctor;
    }
    function millis(date) {
      var t = date === undefined ? Date.now() : +date;
      if (isNaN(t)) throw new RangeError('Invalid time value');
      return t;
    }
    var DateTimeFormat = make('DateTimeFormat', {
      format: function (date) { return call('format', this.key, millis(date)); },
      formatToParts: function (date) { return JSON.parse(call('parts', this.key, millis(date))); }
    });
    var NumberFormat = make('NumberFormat', {
      format: function (n) { return call('format', this.key, Number(n)); },
      formatToParts: function (n) { return JSON.parse(call('parts', this.key, Number(n))); }
    });
    var RelativeTimeFormat = make('RelativeTimeFormat', {
      format: function (n, unit) { return call('relative', JSON.stringify([this.key, String(unit)]), Number(n)); },
      formatToParts: function (n, unit) { return JSON.parse(call('relativeParts', JSON.stringify([this.key, String(unit)]), Number(n))); }
    });
    var PluralRules = make('PluralRules', {
      select: function (n) { return call('select', this.key, Number(n)); }
    });
    var Locale = make('Locale', {});
    Object.defineProperty(Locale.prototype, 'baseName', { get: function () { return this.resolvedOptions().baseName; } });
    Locale.prototype.getWeekInfo = function () { return JSON.parse(call('week', this.key)); };
    Object.defineProperty(Locale.prototype, 'weekInfo', { get: function () { return this.getWeekInfo(); } });
    var Intl = {
      DateTimeFormat: DateTimeFormat,
      NumberFormat: NumberFormat,
      RelativeTimeFormat: RelativeTimeFormat,
      PluralRules: PluralRules,
      Locale: Locale
    };
    Object.defineProperty(globalThis, 'Intl', { value: Intl, writable: true, configurable: true });
    function localeString(defaults) {
      return function (locales, options) {
        var o = {};
        var given = options || {};
        Object.keys(given).forEach(function (k) { o[k] = given[k]; });
        var wants = ['weekday', 'year', 'month', 'day', 'hour', 'minute', 'second', 'dateStyle', 'timeStyle', 'dayPeriod', 'fractionalSecondDigits'];
        if (!wants.some(function (k) { return o[k] !== undefined; })) Object.keys(defaults).forEach(function (k) { o[k] = defaults[k]; });
        return new DateTimeFormat(locales, o).format(this);
      };
    }
    var numeric = { year: 'numeric', month: 'numeric', day: 'numeric' };
    var clock = { hour: 'numeric', minute: 'numeric', second: 'numeric' };
    var both = { year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' };
    Date.prototype.toLocaleString = localeString(both);
    Date.prototype.toLocaleDateString = localeString(numeric);
    Date.prototype.toLocaleTimeString = localeString(clock);
    Number.prototype.toLocaleString = function (locales, options) {
      return new NumberFormat(locales, options).format(Number(this));
    };
  };
})()`;
