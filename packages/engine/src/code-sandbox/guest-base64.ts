/**
 * `btoa`, `atob` and the `DOMException` they throw, for the Code node's
 * guest, as source text. It evaluates to a function that takes the
 * prelude's `DOMException` stub (whose prototype it makes an error's) and
 * returns `{ btoa, atob, construct }`, `construct` being the stub's body.
 * They follow the web platform: `btoa` takes a string of Latin-1 characters
 * (code points 0 to 255) and gives padded base64; `atob` decodes
 * forgiving-base64 (ASCII whitespace ignored, padding optional) to such a
 * string; either throws an `InvalidCharacterError` on other input.
 *
 * The prelude evaluates this only when the user's code first calls one of
 * the three: QuickJS compiles every line of it in every run that does, and
 * most runs never do. It runs in the guest, under the guest's deadline
 * and memory limit: the host's own `btoa` cannot be lent, since strings
 * cross the boundary as C strings, which end at the first U+0000.
 */
export const GUEST_BASE64 = String.raw`(function (DOMException) {
  'use strict';
  var DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  var PAD = 61; // '='
  // Character codes of the digits, and the value of each ASCII code (-1: not a digit).
  var CODES = [];
  var VALUES = [];
  for (var v = 0; v < 128; v++) VALUES.push(-1);
  for (var d = 0; d < 64; d++) {
    CODES.push(DIGITS.charCodeAt(d));
    VALUES[DIGITS.charCodeAt(d)] = d;
  }
  // Output is gathered as character codes, made into a string a few thousand at a time:
  // far faster in QuickJS than adding characters to a string one by one.
  var CHUNK = 4096;
  function flush(parts, codes) {
    parts.push(String.fromCharCode.apply(null, codes));
    codes.length = 0;
  }
  Object.setPrototypeOf(DOMException.prototype, Error.prototype);
  DOMException.INVALID_CHARACTER_ERR = 5;
  function hidden(target, key, value) {
    Object.defineProperty(target, key, { value: value, writable: true, configurable: true });
  }
  // Fields are not enumerable, as on a native error: JSON.stringify gives {}.
  function construct(self, message, name) {
    if (!(self instanceof DOMException)) throw new TypeError("Failed to construct 'DOMException': use the 'new' operator.");
    var text = message === undefined ? '' : String(message);
    var kind = name === undefined ? 'Error' : String(name);
    hidden(self, 'message', text);
    hidden(self, 'name', kind);
    hidden(self, 'code', kind === 'InvalidCharacterError' ? 5 : 0);
    hidden(self, 'stack', new Error(text).stack);
    return self;
  }
  function invalid(message) {
    return new DOMException(message, 'InvalidCharacterError');
  }
  function oneArgument(name, count) {
    if (count === 0) throw new TypeError("Failed to execute '" + name + "': 1 argument required, but only 0 present.");
  }
  function btoa(data) {
    oneArgument('btoa', arguments.length);
    var text = String(data);
    var parts = [];
    var codes = [];
    for (var i = 0; i < text.length; i += 3) {
      var a = text.charCodeAt(i);
      var b = text.charCodeAt(i + 1);
      var c = text.charCodeAt(i + 2);
      // Past the end, charCodeAt gives NaN: never over 255, and 0 in a bit operation.
      if (a > 255 || b > 255 || c > 255) throw invalid('Invalid character');
      var n = (a << 16) | (b << 8) | c;
      codes.push(CODES[n >> 18], CODES[(n >> 12) & 63]);
      codes.push(i + 1 < text.length ? CODES[(n >> 6) & 63] : PAD, i + 2 < text.length ? CODES[n & 63] : PAD);
      if (codes.length >= CHUNK) flush(parts, codes);
    }
    flush(parts, codes);
    return parts.join('');
  }
  function atob(data) {
    oneArgument('atob', arguments.length);
    var text = String(data).replace(/[\t\n\f\r ]+/g, '');
    if (text.length % 4 === 0) text = text.replace(/==?$/, '');
    if (text.length % 4 === 1) throw invalid('The string to be decoded is not correctly encoded.');
    var parts = [];
    var codes = [];
    var value = 0;
    var bits = 0;
    for (var i = 0; i < text.length; i++) {
      var code = text.charCodeAt(i);
      var digit = code < 128 ? VALUES[code] : -1;
      if (digit < 0) throw invalid('Invalid character');
      value = ((value << 6) | digit) & 0xffffff;
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        codes.push((value >> bits) & 255);
        if (codes.length >= CHUNK) flush(parts, codes);
      }
    }
    flush(parts, codes);
    return parts.join('');
  }
  return { btoa: btoa, atob: atob, construct: construct };
})`;
