import { GUEST_BUFFER_CODECS } from './guest-buffer-codecs.js';

/** Names that make a Code run install `Buffer`. */
export const BUFFER_NAMES = /\bBuffer\b/;

/**
 * Node's `Buffer` for the Code node's guest, which QuickJS lacks, as source
 * text. It evaluates to `install()`, which defines `Buffer` as a global.
 *
 * It is built as Node builds it: the instances are of a subclass of
 * `Uint8Array` defined here, whose prototype is `Buffer.prototype`, and
 * `Buffer` itself is a function (so the deprecated `Buffer(x)` and
 * `new Buffer(x)` work too) whose prototype is `Uint8Array`. `subarray`,
 * `map` and the other typed-array methods therefore give Buffers, `slice`
 * shares memory as in Node, and a Buffer in returned data leaves the
 * sandbox as Node's JSON does: `{ type: 'Buffer', data: [...] }`. Bytes never
 * cross to the host: every encoding is done here (`GUEST_BUFFER_CODECS`).
 * Errors are Node's classes and messages, with its `code`.
 *
 * The runner compiles it only for runs whose code names `Buffer`, and calls
 * `install(loadMore)`: `loadMore()` evaluates `GUEST_BUFFER_MORE`, the
 * prototype's less used methods, the first time one of them is called.
 */
