/**
 * The number methods of the guest's `Buffer` (see `guest-buffer.ts`), as
 * source text put inside its installer: `readUInt8` to `readBigInt64LE`,
 * `readUIntBE(offset, byteLength)` and the rest, each with its `write`, and
 * Node's lower-case `Uint` aliases. They read and write through a
 * `DataView`, with Node's checks of the offset (`ERR_OUT_OF_RANGE`, or
 * `ERR_BUFFER_OUT_OF_BOUNDS` when the Buffer is too short) and of the value.
 */
export const GUEST_BUFFER_NUMBERS = String.raw`
  // Numbers: read and written through a DataView, with Node's checks of the offset and the value.
  function offsetOf(self, offset, size) {
    if (offset === undefined) offset = 0;
    if (typeof offset !== 'number') throw argType('offset', 'of type number', offset);
    if (offset !== Math.floor(offset)) throw outOfRange('offset', 'an integer', offset);
    var last = self.length - size;
    if (last < 0) throw outOfBounds();
    if (offset < 0 || offset > last) throw outOfRange('offset', '>= 0 and <= ' + last, offset);
    return offset;
  }
  function view(self) {
    return new DataView(self.buffer, self.byteOffset, self.byteLength);
  }
  function numbers(kind, size, min, max, getter, names) {
    var big = typeof min === 'bigint';
    // Node's wording: plain bounds up to 4 bytes, powers of two past them.
    var limits = big ? (min === BigInt(0) ? '>= 0n and < 2n ** 64n' : '>= -(2n ** 63n) and < 2n ** 63n') : '>= ' + min + ' and <= ' + max;
    [false, true].forEach(function (little) {
      var suffix = size === 1 ? '' : little ? 'LE' : 'BE';
      var read = function (offset) {
        return view(this)['get' + getter](offsetOf(this, offset, size), little);
      };
      var write = function (value, offset) {
        if (big) {
          // Node fails on mixing a BigInt with another type, without a code.
          if (typeof value !== 'bigint') throw new TypeError('Cannot mix BigInt and other types, use explicit conversions');
        } else value = +value;
        if (min !== undefined && (value < min || value > max)) throw outOfRange('value', limits, value);
        offset = offsetOf(this, offset, size);
        view(this)['set' + getter](offset, value, little);
        return offset + size;
      };
      names.forEach(function (name) {
        method(proto, 'read' + name + suffix, read);
        method(proto, 'write' + name + suffix, write);
      });
    });
  }
  numbers('u', 1, 0, 255, 'Uint8', ['UInt8', 'Uint8']);
  numbers('u', 2, 0, 65535, 'Uint16', ['UInt16', 'Uint16']);
  numbers('u', 4, 0, 4294967295, 'Uint32', ['UInt32', 'Uint32']);
  numbers('i', 1, -128, 127, 'Int8', ['Int8']);
  numbers('i', 2, -32768, 32767, 'Int16', ['Int16']);
  numbers('i', 4, -2147483648, 2147483647, 'Int32', ['Int32']);
  numbers('f', 4, undefined, undefined, 'Float32', ['Float']);
  numbers('f', 8, undefined, undefined, 'Float64', ['Double']);
  if (typeof BigInt === 'function') {
    numbers('u', 8, BigInt(0), BigInt('18446744073709551615'), 'BigUint64', ['BigUInt64', 'BigUint64']);
    numbers('i', 8, BigInt('-9223372036854775808'), BigInt('9223372036854775807'), 'BigInt64', ['BigInt64']);
  }
  // Integers of 1 to 6 bytes, as Node's readUIntLE(offset, byteLength) and the rest.
  function byteLengthOf(byteLength) {
    if (typeof byteLength !== 'number') throw argType('byteLength', 'of type number', byteLength);
    if (!(byteLength >= 1 && byteLength <= 6 && byteLength === Math.floor(byteLength))) throw outOfRange('byteLength', '>= 1 and <= 6', byteLength);
    return byteLength;
  }
  [false, true].forEach(function (little) {
    var suffix = little ? 'LE' : 'BE';
    function read(signed) {
      return function (offset, byteLength) {
        var size = byteLengthOf(byteLength);
        offset = offsetOf(this, offset, size);
        var value = 0;
        for (var i = 0; i < size; i++) value = value * 256 + this[offset + (little ? size - 1 - i : i)];
        return signed && value >= Math.pow(2, size * 8 - 1) ? value - Math.pow(2, size * 8) : value;
      };
    }
    function write(signed) {
      return function (value, offset, byteLength) {
        var size = byteLengthOf(byteLength);
        value = +value;
        var max = Math.pow(2, size * 8 - (signed ? 1 : 0));
        var min = signed ? -max : 0;
        if (value < min || value >= max)
          throw outOfRange('value', size > 4 ? (signed ? '>= -(2 ** ' + (size * 8 - 1) + ') and < 2 ** ' + (size * 8 - 1) : '>= 0 and < 2 ** ' + size * 8) : '>= ' + min + ' and <= ' + (max - 1), value);
        offset = offsetOf(this, offset, size);
        var rest = Math.trunc(value) || 0;
        if (rest < 0) rest += Math.pow(2, size * 8);
        for (var i = 0; i < size; i++) {
          this[offset + (little ? i : size - 1 - i)] = rest % 256;
          rest = Math.floor(rest / 256);
        }
        return offset + size;
      };
    }
    ['UInt', 'Uint'].forEach(function (name) {
      method(proto, 'read' + name + suffix, read(false));
      method(proto, 'write' + name + suffix, write(false));
    });
    method(proto, 'readInt' + suffix, read(true));
    method(proto, 'writeInt' + suffix, write(true));
  });
`;
