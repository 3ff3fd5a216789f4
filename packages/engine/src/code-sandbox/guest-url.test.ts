import { afterAll, describe, expect, it } from 'vitest';
import { answerUrl } from './url-bridge.js';
import { codeOracle } from '../testing/code-oracle.node.js';

// URL and URLSearchParams in the Code node. The oracle is Node's own URL and URLSearchParams:
// each test's code runs once here, in this process, and once in the sandbox, and the two
// results must be equal.

const { inSandbox, inNode, close } = codeOracle();
afterAll(close);

async function compare(code: string): Promise<unknown> {
  const expected = inNode(code);
  expect(await inSandbox(code)).toEqual(expected);
  return expected;
}

/** Every property of a URL, or the error it throws, as code shared by both runs. */
const DESCRIBE = String.raw`
  const KEYS = ['href', 'origin', 'protocol', 'username', 'password', 'host', 'hostname', 'port', 'pathname', 'search', 'hash'];
  function describe(make) {
    try {
      const u = make();
      const out = {};
      for (const k of KEYS) out[k] = u[k];
      out.params = [...u.searchParams];
      out.paramsText = u.searchParams.toString();
      out.string = String(u);
      out.json = JSON.stringify({ u });
      out.tag = Object.prototype.toString.call(u);
      return out;
    } catch (e) {
      return { error: e.name + ': ' + e.message, typeError: e instanceof TypeError };
    }
  }
`;

/** Inputs ([input, base?]) for the parser: bases, IPv6 and IPv4 hosts, ports, userinfo, IDNA, percent-encoding, invalid ones. */
const INPUTS: [string, string?][] = [
  ['https://user:pa ss@Example.COM:8080/a/../b/./c?x=1&y=%20z#frag'],
  ['../d?q', 'http://example.com/a/b/c'],
  ['//other.org/p', 'https://example.com'],
  ['?only=query', 'http://a.com/path?old#h'],
  ['#h2', 'http://a.com/p?q'],
  ['', 'http://a.com/b?c#d'],
  ['http:foo', 'http://a.com/b/c'],
  ['/path', 'not-a-base'],
  ['http://[::1]:80/'],
  ['http://[2001:DB8:0:0:0:0:2:1]/x'],
  ['http://[::ffff:192.168.0.1]/'],
  ['http://[1::2::3]/'],
  ['http://192.168.0.257/'],
  ['http://0x7f.1/'],
  ['http://3232235521/'],
  ['https://münchen.de/straße'],
  ['http://xn--mnchen-3ya.de/'],
  ['https://例え.テスト/パス?クエリ=値#ハッシュ'],
  ['http://EXAMPLE.com./'],
  ['http://exa%41mple.com/'],
  ['http://ex ample.com/'],
  ['file:///C:/path/to/file.txt'],
  ['file://host/share/x'],
  ['mailto:someone@example.com?subject=Hi there'],
  ['data:text/plain,hello%20world'],
  ['javascript:alert(1)'],
  ['blob:https://example.com/uuid'],
  ['ws://example.com:80/chat'],
  ['wss://example.com:443'],
  ['ftp://ftp.example.com:21/pub'],
  ['HTTP://EXAMPLE.COM:0080/'],
  ['http://a.com:65536/'],
  ['http://example.com/%7Efoo/%zz/a b/ü'],
  ['http://example.com/?a=b c&d=é&e=%41&f=+&g'],
  ['http://example.com\\back\\slash'],
  ['  http://example.com/trim  '],
  ['http://example.com/a\tb\nc'],
  ['http://example.com/\u0000x#\u0000'],
  ['https://example.com/lone\ud800surrogate'],
  ['custom+scheme://user@host:99/path?q#f'],
  ['urn:isbn:0451450523'],
  ['http://@example.com/'],
  ['http://user:@example.com/'],
  ['not a url'],
  ['http://xn--/'],
];

