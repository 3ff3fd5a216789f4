import { GUEST_BUFFER_NUMBERS } from './guest-buffer-numbers.js';

/**
 * The rest of the guest's `Buffer.prototype` (see `guest-buffer.ts`), as
 * source text: `write`, `fill`, `compare`, `copy`, `indexOf`, `lastIndexOf`, `includes`,
 * `swap16/32/64`, `inspect`, the `utf8Slice`-style methods and the number
 * methods. It evaluates to a function that takes the installer's internals
 * and replaces the stubs the installer left on the prototype. It is compiled
 * the first time code calls one of those methods.
 */
export const GUEST_BUFFER_MORE = String.raw`(function (api) {
  'use strict';
  var proto = api.proto, method = api.method, CODECS = api.CODECS, codecOf = api.codecOf, hexRead = api.hexRead, FastBuffer = api.FastBuffer;
  var isBytes = api.isBytes, integer = api.integer, range = api.range, compareBytes = api.compareBytes;
  var fail = api.fail, received = api.received, argType = api.argType, outOfRange = api.outOfRange, outOfBounds = api.outOfBounds;
  var encodingName = api.encodingName, unknownEncoding = api.unknownEncoding, utf8Write = api.utf8Write;
  method(proto, 'write', function write(string, offset, length, encoding) {
    if (typeof string !== 'string') throw argType('argument', 'of type string', string);
    if (offset === undefined) return utf8Write(string, this, 0, this.length);
    if (length === undefined && typeof offset === 'string') {
      encoding = offset;
      offset = 0;
      length = this.length;
    } else {
      offset = range(offset, 0, 'offset', this.length);
      var room = this.length - offset;
      if (length === undefined) length = room;
      else if (typeof length === 'string') {
        encoding = length;
        length = room;
      } else length = Math.min(range(length, room, 'length', this.length), room);
    }
    var codec = !encoding || encoding === 'utf8' ? CODECS.utf8 : codecOf(encoding);
    return codec.write(string, this, offset, offset + length) - offset;
  });
  method(proto, 'fill', function fill(value, offset, end, encoding) {
    if (typeof value === 'string') {
      if (offset === undefined || typeof offset === 'string') {
        encoding = offset;
        offset = 0;
        end = this.length;
      } else if (typeof end === 'string') {
        encoding = end;
        end = this.length;
      }
      var name = encoding === undefined || encoding === null || encoding === '' ? 'utf8' : encodingName(encoding);
      if (name === undefined) {
        if (typeof encoding !== 'string') throw argType('encoding', 'of type string', encoding);
        throw unknownEncoding(encoding);
      }
      if (value.length === 0) value = 0;
      else {
        var codec = CODECS[name];
        var bytes = new FastBuffer(codec.length(value));
        bytes = bytes.subarray(0, codec.write(value, bytes, 0, bytes.length));
        if (bytes.length === 0) throw fail(TypeError, 'ERR_INVALID_ARG_VALUE', "The argument 'value' is invalid." + received(value));
        value = bytes;
      }
    } else if (typeof value === 'boolean') value = Number(value);
    offset = range(offset, 0, 'offset', this.length);
    end = range(end, this.length, 'end', this.length);
    if (offset >= end) return this;
    if (isBytes(value) || ArrayBuffer.isView(value)) {
      var pattern = new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
      if (pattern.length === 0) throw fail(TypeError, 'ERR_INVALID_ARG_VALUE', "The argument 'value' is invalid." + received(value));
      for (var i = offset; i < end; i += pattern.length) this.set(pattern.subarray(0, Math.min(pattern.length, end - i)), i);
      return this;
    }
    Uint8Array.prototype.fill.call(this, (typeof value === 'number' ? value : Number(value) >>> 0) & 255, offset, end);
    return this;
  });
  method(proto, 'compare', function compare(target, targetStart, targetEnd, sourceStart, sourceEnd) {
    if (!isBytes(target)) throw argType('target', 'an instance of Buffer or Uint8Array', target);
    targetStart = range(targetStart, 0, 'targetStart', 4294967296);
    targetEnd = range(targetEnd, target.length, 'targetEnd', target.length);
    sourceStart = range(sourceStart, 0, 'sourceStart', 4294967296);
    sourceEnd = range(sourceEnd, this.length, 'sourceEnd', this.length);
    if (sourceStart >= sourceEnd) return targetStart >= targetEnd ? 0 : -1;
    if (targetStart >= targetEnd) return 1;
    return compareBytes(this.subarray(sourceStart, sourceEnd), target.subarray(targetStart, targetEnd));
  });
  method(proto, 'copy', function copy(target, targetStart, sourceStart, sourceEnd) {
    if (!ArrayBuffer.isView(target)) throw argType('target', 'an instance of Buffer or Uint8Array', target);
    targetStart = targetStart === undefined ? 0 : integer(targetStart, 0);
    if (targetStart < 0) throw outOfRange('targetStart', '>= 0', targetStart);
    sourceStart = sourceStart === undefined ? 0 : integer(sourceStart, 0);
    if (sourceStart < 0 || sourceStart > this.length) throw outOfRange('sourceStart', '>= 0 && <= ' + this.length, sourceStart);
    sourceEnd = sourceEnd === undefined ? this.length : integer(sourceEnd, 0);
    if (sourceEnd < 0) throw outOfRange('sourceEnd', '>= 0', sourceEnd);
    var into = new Uint8Array(target.buffer, target.byteOffset, target.byteLength);
    if (targetStart >= into.length || sourceStart >= sourceEnd) return 0;
    var count = Math.min(sourceEnd - sourceStart, into.length - targetStart, this.length - sourceStart);
    if (count <= 0) return 0;
    into.set(this.subarray(sourceStart, sourceStart + count), targetStart);
    return count;
  });
  function search(self, value, byteOffset, encoding, forward) {
    if (typeof byteOffset === 'string') {
      encoding = byteOffset;
      byteOffset = undefined;
    }
    byteOffset = +byteOffset;
    if (byteOffset !== byteOffset) byteOffset = forward ? 0 : self.length;
    byteOffset = Math.trunc(Math.max(-2147483648, Math.min(2147483647, byteOffset)));
    var needle;
    if (typeof value === 'number') needle = [value >>> 0 & 255];
    else if (typeof value === 'string') {
      var codec = encoding === undefined ? CODECS.utf8 : codecOf(encoding);
      needle = new FastBuffer(codec.length(value));
      needle = needle.subarray(0, codec.write(value, needle, 0, needle.length));
    } else if (isBytes(value)) needle = value;
    else throw argType('value', 'one of type number or string or an instance of Buffer or Uint8Array', value);
    var length = self.length;
    var size = needle.length;
    var start;
    if (byteOffset < 0) start = byteOffset + length >= 0 ? byteOffset + length : forward || size === 0 ? 0 : -1;
    else start = byteOffset + size <= length ? byteOffset : size === 0 ? length : forward ? -1 : length - 1;
    if (size === 0) return start;
    if (length === 0 || start < 0 || size > length) return -1;
    var last = length - size;
    for (var i = forward ? start : Math.min(start, last); forward ? i <= last : i >= 0; forward ? i++ : i--) {
      var j = 0;
      while (j < size && self[i + j] === needle[j]) j++;
      if (j === size) return i;
    }
    return -1;
  }
  method(proto, 'indexOf', function indexOf(value, byteOffset, encoding) {
    return search(this, value, byteOffset, encoding, true);
  });
  method(proto, 'lastIndexOf', function lastIndexOf(value, byteOffset, encoding) {
    return search(this, value, byteOffset, encoding, false);
  });
  method(proto, 'includes', function includes(value, byteOffset, encoding) {
    return search(this, value, byteOffset, encoding, true) !== -1;
  });
  function swapper(size) {
    return function () {
      if (this.length % size !== 0) throw fail(RangeError, 'ERR_INVALID_BUFFER_SIZE', 'Buffer size must be a multiple of ' + size * 8 + '-bits');
      for (var i = 0; i < this.length; i += size) Uint8Array.prototype.reverse.call(this.subarray(i, i + size));
      return this;
    };
  }
  method(proto, 'swap16', swapper(2));
  method(proto, 'swap32', swapper(4));
  method(proto, 'swap64', swapper(8));
  method(proto, 'inspect', function inspect() {
    var shown = hexRead(this, 0, Math.min(50, this.length)).replace(/(.{2})(?!$)/g, '$1 ');
    var rest = this.length - 50;
    return '<Buffer ' + shown + (rest > 0 ? ' ... ' + rest + ' more byte' + (rest > 1 ? 's' : '') : '') + '>';
  });
  Object.keys(CODECS).forEach(function (name) {
    method(proto, name + 'Slice', function (start, end) {
      return CODECS[name].read(this, start === undefined ? 0 : start, end === undefined ? this.length : end);
    });
    method(proto, name + 'Write', function (string, offset, length) {
      offset = offset === undefined ? 0 : offset;
      return CODECS[name].write(string, this, offset, Math.min(this.length, offset + (length === undefined ? this.length : length))) - offset;
    });
  });
  method(proto, 'ucs2Slice', proto.utf16leSlice);
  method(proto, 'ucs2Write', proto.utf16leWrite);
${GUEST_BUFFER_NUMBERS}})`;
