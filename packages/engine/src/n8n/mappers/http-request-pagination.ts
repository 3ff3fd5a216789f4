import type { MapContext } from '../map-context.js';

const AT = 'options.pagination.pagination';

/** Flowloom's "no limit" for `maxPages`: more pages than any run fetches. */
const UNLIMITED = Number.MAX_SAFE_INTEGER;

/** The variables n8n gives pagination expressions, and where Flowloom's templates of this pagination find them. */
const PAGE_VARIABLES: Readonly<Record<string, string>> = { $response: '$json.response', $pageCount: '$json.pageCount' };

/** The `$` names an n8n expression uses (`$response`, `$json`, `$(`...). */
function dollarNames(source: string): string[] {
  return [...source.matchAll(/\$(?:[A-Za-z_][\w$]*|\()/g)].map((m) => m[0]);
}

/**
 * An n8n pagination value (a parameter's value, the continue rule) as a
 * template of Flowloom's pagination, whose `$json` is `{ response, pageCount }`:
 * `$response` and `$pageCount` are renamed, and an expression reading
 * anything else (the item, other nodes) is refused, since there `$json` is
 * the page and not the item.
 */
function pageTemplate(ctx: MapContext, path: string, raw: string): string {
  if (!raw.startsWith('=')) return ctx.convertString(raw, path);
  const others = dollarNames(raw).filter((name) => !(name in PAGE_VARIABLES));
  if (others.length > 0) {
    ctx.fail(
      path,
      `a pagination expression reading ${[...new Set(others)].join(', ')} (beside $response and $pageCount) has no Flowloom equivalent`,
    );
  }
  return ctx.convertString(
    raw.replace(/\$(response|pageCount)\b/g, (name) => PAGE_VARIABLES[name]!),
    path,
  );
}

/** The source inside `={{ … }}`, when the value is exactly one expression. */
function wholeExpression(raw: unknown): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const m = /^=\s*\{\{([^]*)\}\}\s*$/.exec(raw);
  return m && !m[1]!.includes('{{') && !m[1]!.includes('}}') ? m[1]! : undefined;
}

/**
 * n8n stops after `maxRequests` pages when the value is truthy (`pageCount >= max`),
 * so 0 or no number means no limit, a fraction rounds up and anything below 1 is one page.
 */
function maxPages(ctx: MapContext): unknown {
  if (!ctx.literal<boolean>(`${AT}.limitPagesFetched`, 'boolean', false)) {
    ctx.ignore(`${AT}.maxRequests`);
    return UNLIMITED;
  }
  const path = `${AT}.maxRequests`;
  const raw = ctx.raw(path);
  const inner = wholeExpression(raw);
  if (inner === undefined) {
    const m = ctx.literal<number>(path, 'number', 100);
    return !m ? UNLIMITED : Math.min(Math.max(Math.ceil(m), 1), UNLIMITED);
  }
  if (dollarNames(inner).some((name) => name in PAGE_VARIABLES)) {
    ctx.fail(path, 'a page limit computed from the answer ($response, $pageCount) has no Flowloom equivalent');
  }
  const limit =
    `((m) => ((n) => (!m || Number.isNaN(n) ? ${UNLIMITED} : Math.min(Math.max(n, 1), ${UNLIMITED})))` +
    `(Math.ceil(Number(m))))(${inner})`;
  return ctx.convertString(`={{ ${limit} }}`, path);
}

/**
 * When n8n asks for another page, as an n8n expression over `$response`
 * (none: Flowloom's default, a body that is not empty, is n8n's "Response Is Empty").
 */