describe('URL in the Code node', () => {
  it("gives every property of ~45 URLs exactly as Node's URL does, and throws its TypeError on invalid ones", async () => {
    const code = `${DESCRIBE}
      const inputs = ${JSON.stringify(INPUTS)};
      return [{ json: { rows: inputs.map(([input, base]) => describe(() => base === undefined ? new URL(input) : new URL(input, base))) } }];`;
    const expected = (await compare(code)) as { rows: { error?: string }[] };
    // The table exercises both outcomes.
    expect(expected.rows.filter((r) => r.error).length).toBeGreaterThan(4);
    expect(expected.rows.filter((r) => !r.error).length).toBeGreaterThan(30);
  });

  it('answers URL.canParse as Node does, and a URL object as its base', async () => {
    await compare(`
      const inputs = ${JSON.stringify(INPUTS)};
      const base = new URL('https://base.example/dir/file?x#y');
      return [{ json: {
        canParse: inputs.map(([input, b]) => URL.canParse(input, b)),
        withUrlBase: new URL('../up', base).href,
        fromUrl: new URL(base).href,
        noArgument: (() => { try { new URL(); return 'none'; } catch (e) { return e.name; } })(),
        called: (() => { try { URL('http://a.com'); return 'none'; } catch (e) { return e.name; } })(),
      } }];`);
  });

  it('applies every setter as the standard says, ignoring invalid values and throwing only on an invalid href', async () => {
    await compare(`${DESCRIBE}
      const steps = [
        ['https://user:pw@example.com:8080/p?q#h', [
          ['protocol', 'http'], ['protocol', 'mailto'], ['protocol', 'ws:'], ['username', 'a b@c'], ['password', ''],
          ['host', 'other.org:99'], ['host', 'bad host'], ['hostname', 'xn--mnchen-3ya.de'], ['hostname', 'münchen.de'], ['port', '443'],
          ['port', '81abc'], ['port', 'abc'], ['port', ''], ['port', '70000'], ['pathname', 'a b/?c#d'], ['search', '?x y=1&é'],
          ['search', ''], ['search', '?'], ['hash', 'frag ment'], ['hash', ''], ['host', '[::1]:8'], ['href', 'file:///etc/hosts'],
          ['host', 'server'], ['username', 'u'], ['port', '9'], ['pathname', ''], ['href', 'not valid'],
        ]],
        ['mailto:x@y.z', [['pathname', 'other'], ['host', 'h'], ['hash', '#f'], ['protocol', 'https'], ['search', 'a=1']]],
        ['data:text/plain,a ?q=1', [['search', '']]],
      ];
      const rows = [];
      for (const [start, changes] of steps) {
        const u = new URL(start);
        for (const [name, value] of changes) {
          let error = null;
          try { u[name] = value; } catch (e) { error = e.name + ': ' + e.message; }
          rows.push({ name, value, error, state: describe(() => u) });
        }
      }
      let origin;
      try { new URL('http://a.com').origin = 'http://b.com'; origin = 'ignored'; } catch (e) { origin = e.name; }
      return [{ json: { rows, origin } }];`);
  });

  it('keeps url.searchParams the same object, and in step with the URL both ways', async () => {
    await compare(`${DESCRIBE}
      const u = new URL('http://a.com/?b=2&a=1&b=3#h');
      const sp = u.searchParams;
      const states = [];
      const note = (what) => states.push({ what, url: describe(() => u), params: [...sp], text: sp.toString(), size: sp.size });
      note('start');
      sp.append('c', '3 4é'); note('append');
      sp.sort(); note('sort');
      sp.set('b', 'x'); note('set');
      sp.delete('a'); note('delete');
      u.search = '?z=9&y=%20+'; note('search set');
      u.hash = 'k'; note('hash set');
      sp.delete('z'); sp.delete('y'); note('emptied');
      u.href = 'http://x.com/?k=v'; note('href set');
      const opaque = new URL('data:text/plain,a ?q=1');
      opaque.searchParams.delete('q');
      return [{ json: {
        states,
        same: u.searchParams === sp,
        opaque: describe(() => opaque),
        keys: Object.keys(u),
        forIn: (() => { const k = []; for (const key in u) k.push(key); return k; })(),
        tags: [Object.prototype.toString.call(sp), String(sp), JSON.stringify(sp)],
        instance: [u instanceof URL, sp instanceof URLSearchParams],
      } }];`);
  });
});

