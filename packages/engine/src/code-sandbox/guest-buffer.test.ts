import { afterAll, describe, expect, it } from 'vitest';
import { codeOracle } from '../testing/code-oracle.node.js';

// Buffer in the Code node. The oracle is Node's own Buffer: each test's code runs once here,
// in this process, and once in the sandbox, and the two results must be equal. Strings are
// compared as lists of UTF-16 units, so lone surrogates and U+0000 are compared exactly.

const { inSandbox, inNode, close } = codeOracle();
afterAll(close);

async function compare(body: string): Promise<unknown> {
  const code = `${SHARED}\n${body}`;
  const expected = inNode(code);
  expect(await inSandbox(code)).toEqual(expected);
  return expected;
}

/** Helpers both runs share: `units(s)` (a string as UTF-16 units), `bytes(b)`, `attempt(f)` (the value or the error). */
const SHARED = String.raw`
  const units = (s) => { if (typeof s !== 'string') return s; const out = []; for (let i = 0; i < s.length; i++) out.push(s.charCodeAt(i)); return out; };
  const bytes = (b) => (b instanceof Uint8Array ? { buffer: Buffer.isBuffer(b), data: Array.from(b) } : b);
  const attempt = (f) => { try { const v = f(); return typeof v === 'string' ? units(v) : bytes(v); } catch (e) { return { error: e.name, code: e.code }; } };
  const message = (f) => { try { f(); } catch (e) { return e.message; } };
  const ENCODINGS = ['utf8', 'utf-8', 'UTF8', 'hex', 'base64', 'base64url', 'latin1', 'binary', 'ascii', 'utf16le', 'ucs2', 'UCS-2', 'utf-16le'];
  // A small deterministic generator, the same in both runs.
  let seed = 20260;
  const next = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
`;