export const GUEST_BUFFER = String.raw`(function () {
  'use strict';
  return function install(loadMore) {
    ${GUEST_BUFFER_CODECS}
    function received(value) {
      if (value === null || value === undefined) return ' Received ' + value;
      if (typeof value === 'function') return ' Received function ' + value.name;
      if (typeof value === 'object') return value.constructor && value.constructor.name ? ' Received an instance of ' + value.constructor.name : ' Received ' + typeof value;
      var shown = typeof value === 'string' ? "'" + (value.length > 25 ? value.slice(0, 25) + '...' : value) + "'" : String(value);
      return ' Received type ' + typeof value + ' (' + shown + ')';
    }
    function fail(Kind, code, message) {
      var error = new Kind(message);
      Object.defineProperty(error, 'code', { value: code, writable: true, configurable: true, enumerable: true });
      return error;
    }
    function argType(name, what, value) {
      var which = name === 'first' ? 'The first argument' : 'The "' + name + '" argument';
      return fail(TypeError, 'ERR_INVALID_ARG_TYPE', which + ' must be ' + what + '.' + received(value));
    }
    // Large integers are shown as Node shows them: 4_294_967_296, 9_223_372_036_854_775_808n.
    function shown(value) {
      var text = String(value);
      var big = typeof value === 'bigint';
      var limit = 4294967296;
      if (big ? value > BigInt(limit) || value < -BigInt(limit) : Number.isInteger(value) && Math.abs(value) > limit) {
        var start = text.charAt(0) === '-' ? 1 : 0;
        var rest = '';
        var i = text.length;
        for (; i >= start + 4; i -= 3) rest = '_' + text.slice(i - 3, i) + rest;
        text = text.slice(0, i) + rest;
      }
      return big ? text + 'n' : text;
    }
    function outOfRange(name, range, value) {
      return fail(RangeError, 'ERR_OUT_OF_RANGE', 'The value of "' + name + '" is out of range. It must be ' + range + '. Received ' + shown(value));
    }
    function outOfBounds(name) {
      return fail(RangeError, 'ERR_BUFFER_OUT_OF_BOUNDS', name ? '"' + name + '" is outside of buffer bounds' : 'Attempt to access memory outside buffer bounds');
    }
    function unknownEncoding(encoding) {
      return fail(TypeError, 'ERR_UNKNOWN_ENCODING', 'Unknown encoding: ' + encoding);
    }
    function codecOf(encoding) {
      var name = encodingName(encoding);
      if (name === undefined) throw unknownEncoding(encoding);
      return CODECS[name];
    }
    function isBytes(value) {
      return value instanceof Uint8Array;
    }
    function isArrayBuffer(value) {
      return value instanceof ArrayBuffer || (typeof SharedArrayBuffer === 'function' && value instanceof SharedArrayBuffer);
    }
    function integer(value, fallback) {
      value = +value;
      if (value !== value || value < -9007199254740991 || value > 9007199254740991) return fallback;
      return Math.floor(value);
    }
    function checkSize(size) {
      if (typeof size !== 'number') throw argType('size', 'of type number', size);
      if (!(size >= 0 && size <= 4294967296)) throw outOfRange('size', '>= 0 && <= 4294967296', size);
    }

    class FastBuffer extends Uint8Array {
      constructor(bufferOrLength, byteOffset, length) {
        super(bufferOrLength, byteOffset, length);
      }
    }
    function Buffer(arg, encodingOrOffset, length) {
      if (typeof arg === 'number') {
        if (typeof encodingOrOffset === 'string') throw argType('string', 'of type string', arg);
        return Buffer.alloc(arg);
      }
      return Buffer.from(arg, encodingOrOffset, length);
    }
    var proto = FastBuffer.prototype;
    Buffer.prototype = proto;
    Object.defineProperty(proto, 'constructor', { value: Buffer, writable: true, configurable: true });
    Object.setPrototypeOf(Buffer, Uint8Array);
    // Enumerable, as Node's are: for-in over a Buffer lists its methods after its indexes.
    function method(target, name, fn) {
      Object.defineProperty(target, name, { value: fn, writable: true, configurable: true, enumerable: true });
    }

    function fromString(string, encoding) {
      var codec = typeof encoding !== 'string' || encoding.length === 0 ? CODECS.utf8 : codecOf(encoding);
      var b = new FastBuffer(codec.length(string));
      var written = codec.write(string, b, 0, b.length);
      return written === b.length ? b : new FastBuffer(b.buffer, 0, written);
    }
    function fromArrayLike(list) {
      var b = new FastBuffer(list.length);
      b.set(list);
      return b;
    }
    function fromArrayBuffer(buffer, byteOffset, length) {
      byteOffset = byteOffset === undefined ? 0 : +byteOffset || 0;
      var max = buffer.byteLength - byteOffset;
      if (max < 0) throw outOfBounds('offset');
      if (length === undefined) length = max;
      else {
        length = +length;
        if (length > 0) {
          if (length > max) throw outOfBounds('length');
        } else length = 0;
      }
      return new FastBuffer(buffer, byteOffset, length);
    }
    var FROM = 'of type string or an instance of Buffer, ArrayBuffer, or Array or an Array-like Object';
    method(Buffer, 'from', function from(value, encodingOrOffset, length) {
      if (typeof value === 'string') return fromString(value, encodingOrOffset);
      if (typeof value === 'object' && value !== null) {
        if (isArrayBuffer(value)) return fromArrayBuffer(value, encodingOrOffset, length);
        var primitive = typeof value.valueOf === 'function' ? value.valueOf() : undefined;
        if (primitive != null && primitive !== value && (typeof primitive === 'string' || typeof primitive === 'object'))
          return from(primitive, encodingOrOffset, length);
        if (value.length !== undefined || isArrayBuffer(value.buffer)) return typeof value.length === 'number' ? fromArrayLike(value) : new FastBuffer(0);
        if (value.type === 'Buffer' && Array.isArray(value.data)) return fromArrayLike(value.data);
        if (typeof value[Symbol.toPrimitive] === 'function') {
          var text = value[Symbol.toPrimitive]('string');
          if (typeof text === 'string') return fromString(text, encodingOrOffset);
        }
      }
      throw argType('first', FROM, value);
    });
    method(Buffer, 'of', function of() {
      return fromArrayLike(arguments);
    });
    method(Buffer, 'copyBytesFrom', function copyBytesFrom(view, offset, length) {
      if (!ArrayBuffer.isView(view) || view instanceof DataView) throw argType('view', 'an instance of TypedArray', view);
      var size = view.BYTES_PER_ELEMENT;
      var start = offset === undefined ? 0 : offset;
      var end = length === undefined ? view.length : Math.min(view.length, start + length);
      if (start >= view.length || end <= start) return new FastBuffer(0);
      return fromArrayLike(new Uint8Array(view.buffer, view.byteOffset + start * size, (end - start) * size));
    });
    method(Buffer, 'alloc', function alloc(size, fill, encoding) {
      checkSize(size);
      var b = new FastBuffer(size);
      return fill !== undefined && fill !== 0 && size > 0 ? b.fill(fill, encoding) : b;
    });
    method(Buffer, 'allocUnsafe', function allocUnsafe(size) {
      checkSize(size);
      return new FastBuffer(size);
    });
    method(Buffer, 'allocUnsafeSlow', Buffer.allocUnsafe);
    method(Buffer, 'isBuffer', function isBuffer(value) {
      return value instanceof Buffer;
    });
    method(Buffer, 'isEncoding', function isEncoding(encoding) {
      return typeof encoding === 'string' && encoding.length !== 0 && encodingName(encoding) !== undefined;
    });
    method(Buffer, 'byteLength', function byteLength(string, encoding) {
      if (typeof string !== 'string') {
        if (ArrayBuffer.isView(string) || isArrayBuffer(string)) return string.byteLength;
        throw argType('string', 'of type string or an instance of Buffer or ArrayBuffer', string);
      }
      if (string.length === 0) return 0;
      var name = encoding ? encodingName(encoding) : 'utf8';
      return CODECS[name === undefined ? 'utf8' : name].length(string);
    });
    function compareBytes(a, b) {
      var n = Math.min(a.length, b.length);
      for (var i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
      return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
    }
    method(Buffer, 'compare', function compare(buf1, buf2) {
      if (!isBytes(buf1)) throw argType('buf1', 'an instance of Buffer or Uint8Array', buf1);
      if (!isBytes(buf2)) throw argType('buf2', 'an instance of Buffer or Uint8Array', buf2);
      return compareBytes(buf1, buf2);
    });
    method(Buffer, 'concat', function concat(list, length) {
      if (!Array.isArray(list)) throw argType('list', 'an instance of Array', list);
      if (list.length === 0) return new FastBuffer(0);
      var i;
      if (length === undefined) {
        length = 0;
        for (i = 0; i < list.length; i++) if (list[i].length) length += list[i].length;
      } else if (typeof length !== 'number') throw argType('length', 'of type number', length);
      var out = Buffer.allocUnsafe(length);
      var at = 0;
      for (i = 0; i < list.length; i++) {
        if (!isBytes(list[i])) throw argType('list[' + i + ']', 'an instance of Buffer or Uint8Array', list[i]);
        var part = list[i].subarray(0, Math.max(0, length - at));
        out.set(part, at);
        at += part.length;
      }
      return out;
    });
    Buffer.poolSize = 8192;

    method(proto, 'toString', function toString(encoding, start, end) {
      var length = this.length;
      if (arguments.length === 0) return utf8Read(this, 0, length);
      if (start <= 0) start = 0;
      else if (start >= length) return '';
      else start = Math.trunc(start) || 0;
      if (end === undefined || end > length) end = length;
      else end = Math.trunc(end) || 0;
      if (end <= start) return '';
      return (encoding === undefined ? CODECS.utf8 : codecOf(encoding)).read(this, start, end);
    });
    method(proto, 'toLocaleString', proto.toString);
    method(proto, 'toJSON', function toJSON() {
      return { type: 'Buffer', data: Array.prototype.slice.call(this) };
    });
    method(proto, 'equals', function equals(other) {
      if (!isBytes(other)) throw argType('otherBuffer', 'an instance of Buffer or Uint8Array', other);
      return this === other || compareBytes(this, other) === 0;
    });
    function range(value, fallback, name, max) {
      if (value === undefined) return fallback;
      if (typeof value !== 'number') throw argType(name, 'of type number', value);
      if (value !== Math.floor(value)) throw outOfRange(name, 'an integer', value);
      if (value < 0 || value > max) throw outOfRange(name, '>= 0 && <= ' + max, value);
      return value;
    }
    method(proto, 'slice', function slice(start, end) {
      var length = this.length;
      function at(offset) {
        offset = Math.trunc(offset);
        if (offset === 0 || offset !== offset) return 0;
        if (offset < 0) return Math.max(0, offset + length);
        return Math.min(offset, length);
      }
      var from = at(start);
      var to = end === undefined ? length : at(end);
      return new FastBuffer(this.buffer, this.byteOffset + from, Math.max(0, to - from));
    });
    // The rest of the prototype (writing, filling, searching, comparing, numbers...) is compiled the first
    // time one of its methods is called: most code only makes Buffers and reads them as text.
    var rest = 'write fill compare copy indexOf lastIndexOf includes swap16 swap32 swap64 inspect'.split(' ');
    Object.keys(CODECS).concat('ucs2').forEach(function (name) {
      rest.push(name + 'Slice', name + 'Write');
    });
    var sized = ['UInt16', 'Uint16', 'Int16', 'UInt32', 'Uint32', 'Int32', 'Float', 'Double', 'BigUInt64', 'BigUint64', 'BigInt64', 'UInt', 'Uint', 'Int'];
    ['UInt8', 'Uint8', 'Int8'].concat(sized.map(function (n) { return n + 'LE'; }), sized.map(function (n) { return n + 'BE'; })).forEach(function (name) {
      rest.push('read' + name, 'write' + name);
    });
    var loaded = false;
    rest.forEach(function (name) {
      method(proto, name, function lazy() {
        if (!loaded) {
          loaded = true;
          loadMore()({ proto: proto, method: method, CODECS: CODECS, codecOf: codecOf, encodingName: encodingName, utf8Write: utf8Write, hexRead: hexRead,
            FastBuffer: FastBuffer, isBytes: isBytes, integer: integer, range: range, compareBytes: compareBytes, fail: fail, received: received,
            argType: argType, outOfRange: outOfRange, outOfBounds: outOfBounds, unknownEncoding: unknownEncoding });
        }
        return proto[name].apply(this, arguments);
      });
    });
    globalThis.Buffer = Buffer;
  };
})()`;