describe('URLSearchParams in the Code node', () => {
  it("builds a list from a string, pairs, a record or another list as Node's URLSearchParams does", async () => {
    await compare(`
      const show = (make) => {
        try { const p = make(); return { text: p.toString(), pairs: [...p], size: p.size }; }
        catch (e) { return { error: e.name }; }
      };
      return [{ json: { rows: [
        show(() => new URLSearchParams()),
        show(() => new URLSearchParams('')),
        show(() => new URLSearchParams('?a=1&b=2&a=3')),
        show(() => new URLSearchParams('??a=1')),
        show(() => new URLSearchParams('+%20%zz&=&x&&y==z&%C3%A9=%E9&n=\\u0000')),
        show(() => new URLSearchParams({ b: '2', a: 'x y', 1: 'one', é: 'ü' })),
        show(() => new URLSearchParams([['a', '1'], ['b', 2], ['a', null]])),
        show(() => new URLSearchParams(new Map([['m', 'ap'], ['k', 'v']]))),
        show(() => new URLSearchParams(new URLSearchParams('x=1&y=2'))),
        show(() => new URLSearchParams([['a', '1', '2']])),
        show(() => new URLSearchParams([1])),
        show(() => new URLSearchParams(42)),
        show(() => new URLSearchParams({ ['\\ud800']: 'lone', ['\\udc00']: 'other' })),
        show(() => new URLSearchParams('a=\\ud800')),
      ] } }];`);
  });

  it('reads null as the text "null", as Web IDL converts it (Node 20 gives an empty list instead)', async () => {
    expect(await inSandbox('return [{ json: { text: new URLSearchParams(null).toString() } }];')).toEqual({ text: 'null=' });
  });

  it("reads and changes a list as Node's URLSearchParams does", async () => {
    await compare(`
      const p = new URLSearchParams('b=2&a=1&b=3&c=&a=4');
      const log = [];
      const note = (what, value) => log.push({ what, value: value === undefined ? '(undefined)' : value, text: p.toString(), size: p.size });
      note('get', p.get('b'));
      note('get missing', p.get('zz'));
      note('getAll', p.getAll('a'));
      note('has', p.has('c'));
      note('has value', p.has('b', '3'));
      note('has wrong value', p.has('b', '9'));
      note('keys', [...p.keys()]);
      note('values', [...p.values()]);
      note('entries', [...p.entries()]);
      const seen = [];
      p.forEach(function (value, name, list) { seen.push([name, value, list === p, this.tag]); }, { tag: 't' });
      note('forEach', seen);
      p.append('d', 'x y&z=é'); note('append');
      p.set('b', 'one'); note('set');
      p.set('new', '1'); note('set new');
      p.delete('a', '4'); note('delete value');
      p.delete('a', undefined); note('delete undefined value');
      p.append('z', '0'); p.append('Z', '1'); p.append('é', '2'); p.append('b', 'two');
      p.sort(); note('sort');
      p.delete('zz'); note('delete missing');
      const it = p.keys();
      const live = [it.next().value];
      p.delete('Z');
      live.push(it.next().value, it.next().value);
      note('live iterator', live);
      const visited = [];
      p.forEach((v, k) => { visited.push(k); if (k === 'b') p.delete('c'); });
      note('live forEach', visited);
      const errors = [];
      for (const f of [() => p.append('only'), () => p.get(), () => p.forEach(1), () => p.set('a'), () => URLSearchParams.prototype.get.call({}, 'a')]) {
        try { f(); errors.push('none'); } catch (e) { errors.push(e.name); }
      }
      note('errors', errors);
      const iterator = p[Symbol.iterator]();
      note('iterator', [Object.prototype.toString.call(iterator), typeof iterator[Symbol.iterator], iterator[Symbol.iterator]() === iterator]);
      note('symbol', p.entries === p[Symbol.iterator]);
      return [{ json: { log } }];`);
  });
});

describe('the host side of URL', () => {
  it('sets only the properties a URL has setters for, and calls only the methods that change a list', () => {
    expect(answerUrl('url.set', JSON.stringify(['http://a.com/', 'origin', 'http://b.com']))).toBe('EURL.origin cannot be set');
    expect(answerUrl('url.set', JSON.stringify(['http://a.com/', '__proto__', 'x']))).toBe('EURL.__proto__ cannot be set');
    expect(answerUrl('url.params', JSON.stringify(['http://a.com/', 'constructor', []]))).toBe(
      'Eunknown URLSearchParams method constructor',
    );
    expect(answerUrl('url.other', '[]')).toBe('Eunknown operation url.other');
  });
});
