import { parseFeed as htmlparser2Feed } from 'htmlparser2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHttpServer, type TestHttpServer } from '../../../testing/test-http-server.node.js';
import { tryNode } from '../../../testing/node-test-harness.js';

const RSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel>
    <title>Flowloom News</title>
    <link>https://news.example/</link>
    <description>Releases</description>
    <item>
      <title>Version 2 &amp; more</title>
      <link>https://news.example/v2</link>
      <description>&lt;p&gt;Short &lt;b&gt;news&lt;/b&gt;&lt;/p&gt;</description>
      <content:encoded><![CDATA[<p>The <em>full</em> story.</p><p>Second part.</p>]]></content:encoded>
      <dc:creator>Zoë</dc:creator>
      <pubDate>Tue, 03 Mar 2026 10:15:00 GMT</pubDate>
      <guid isPermaLink="false">post-2</guid>
      <category>release</category>
      <category>engine</category>
      <enclosure url="https://news.example/v2.mp3" type="audio/mpeg" length="1234"/>
    </item>
    <item>
      <title>Version 1</title>
      <link>https://news.example/v1</link>
      <description>First.</description>
      <pubDate>Sun, 01 Feb 2026 08:00:00 +0100</pubDate>
      <guid>https://news.example/v1</guid>
    </item>
  </channel>
</rss>`;

const ATOM = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Changelog</title>
  <id>urn:uuid:feed</id>
  <updated>2026-03-04T09:00:00Z</updated>
  <entry>
    <title type="text">Faster merges</title>
    <link rel="self" href="https://log.example/e1.atom"/>
    <link rel="alternate" type="text/html" href="https://log.example/e1"/>
    <id>urn:uuid:e1</id>
    <published>2026-03-04T09:00:00Z</published>
    <updated>2026-03-05T09:00:00Z</updated>
    <author><name>Ann</name></author>
    <author><name>Bo</name></author>
    <category term="perf"/>
    <summary>Merges are faster.</summary>
    <content type="html">&lt;p&gt;Hash joins &amp;amp; more.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Only updated</title>
    <link href="https://log.example/e2"/>
    <id>urn:uuid:e2</id>
    <updated>2026-03-01T00:00:00Z</updated>
  </entry>
</feed>`;

// "Café" in ISO-8859-1, with the encoding named only in the XML declaration.
const LATIN1 = Buffer.concat([
  Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><rss version="2.0"><channel><title>L</title><item><title>Caf'),
  Buffer.from([0xe9]),
  Buffer.from('</title></item></channel></rss>'),
]);

let server: TestHttpServer;
beforeAll(async () => {
  server = await startTestHttpServer((req, res) => {
    const body = {
      '/rss': RSS,
      '/atom': ATOM,
      '/page': '<html><body>not a feed</body></html>',
      '/broken': '<rss><channel><item></channel>',
    }[req.url];
    if (req.url === '/latin1') {
      res.writeHead(200, { 'content-type': 'application/xml' });
      res.end(LATIN1);
    } else if (body === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('no such feed');
    } else {
      res.writeHead(200, { 'content-type': 'application/xml; charset=utf-8' });
      res.end(body);
    }
  });
});
afterAll(() => server.close());

const read = (path: string, input: Record<string, unknown>[] = [{}]) =>
  tryNode('core.rssRead', { url: `${server.url}${path}` }, input, { http: { allowPrivateNetworks: true } });