describe('Buffer in the Code node, compared with Node', () => {
  it('runs the corpus code: text to base64, JSON through the deprecated constructor, hex to bytes', async () => {
    const out = await compare(String.raw`
      const text = '<html><body><h1>Rapport \u00e9t\u00e9 \u20ac 2025</h1></body></html>';
      const buffer = Buffer.from(text, 'utf8');
      const legacy = new Buffer(JSON.stringify({ a: 1, b: ['x'] }, null, 2)).toString('base64');
      const iv = Buffer.from('00112233445566778899aabbccddeeff', 'hex');
      return [{ json: { data: buffer.toString('base64'), legacy, called: Buffer('hi').toString('hex'), iv: Array.from(iv), length: iv.length } }];
    `);
    expect(out).toMatchObject({ length: 16, legacy: 'ewogICJhIjogMSwKICAiYiI6IFsKICAgICJ4IgogIF0KfQ==' });
  });

  it('encodes strings in every encoding, lone surrogates and U+0000 included', async () => {
    await compare(String.raw`
      const strings = ['', 'hello', 'caf\u00e9', '\u20ac100', '\ud83d\ude00 smile', 'a\u0000b', '\ud800', 'x\udc00y', '\udbff\udfff', '\u00ff\u0100\u07ff\u0800\uffff',
        'aGVsbG8=', 'aGVsbG8', 'YW Jj\nZA==', 'YQ==YQ==', 'YW-_', '_-+/', 'a*b', 'Y', 'YQ=', '=', 'Z\u0141Q', 'deadBEEF', 'abz', 'zz12', 'abc', '0'];
      const out = {};
      for (const enc of ENCODINGS) out[enc] = strings.map((s) => attempt(() => Buffer.from(s, enc)));
      out.byteLength = ENCODINGS.map((enc) => strings.map((s) => Buffer.byteLength(s, enc)));
      out.defaults = strings.map((s) => [Array.from(Buffer.from(s)), Buffer.byteLength(s), Array.from(Buffer.from(s, '')), Buffer.byteLength(s, 'nope')]);
      return [{ json: out }];
    `);
  });

  it('decodes bytes in every encoding, ill-formed UTF-8 included', async () => {
    await compare(String.raw`
      const lists = [[], [104, 105], [0xc3, 0xa9], [0xe2, 0x82, 0xac], [0xf0, 0x9f, 0x98, 0x80], [0xff, 0xfe, 0x41], [0xc3], [0xe2, 0x82], [0xf0, 0x9f, 0x98],
        [0xc0, 0xaf], [0xe0, 0x80, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xf5, 0x80], [0x80, 0x80, 0x41], [0xe2, 0x41, 0x82, 0xac], [0xf0, 0x9f, 0x41],
        [0, 1, 127, 128, 255], [0xfb, 0xff], [1, 2, 3, 4, 5]];
      const out = {};
      for (const enc of ENCODINGS) out[enc] = lists.map((l) => attempt(() => Buffer.from(l).toString(enc)));
      const b = Buffer.from('h\u00e9llo w\u00f6rld');
      out.ranges = [[], [undefined, 2], [undefined, -5, 100], [undefined, 3, 1], ['hex', 2, 5], ['utf8', 1.7, 4.2], ['base64', '2', '6'], ['latin1', NaN, 4]].map((args) => units(b.toString(...args)));
      out.string = [String(b), b + '', [b].join('')].map(units);
      out.locale = units(b.toLocaleString());
      return [{ json: out }];
    `);
  });

  it('agrees on random bytes and random strings', async () => {
    await compare(String.raw`
      const out = { utf8: [], base64: [], strings: [], soup: [] };
      for (let n = 0; n < 60; n++) {
        const length = next(24);
        const list = [];
        for (let i = 0; i < length; i++) list.push(next(3) === 0 ? next(128) : 128 + next(128));
        const b = Buffer.from(list);
        out.utf8.push(units(b.toString()));
        out.base64.push([b.toString('base64'), b.toString('base64url'), b.toString('hex'), units(b.toString('utf16le')), units(b.toString('latin1'))]);
        let s = '';
        for (let i = 0; i < length; i++) s += String.fromCharCode(next(4) === 0 ? 0xd800 + next(0x800) : next(3) === 0 ? next(0x10000) : next(128));
        out.strings.push([Array.from(Buffer.from(s)), Buffer.byteLength(s), Array.from(Buffer.from(s, 'utf16le')), Array.from(Buffer.from(s, 'latin1'))]);
        const alphabet = 'ABCxyz019+/-_= \n*\u00e9\u0141';
        let soup = '';
        for (let i = 0; i < length; i++) soup += alphabet[next(alphabet.length)];
        out.soup.push([Array.from(Buffer.from(soup, 'base64')), Array.from(Buffer.from(soup, 'base64url')), Array.from(Buffer.from(soup, 'hex')), Buffer.byteLength(soup, 'base64')]);
      }
      // Long runs of ASCII between other bytes, and base64 broken into MIME lines.
      const long = [];
      for (let i = 0; i < 9000; i++) long.push(i % 700 < 300 ? 32 + next(95) : next(256));
      const lb = Buffer.from(long);
      const mime = lb.toString('base64').replace(/(.{76})/g, '$1\r\n');
      out.long = [units(lb.toString()), units(lb.toString('ascii')), Array.from(Buffer.from(mime, 'base64')), Buffer.byteLength(mime, 'base64')];
      return [{ json: out }];
    `);
  });

  it('makes Buffers from arrays, array-likes, ArrayBuffers, views, objects and other Buffers', async () => {
    await compare(String.raw`
      const ab = new Uint8Array([1, 2, 3, 4, 5, 6]).buffer;
      const shared = Buffer.from(ab, 2, 3);
      new Uint8Array(ab)[2] = 99;
      const source = Buffer.from('abc');
      const copy = Buffer.from(source);
      source[0] = 120;
      return [{ json: {
        array: bytes(Buffer.from([256, -1, 3.7, '7', 'x', null, 65])),
        arrayLike: bytes(Buffer.from({ length: 3, 0: 5, 2: 7 })),
        serialized: bytes(Buffer.from({ type: 'Buffer', data: [104, 105] })),
        stringObject: bytes(Buffer.from(new String('hi'))),
        primitive: bytes(Buffer.from({ [Symbol.toPrimitive]: () => 'prim' }, 'utf8')),
        shared: bytes(shared),
        offsets: [attempt(() => Buffer.from(ab, 7)), attempt(() => Buffer.from(ab, 1, 9)), bytes(Buffer.from(ab, 4)), bytes(Buffer.from(ab, 1, -2))],
        wide: bytes(Buffer.from(new Uint16Array([1, 256, 513]))),
        copy: [bytes(copy), bytes(source)],
        of: bytes(Buffer.of(1, 2, 300)),
        copyBytesFrom: bytes(Buffer.copyBytesFrom(new Uint16Array([1, 2, 3]), 1, 1)),
        errors: [5, undefined, null, true, () => 1, Symbol.iterator].map((v) => attempt(() => Buffer.from(v))),
        unknown: attempt(() => Buffer.from('x', 'utf9')),
        numberString: attempt(() => Buffer(3, 'utf8')),
        legacy: [bytes(new Buffer(3)), bytes(Buffer(2))],
      } }];
    `);
  });

  it('allocates, fills, concatenates and compares as Node does', async () => {
    await compare(String.raw`
      return [{ json: {
        alloc: [Buffer.alloc(3), Buffer.alloc(5, 'ab'), Buffer.alloc(5, 'YWI=', 'base64'), Buffer.alloc(3, 257), Buffer.alloc(4, true), Buffer.alloc(4, Buffer.from([1, 2, 3])), Buffer.alloc(0, 'x'), Buffer.allocUnsafe(2).fill(0), Buffer.allocUnsafeSlow(1).fill(9)].map(bytes),
        allocErrors: [-1, 'x', 2 ** 33, NaN].map((n) => attempt(() => Buffer.alloc(n))),
        fill: [
          () => Buffer.alloc(6).fill('ab', 1, 5),
          () => Buffer.alloc(6).fill('\u00e9'),
          () => Buffer.alloc(6).fill('6162', 'hex'),
          () => Buffer.alloc(6).fill('zz', 'hex'),
          () => Buffer.alloc(6).fill(''),
          () => Buffer.alloc(6).fill(-1, 4),
          () => Buffer.alloc(6).fill(7, 2, 2),
          () => Buffer.alloc(6).fill('x', 0, 9),
          () => Buffer.alloc(6).fill('a', 'nope'),
          () => Buffer.alloc(6).fill(new Uint8Array(0)),
        ].map(attempt),
        concat: [
          () => Buffer.concat([Buffer.from('a'), new Uint8Array([98]), Buffer.from('cd')]),
          () => Buffer.concat([Buffer.from('abc')], 2),
          () => Buffer.concat([Buffer.from('a')], 3),
          () => Buffer.concat([]),
          () => Buffer.concat('ab'),
          () => Buffer.concat([Buffer.from('a'), 'b']),
        ].map(attempt),
        isBuffer: [Buffer.from('a'), new Uint8Array(1), 'a', null, Buffer.alloc(2).subarray(1)].map((v) => Buffer.isBuffer(v)),
        isEncoding: ['utf8', 'UTF-8', 'hex', 'binary', 'ucs2', 'base64url', '', 'utf9', 1, undefined].map((v) => Buffer.isEncoding(v)),
        compare: [['a', 'b'], ['b', 'a'], ['ab', 'ab'], ['ab', 'abc'], ['', '']].map(([x, y]) => Buffer.compare(Buffer.from(x), Buffer.from(y))),
        compareError: attempt(() => Buffer.compare('a', Buffer.from('a'))),
        sorted: [Buffer.from('b'), Buffer.from('ab'), Buffer.from('a')].sort(Buffer.compare).map(String),
        byteLength: [new Uint8Array(7), new ArrayBuffer(5), new Uint16Array(3), Buffer.from('abc')].map((v) => Buffer.byteLength(v)),
        byteLengthError: attempt(() => Buffer.byteLength(5)),
        poolSize: Buffer.poolSize,
        name: [Buffer.name, typeof Buffer, Buffer.from('a').constructor === Buffer, Object.getPrototypeOf(Buffer) === Uint8Array],
      } }];
    `);
  });

  it('reads, slices, searches, copies and writes as Node does', async () => {
    await compare(String.raw`
      const b = Buffer.from('hello world, hello');
      const view = b.slice(-5);
      view[0] = 72;
      const sub = b.subarray(0, 5);
      const mapped = Buffer.from([1, 2, 3]).map((x) => x * 2);
      const target = Buffer.alloc(8, '.');
      const counts = [b.copy(target, 2), Buffer.from('xy').copy(target, 0, 1), Buffer.from('abc').copy(target, 7, 0, 3), Buffer.from('abc').copy(target, 9)];
      const w = Buffer.alloc(10);
      const writes = [w.write('h\u00e9llo'), w.write('zz', 8), w.write('ab', 9), w.write('6869', 'hex'), w.write('\u20ac', 2, 2), w.write('ab', 1, 1, 'latin1'), w.write('YWJj', 4, 'base64'), w.write('hi', 0, 'utf16le')];
      const searches = [['hello'], ['hello', 1], ['hello', -5], ['o', -100], [111], [111 + 256], ['', 3], ['', 99], ['zz'], [Buffer.from('world')], ['776f', 'hex'], ['w', 'latin1'], ['d', 0.5], ['o', NaN]];
      return [{ json: {
        basics: [b.length, b[0], b[100], Array.from(b.subarray(1, 3)), b instanceof Uint8Array, ArrayBuffer.isView(b), Object.prototype.toString.call(b)],
        shared: [String(b), String(view), sub instanceof Buffer, mapped instanceof Buffer, Array.from(mapped), Buffer.from([1, 2, 3]).filter((x) => x > 1) instanceof Buffer, Buffer.isBuffer(b.subarray(2)), Buffer.isBuffer(b.slice(2))],
        slices: [[1, 3], [-3], [3, -3], [5, 2], [NaN, 2], ['1', '4'], [1.9, 3.1], [-100, 100]].map((args) => String(b.slice(...args))),
        copy: [counts, String(target), attempt(() => b.copy(target, -1))],
        writes: [writes, Array.from(w), attempt(() => w.write('a', 11)), attempt(() => w.write('a', 0, 'utf9')), attempt(() => w.write(5))],
        indexOf: searches.map((args) => [b.indexOf(...args), b.lastIndexOf(...args), b.includes(...args)]),
        indexOfError: attempt(() => b.indexOf({})),
        equals: [b.equals(Buffer.from(b)), b.equals(new Uint8Array([1])), attempt(() => b.equals('x'))],
        compare: [[Buffer.from('hello')], [Buffer.from('hello'), 0, 5, 0, 5], [Buffer.from('hello'), 1], [Buffer.from('zz'), 0, 0], [Buffer.from('a'), 0, 1, 3, 3]].map((args) => attempt(() => b.compare(...args))),
        compareErrors: [attempt(() => b.compare('x')), attempt(() => b.compare(Buffer.from('a'), 0, 2))],
        swap: [attempt(() => Buffer.from([1, 2, 3, 4]).swap16()), attempt(() => Buffer.from([1, 2, 3, 4]).swap32()), attempt(() => Buffer.from([1, 2, 3]).swap16()), attempt(() => Buffer.from([1, 2, 3, 4, 5, 6, 7, 8]).swap64())],
        inspect: [Buffer.from('hi').inspect(), Buffer.alloc(0).inspect(), Buffer.alloc(52, 1).inspect(), Buffer.alloc(51).inspect()],
        json: [b.subarray(0, 2).toJSON(), JSON.stringify({ empty: Buffer.alloc(0), two: Buffer.from([1, 255]) })],
        forIn: (() => { const keys = []; for (const k in Buffer.from('ab')) keys.push(k); return keys.slice(0, 2).concat(keys.includes('toString'), keys.includes('readUInt8')); })(),
        methods: ['utf8Slice', 'latin1Slice', 'hexSlice', 'base64Slice', 'ucs2Slice', 'asciiSlice'].map((m) => b[m](1, 4)),
        // Every method compiled on first use has replaced its stand-in.
        standIns: Object.keys(Buffer.prototype).filter((k) => typeof Buffer.prototype[k] === 'function' && Buffer.prototype[k].name === 'lazy'),
      } }];
    `);
  });

  it('reads and writes numbers as Node does', async () => {
    await compare(String.raw`
      const b = Buffer.from([1, 2, 3, 4, 250, 251, 252, 253, 0x80, 0, 0, 0x7f]);
      const reads = ['UInt8', 'Uint8', 'Int8', 'UInt16LE', 'UInt16BE', 'Int16LE', 'Int16BE', 'UInt32LE', 'UInt32BE', 'Uint32LE', 'Int32LE', 'Int32BE', 'FloatLE', 'FloatBE', 'DoubleLE', 'DoubleBE'];
      const out = { reads: reads.map((name) => [0, 3, 4, 8].map((at) => attempt(() => b['read' + name](at)))) };
      out.big = ['BigUInt64LE', 'BigUInt64BE', 'BigInt64LE', 'BigInt64BE', 'BigUint64LE'].map((name) => String(b['read' + name](2)));
      out.variable = [[0, 1], [0, 3], [2, 6], [6, 6], [4, 2]].map(([at, n]) => [b.readUIntLE(at, n), b.readUIntBE(at, n), b.readIntLE(at, n), b.readIntBE(at, n)]);
      out.readErrors = [() => b.readUInt8(12), () => b.readUInt32LE(9), () => b.readUInt8(1.5), () => b.readUInt8('1'), () => b.readUInt8(-1), () => Buffer.alloc(1).readUInt16LE(0), () => b.readUIntLE(0, 7), () => b.readUIntLE(0)].map(attempt);
      const w = Buffer.alloc(16);
      const ends = [w.writeUInt8(255, 0), w.writeInt8(-2, 1), w.writeUInt16LE(0x1234, 2), w.writeUInt16BE(0x1234, 4), w.writeInt32LE(-5, 6), w.writeFloatBE(1.5, 10), w.writeUInt8(3.7, 14), w.writeUint8('9', 15)];
      out.writes = [ends, Array.from(w)];
      const v = Buffer.alloc(16);
      out.more = [v.writeDoubleLE(Math.PI, 0), v.writeUIntBE(0x123456, 8, 3), v.writeIntLE(-2, 11, 2), v.writeBigInt64BE(-3n, 8), Array.from(v), v.readDoubleLE(0)];
      out.writeErrors = [() => w.writeUInt8(256, 0), () => w.writeInt8(-129, 0), () => w.writeUInt16LE(-1, 0), () => w.writeUInt32BE(2 ** 32, 0), () => w.writeInt32LE(2 ** 31, 0), () => w.writeUInt8(1, 16), () => w.writeUIntLE(2 ** 24, 0, 3), () => w.writeBigUInt64LE(1, 0)].map(attempt);
      return [{ json: out }];
    `);
  });

  it('errors as Node does: class, code and message', async () => {
    const out = (await compare(String.raw`
      const failing = [() => Buffer.from('x', 'bogus'), () => Buffer.from(5), () => Buffer.alloc(-1), () => Buffer.from([1]).toString('bogus'), () => Buffer.concat('x'),
        () => Buffer.alloc(2).readUInt16LE(1), () => Buffer.alloc(1).readUInt32LE(0), () => Buffer.alloc(4).writeUInt8(256), () => Buffer.alloc(4).writeUInt32LE(-1),
        () => Buffer.alloc(8).writeUIntLE(2 ** 40, 0, 5), () => Buffer.alloc(8).writeBigInt64LE(2n ** 63n), () => Buffer.alloc(4).fill(1, 0, 5), () => Buffer.alloc(4).write('a', 5)];
      return [{ json: { errors: failing.map(attempt), messages: failing.map(message) } }];
    `)) as { errors: { error: string; code: string }[] };
    expect(out.errors[0]).toEqual({ error: 'TypeError', code: 'ERR_UNKNOWN_ENCODING' });
  });

  it('carries a Buffer returned in an item as Node serializes it', async () => {
    const out = await compare(String.raw`
      return [{ json: { file: Buffer.from('hi'), nested: { list: [Buffer.from([0, 255])] }, empty: Buffer.alloc(0) } }];
    `);
    expect(out).toEqual({
      file: { type: 'Buffer', data: [104, 105] },
      nested: { list: [{ type: 'Buffer', data: [0, 255] }] },
      empty: { type: 'Buffer', data: [] },
    });
  });

  it('encodes and decodes a large text inside the deadline', async () => {
    await compare(String.raw`
      let text = '';
      for (let i = 0; i < 2000; i++) text += 'line ' + i + ': caf\u00e9 \u20ac \ud83d\ude00\n';
      const b = Buffer.from(text);
      const base64 = b.toString('base64');
      const back = Buffer.from(base64, 'base64').toString();
      return [{ json: { length: b.length, base64Length: base64.length, same: back === text, hex: b.toString('hex').slice(-40), tail: units(back.slice(-30)) } }];
    `);
  });
});
