/** One operation as the docs page lists it. */
interface Operation {
  method: string;
  path: string;
  summary?: string;
  description?: string;
  permission?: string;
  tags?: string[];
}

const escape = (s: string) =>
  s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;');

/**
 * A page listing the API's operations from its OpenAPI document, grouped by
 * tag, with no script and no asset from elsewhere: it works offline and in
 * any host's content security policy.
 */
export function docsPage(document: { info: { title: string; version: string }; paths?: Record<string, unknown> }, specUrl: string): string {
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const [method, op] of Object.entries(item as Record<string, Record<string, unknown>>)) {
      operations.push({
        method: method.toUpperCase(),
        path,
        summary: op['summary'] as string | undefined,
        description: op['description'] as string | undefined,
        permission: op['x-permission'] as string | undefined,
        tags: op['tags'] as string[] | undefined,
      });
    }
  }
  const groups = new Map<string, Operation[]>();
  for (const op of operations) {
    const tag = op.tags?.[0] ?? 'Other';
    groups.set(tag, [...(groups.get(tag) ?? []), op]);
  }
  const sections = [...groups]
    .map(
      ([tag, ops]) =>
        `<h2>${escape(tag)}</h2>\n<table>\n<tr><th>Method</th><th>Path</th><th>What it does</th><th>Permission</th></tr>\n` +
        ops
          .map(
            (op) =>
              `<tr><td><code>${op.method}</code></td><td><code>${escape(op.path)}</code></td><td>${escape(op.summary ?? '')}` +
              `${op.description ? `<br><small>${escape(op.description)}</small>` : ''}</td><td><code>${escape(op.permission ?? '')}</code></td></tr>`,
          )
          .join('\n') +
        '\n</table>',
    )
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escape(document.info.title)}</title>
<style>
body { font: 15px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 70rem; padding: 0 1rem; color: #1b1f24; }
table { border-collapse: collapse; width: 100%; margin-bottom: 1.5rem; }
th, td { text-align: left; border-bottom: 1px solid #d8dee4; padding: .35rem .5rem; vertical-align: top; }
code { font: 13px ui-monospace, monospace; }
</style>
</head>
<body>
<h1>${escape(document.info.title)} <small>${escape(document.info.version)}</small></h1>
<p>Every call sends <code>Authorization: Bearer &lt;API key or embed token&gt;</code>. The full description is the
<a href="${escape(specUrl)}">OpenAPI 3.1 document</a>.</p>
${sections}
</body>
</html>
`;
}
