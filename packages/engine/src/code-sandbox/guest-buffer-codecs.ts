/**
 * The encodings of the guest's `Buffer` (see `guest-buffer.ts`), as source
 * text put inside its installer: for each of Node's encodings, how many
 * bytes a string takes, how a string is written into bytes and how bytes are
 * read back as a string, with Node's rules for what is not well formed:
 * UTF-8 writes a lone surrogate as U+FFFD and reads an ill-formed sequence as
 * one U+FFFD per maximal subpart (the WHATWG decoder); hex stops at the first
 * pair that is not hex; base64 (either alphabet) skips characters outside it
 * and stops at the first `=`; Latin-1 and ASCII write the low byte of each
 * UTF-16 unit, ASCII reads the low seven bits.
 *
 * Output text is gathered as character codes and made into a string a few
 * thousand at a time, which is far faster in QuickJS than adding characters
 * one by one; pure ASCII takes shorter paths both ways. Everything runs in the guest, under the run's deadline and
 * memory limit.
 */
export const GUEST_BUFFER_CODECS = String.raw`
    var CHUNK = 4096;
    var DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    var URL_DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    // Each base64 character's value, both alphabets (-1: not one); each byte as two hex digits.
    var SIXES = [];
    var HEX = [];
    for (var n = 0; n < 256; n++) {
      SIXES.push(-1);
      HEX.push((n < 16 ? '0' : '') + n.toString(16));
    }
    for (var d = 0; d < 64; d++) SIXES[DIGITS.charCodeAt(d)] = SIXES[URL_DIGITS.charCodeAt(d)] = d;

    // Readers write character codes into one array of CHUNK units (and a spare for a surrogate
    // pair), made into a string each time it fills: no method call per character.
    var units = new Uint16Array(CHUNK + 1);
    function flush(parts, count) {
      parts.push(String.fromCharCode.apply(null, units.subarray(0, count)));
      return 0;
    }
    var NOT_ASCII = /[^\x00-\x7f]/;

    function utf8Length(s) {
      var n = s.length;
      if (!NOT_ASCII.test(s)) return n;
      for (var i = 0; i < s.length; i++) {
        var c = s.charCodeAt(i);
        if (c < 0x80) continue;
        if (c < 0x800) n += 1;
        else if (c >= 0xd800 && c <= 0xdbff && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) i++, n += 2;
        else n += 2;
      }
      return n;
    }
    // Each write function fills b from at, never past end, and answers where it stopped.
    function utf8Write(s, b, at, end) {
      if (!NOT_ASCII.test(s)) return byteWrite(s, b, at, end);
      for (var i = 0; i < s.length; i++) {
        var c = s.charCodeAt(i);
        if (c < 0x80) {
          if (at >= end) break;
          b[at++] = c;
        } else if (c < 0x800) {
          if (at + 2 > end) break;
          b[at++] = 0xc0 | (c >> 6);
          b[at++] = 0x80 | (c & 63);
        } else {
          if (c >= 0xd800 && c <= 0xdfff) {
            var low = s.charCodeAt(i + 1);
            if (c <= 0xdbff && (low & 0xfc00) === 0xdc00) {
              if (at + 4 > end) break;
              var p = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
              b[at++] = 0xf0 | (p >> 18);
              b[at++] = 0x80 | ((p >> 12) & 63);
              b[at++] = 0x80 | ((p >> 6) & 63);
              b[at++] = 0x80 | (p & 63);
              i++;
              continue;
            }
            c = 0xfffd;
          }
          if (at + 3 > end) break;
          b[at++] = 0xe0 | (c >> 12);
          b[at++] = 0x80 | ((c >> 6) & 63);
          b[at++] = 0x80 | (c & 63);
        }
      }
      return at;
    }
    function utf8Read(b, start, end) {
      var parts = [];
      var k = 0;
      var i = start;
      while (i < end) {
        var c = b[i];
        if (c < 0x80) {
          // A long run of ASCII bytes becomes text in one call.
          var j = i + 1;
          while (j < end && j - i < CHUNK && b[j] < 0x80) j++;
          if (j - i < 64) {
            for (; i < j; i++) {
              units[k++] = b[i];
              if (k === CHUNK) k = flush(parts, k);
            }
            continue;
          }
          if (k > 0) k = flush(parts, k);
          parts.push(String.fromCharCode.apply(null, b.subarray(i, j)));
          i = j;
          continue;
        }
        i++;
        if (k >= CHUNK - 1) k = flush(parts, k);
        var need = 0;
        var p = 0;
        var lower = 0x80;
        var upper = 0xbf;
        if (c >= 0xc2 && c <= 0xdf) (need = 1), (p = c & 0x1f);
        else if (c >= 0xe0 && c <= 0xef) (need = 2), (p = c & 0xf), (lower = c === 0xe0 ? 0xa0 : 0x80), (upper = c === 0xed ? 0x9f : 0xbf);
        else if (c >= 0xf0 && c <= 0xf4) (need = 3), (p = c & 7), (lower = c === 0xf0 ? 0x90 : 0x80), (upper = c === 0xf4 ? 0x8f : 0xbf);
        else {
          units[k++] = 0xfffd;
          continue;
        }
        for (; need > 0; need--) {
          var next = b[i];
          // A byte that cannot continue the sequence ends it unread: it starts the next one.
          if (i >= end || next < lower || next > upper) break;
          p = (p << 6) | (next & 63);
          lower = 0x80;
          upper = 0xbf;
          i++;
        }
        if (need > 0) units[k++] = 0xfffd;
        else if (p > 0xffff) (units[k++] = 0xd800 + ((p - 0x10000) >> 10)), (units[k++] = 0xdc00 + ((p - 0x10000) & 0x3ff));
        else units[k++] = p;
      }
      flush(parts, k);
      return parts.join('');
    }
    function byteWrite(s, b, at, end) {
      for (var i = 0; i < s.length && at < end; i++) b[at++] = s.charCodeAt(i) & 255;
      return at;
    }
    function latin1Read(b, start, end) {
      var parts = [];
      for (var i = start; i < end; i += CHUNK) parts.push(String.fromCharCode.apply(null, b.subarray(i, Math.min(end, i + CHUNK))));
      return parts.join('');
    }
    function asciiRead(b, start, end) {
      var parts = [];
      var k = 0;
      for (var i = start; i < end; i++) {
        units[k++] = b[i] & 127;
        if (k === CHUNK) k = flush(parts, k);
      }
      flush(parts, k);
      return parts.join('');
    }
    function utf16Write(s, b, at, end) {
      for (var i = 0; i < s.length && at + 2 <= end; i++) {
        var c = s.charCodeAt(i);
        b[at++] = c & 255;
        b[at++] = c >> 8;
      }
      return at;
    }
    function utf16Read(b, start, end) {
      var parts = [];
      var k = 0;
      for (var i = start; i + 1 < end; i += 2) {
        units[k++] = b[i] | (b[i + 1] << 8);
        if (k === CHUNK) k = flush(parts, k);
      }
      flush(parts, k);
      return parts.join('');
    }
    function hexValue(c) {
      if (c >= 48 && c <= 57) return c - 48;
      c |= 32;
      return c >= 97 && c <= 102 ? c - 87 : -1;
    }
    function hexWrite(s, b, at, end) {
      for (var i = 0; i + 1 < s.length && at < end; i += 2) {
        var hi = hexValue(s.charCodeAt(i) & 255);
        var lo = hexValue(s.charCodeAt(i + 1) & 255);
        if (hi < 0 || lo < 0) break;
        b[at++] = (hi << 4) | lo;
      }
      return at;
    }
    function hexRead(b, start, end) {
      var parts = [];
      for (var i = start; i < end; i++) parts.push(HEX[b[i]]);
      return parts.join('');
    }
    // Node reads each UTF-16 unit's low byte (in hex too), skips what is not a digit of either
    // alphabet, and stops at the first '='. Four digits in a row are decoded at once; a group
    // with anything else in it is read one character at a time.
    function base64Write(s, b, at, end) {
      var n = s.length;
      var i = 0;
      while (i < n && at < end) {
        if (i + 4 <= n && at + 3 <= end) {
          var d1 = SIXES[s.charCodeAt(i) & 255];
          var d2 = SIXES[s.charCodeAt(i + 1) & 255];
          var d3 = SIXES[s.charCodeAt(i + 2) & 255];
          var d4 = SIXES[s.charCodeAt(i + 3) & 255];
          if ((d1 | d2 | d3 | d4) >= 0) {
            var v = (d1 << 18) | (d2 << 12) | (d3 << 6) | d4;
            b[at] = v >> 16;
            b[at + 1] = (v >> 8) & 255;
            b[at + 2] = v & 255;
            at += 3;
            i += 4;
            continue;
          }
        }
        var value = 0;
        var bits = 0;
        for (var got = 0; got < 4 && i < n && at < end; i++) {
          var c = s.charCodeAt(i) & 255;
          if (c === 61) return at;
          var digit = SIXES[c];
          if (digit < 0) continue;
          value = (value << 6) | digit;
          bits += 6;
          got++;
          if (bits >= 8) {
            bits -= 8;
            b[at++] = (value >> bits) & 255;
          }
        }
      }
      return at;
    }
    function base64Length(s) {
      var n = s.length;
      if (s.charCodeAt(n - 1) === 61) n--;
      if (n > 1 && s.charCodeAt(n - 1) === 61) n--;
      return (n * 3) >>> 2;
    }
    function base64Reader(digits, pad) {
      var codes = [];
      for (var i = 0; i < 64; i++) codes.push(digits.charCodeAt(i));
      return function (b, start, end) {
        var parts = [];
        var k = 0;
        var whole = start + Math.floor((end - start) / 3) * 3;
        for (var i = start; i < whole; i += 3) {
          var n = (b[i] << 16) | (b[i + 1] << 8) | b[i + 2];
          units[k] = codes[n >> 18];
          units[k + 1] = codes[(n >> 12) & 63];
          units[k + 2] = codes[(n >> 6) & 63];
          units[k + 3] = codes[n & 63];
          k += 4;
          if (k >= CHUNK - 4) k = flush(parts, k);
        }
        if (whole < end) {
          var last = (b[whole] << 16) | (whole + 1 < end ? b[whole + 1] << 8 : 0);
          units[k++] = codes[last >> 18];
          units[k++] = codes[(last >> 12) & 63];
          if (whole + 1 < end) units[k++] = codes[(last >> 6) & 63];
          else if (pad) units[k++] = 61;
          if (pad) units[k++] = 61;
        }
        flush(parts, k);
        return parts.join('');
      };
    }
    function sameLength(s) {
      return s.length;
    }
    // By Node's name of each encoding: byte length of a string, write, read.
    var CODECS = {
      utf8: { length: utf8Length, write: utf8Write, read: utf8Read },
      utf16le: { length: function (s) { return s.length * 2; }, write: utf16Write, read: utf16Read },
      latin1: { length: sameLength, write: byteWrite, read: latin1Read },
      ascii: { length: sameLength, write: byteWrite, read: asciiRead },
      base64: { length: base64Length, write: base64Write, read: base64Reader(DIGITS, true) },
      base64url: { length: base64Length, write: base64Write, read: base64Reader(URL_DIGITS, false) },
      hex: { length: function (s) { return s.length >>> 1; }, write: hexWrite, read: hexRead },
    };
    var ALIASES = { 'utf-8': 'utf8', ucs2: 'utf16le', 'ucs-2': 'utf16le', 'utf-16le': 'utf16le', binary: 'latin1' };
    // Node's name of an encoding, or undefined when it is not one (each caller has its own default).
    function encodingName(encoding) {
      var lower = String(encoding).toLowerCase();
      var name = ALIASES.hasOwnProperty(lower) ? ALIASES[lower] : lower;
      return CODECS.hasOwnProperty(name) ? name : undefined;
    }
`;