function continueRule(ctx: MapContext, neverError: boolean): { rule: string; path: string } | undefined {
  const when = ctx.choice(`${AT}.paginationCompleteWhen`, ['responseIsEmpty', 'receiveSpecificStatusCodes', 'other'], 'responseIsEmpty');
  if (when === 'responseIsEmpty') {
    ctx.ignore(`${AT}.statusCodesWhenComplete`, `${AT}.completeExpression`);
    return undefined;
  }
  if (when === 'receiveSpecificStatusCodes') {
    ctx.ignore(`${AT}.completeExpression`);
    const codes = ctx
      .literal<string>(`${AT}.statusCodesWhenComplete`, 'string', '')
      .split(',')
      .map((code) => Number.parseInt(code.trim(), 10));
    return { rule: `={{ !${JSON.stringify(codes)}.includes($response.statusCode) }}`, path: `${AT}.statusCodesWhenComplete` };
  }
  ctx.ignore(`${AT}.statusCodesWhenComplete`);
  const complete = wholeExpression(ctx.raw(`${AT}.completeExpression`));
  if (complete === undefined || complete.trim() === '') {
    ctx.fail(`${AT}.completeExpression`, 'the Complete Expression must be one expression (n8n refuses an empty one too)');
  }
  // n8n fails on an error status unless the node never errors, by asking for another page after it.
  const rule = neverError
    ? `={{ !(${complete}) }}`
    : `={{ !(${complete}) || ($response.statusCode < 200 || $response.statusCode >= 300) }}`;
  return { rule, path: `${AT}.completeExpression` };
}

/**
 * n8n's pagination (`options.pagination`): "Update a Parameter in Each
 * Request" of query parameters or headers becomes Flowloom's `parameters`
 * pagination, whose templates see the last answer and the page count, with
 * n8n's rules for when to stop, its page limit and its interval.
 */
export function mapPagination(ctx: MapContext, options: { neverError: boolean; format: string }): Record<string, unknown> {
  if (!ctx.has(AT)) {
    ctx.ignore('options.pagination');
    return {};
  }
  const mode = ctx.choice(
    `${AT}.paginationMode`,
    ['off', 'updateAParameterInEachRequest', 'responseContainsNextURL'],
    'updateAParameterInEachRequest',
  );
  if (mode === 'off') {
    ctx.ignore(AT);
    return {};
  }
  if (mode === 'responseContainsNextURL') {
    ctx.fail(`${AT}.paginationMode`, "n8n's 'Response Contains Next URL' pagination is not mapped to Flowloom's yet");
  }
  if (options.format === 'file') {
    ctx.fail(`${AT}.paginationMode`, 'pagination of file answers has no Flowloom equivalent (its rule for an empty answer reads the body)');
  }
  ctx.ignore(`${AT}.nextURL`, `${AT}.webhookNotice`);
  const rows = ctx.rows(`${AT}.parameters.parameters`, ['type', 'name', 'value']);
  if (rows.length === 0) ctx.fail(`${AT}.parameters`, 'no parameter to update is given (n8n refuses it too)');
  const pageParameters = rows.map((i) => {
    const at = `${AT}.parameters.parameters[${i}]`;
    const type = ctx.choice(`${at}.type`, ['qs', 'headers', 'body'], 'qs');
    if (type === 'body') ctx.fail(`${at}.type`, 'updating a body parameter in each request has no Flowloom equivalent');
    const name = ctx.literal<string>(`${at}.name`, 'string', '');
    if (name === '') ctx.fail(`${at}.name`, 'the parameter has no name (n8n refuses it too)');
    const value = ctx.raw(`${at}.value`);
    if (typeof value !== 'string' || value === '') ctx.fail(`${at}.value`, 'the parameter has no value (n8n refuses it too)');
    return { in: type === 'qs' ? 'query' : 'header', name, value: pageTemplate(ctx, `${at}.value`, value) };
  });
  const next = continueRule(ctx, options.neverError);
  const interval = ctx.literal<number>(`${AT}.requestInterval`, 'number', 0);
  return {
    pagination: 'parameters',
    pageParameters,
    ...(next ? { continueExpression: pageTemplate(ctx, next.path, next.rule) } : {}),
    maxPages: maxPages(ctx),
    ...(interval > 0 ? { pageIntervalMs: Math.round(interval) } : {}),
  };
}