describe('RSS Read', () => {
  it('reads an RSS 2.0 feed served over HTTP into one item per entry', async () => {
    const { json, error } = await read('/rss');
    expect(error).toBeUndefined();
    expect(server.requests[0]!.headers.accept).toMatch(/application\/rss\+xml/);
    expect(json).toEqual([
      {
        title: 'Version 2 & more',
        link: 'https://news.example/v2',
        pubDate: 'Tue, 03 Mar 2026 10:15:00 GMT',
        isoDate: '2026-03-03T10:15:00.000Z',
        creator: 'Zoë',
        content: '<p>The <em>full</em> story.</p><p>Second part.</p>',
        contentSnippet: 'The full story.\n\nSecond part.',
        summary: '<p>Short <b>news</b></p>',
        guid: 'post-2',
        categories: ['release', 'engine'],
        enclosure: { url: 'https://news.example/v2.mp3', type: 'audio/mpeg', length: '1234' },
      },
      {
        title: 'Version 1',
        link: 'https://news.example/v1',
        pubDate: 'Sun, 01 Feb 2026 08:00:00 +0100',
        isoDate: '2026-02-01T07:00:00.000Z',
        content: 'First.',
        contentSnippet: 'First.',
        guid: 'https://news.example/v1',
      },
    ]);
  });

  it.each(['/rss', '/atom'])('agrees with htmlparser2’s feed reader on titles, ids, links and dates (%s)', async (path) => {
    const { json } = await read(path);
    const oracle = htmlparser2Feed(path === '/rss' ? RSS : ATOM)!;
    expect(json.map((e) => e.title)).toEqual(oracle.items.map((i) => i.title));
    expect(json.map((e) => e.guid)).toEqual(oracle.items.map((i) => i.id));
    // For Atom, htmlparser2 takes an entry's first link and its "updated" date; the entry's own page is its
    // rel="alternate" link (RFC 4287), and feed readers date an entry by "published" when it has one.
    if (path === '/atom') return;
    expect(json.map((e) => e.link)).toEqual(oracle.items.map((i) => i.link));
    expect(json.map((e) => new Date(e.isoDate as string).getTime())).toEqual(oracle.items.map((i) => i.pubDate?.getTime()));
  });

  it('reads an Atom feed: the alternate link, every author, published before updated, content with its summary', async () => {
    const { json } = await read('/atom');
    expect(json[0]).toEqual({
      title: 'Faster merges',
      link: 'https://log.example/e1',
      pubDate: '2026-03-04T09:00:00Z',
      isoDate: '2026-03-04T09:00:00.000Z',
      author: 'Ann, Bo',
      content: '<p>Hash joins &amp; more.</p>',
      contentSnippet: 'Hash joins & more.',
      summary: 'Merges are faster.',
      guid: 'urn:uuid:e1',
      categories: ['perf'],
    });
    expect(json[1]).toEqual({
      title: 'Only updated',
      link: 'https://log.example/e2',
      pubDate: '2026-03-01T00:00:00Z',
      isoDate: '2026-03-01T00:00:00.000Z',
      guid: 'urn:uuid:e2',
    });
  });

  it('decodes a feed in the encoding its XML declaration names', async () => {
    expect((await read('/latin1')).json).toEqual([{ title: 'Café' }]);
  });

  it('fetches the URL of each item, pairing entries with it', async () => {
    const { output } = await tryNode('core.rssRead', { url: `${server.url}{{ $json.path }}` }, [{ path: '/atom' }, { path: '/rss' }], {
      http: { allowPrivateNetworks: true },
    });
    expect(output.main!.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 0 }, { item: 1 }, { item: 1 }]);
  });

  it('names the URL and the status when the server refuses', async () => {
    const { error } = await read('/missing');
    expect(error?.code).toBe('HTTP_STATUS');
    expect(error?.message).toBe(`Node 'Node': GET ${server.url}/missing answered 404 Not Found (item 0).`);
  });

  it('says why an answer is not a feed', async () => {
    expect((await read('/page')).error?.message).toBe(
      `Node 'Node': the answer to GET ${server.url}/page is not an RSS or Atom feed (its root element is <html>, not <rss>, <feed> or <rdf:RDF>) (item 0).`,
    );
    const broken = await read('/broken');
    expect(broken.error?.code).toBe('FEED_INVALID');
    expect(broken.error?.message).toMatch(/is not well-formed XML: .*line 1/);
  });

  it('refuses a private address unless the host allows it, and a URL that is not http(s)', async () => {
    const refused = await tryNode('core.rssRead', { url: `${server.url}/rss` }, [{}]);
    expect(refused.error?.code).toBe('PRIVATE_NETWORK_REFUSED');
    expect(refused.error?.message).toMatch(/^Node 'Node': GET http:\/\/127\.0\.0\.1:\d+\/rss was refused: /);
    expect((await tryNode('core.rssRead', { url: 'ftp://x.test/feed' }, [{}])).error?.message).toBe(
      `Node 'Node': parameter 'url' must be an http:// or https:// URL, got "ftp://x.test/feed" (item 0).`,
    );
  });
});
