import { z } from 'zod';

const pair = z.object({ name: z.string().min(1, 'must not be empty'), value: z.string() });
/** A pagination field: a JSONata expression evaluated on each answer, so not a template itself. */
function responseExpression(
  label: string,
  placeholder: string,
  what: string,
  displayOptions: { show?: Record<string, unknown[]>; hide?: Record<string, unknown[]> },
) {
  return z
    .string()
    .optional()
    .meta({
      label,
      placeholder,
      description: `A JSONata expression over the last answer { body, headers, statusCode }, written without {{ }}. ${what}`,
      editor: 'code',
      language: 'jsonata',
      noExpression: true,
      displayOptions,
    });
}
const show = (field: string, values: unknown[]) => ({ displayOptions: { show: { [field]: values } } });

/** How long a request may take and how often it is tried again: the same for every node that sends requests. */
export const requestLimitProperties = {
  timeoutMs: z.number().int().positive().default(300_000).meta({ label: 'Timeout (ms)' }),
  maxRetries: z
    .number()
    .int()
    .min(0)
    .max(10)
    .default(0)
    .meta({ label: 'Retries on 429 and 5xx', description: "Honours the server's Retry-After." }),
};

/** The HTTP Request node's parameters. */
export const httpRequestProperties = z.object({
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']).default('GET').meta({ label: 'Method' }),
  url: z
    .string()
    .trim()
    .refine((s) => URL.canParse(s) && /^https?:$/.test(new URL(s).protocol), 'must be an http:// or https:// URL')
    .meta({ label: 'URL', placeholder: 'https://api.example.com/orders' }),
  query: z.array(pair).default([]).meta({ label: 'Query parameters' }),
  headers: z.array(pair).default([]).meta({ label: 'Headers' }),
  bodyType: z
    .enum(['none', 'json', 'form', 'multipart', 'raw', 'binary'])
    .default('none')
    .meta({
      label: 'Body',
      options: [
        { value: 'none', label: 'None' },
        { value: 'json', label: 'JSON' },
        { value: 'form', label: 'Form (urlencoded)' },
        { value: 'multipart', label: 'Multipart form' },
        { value: 'raw', label: 'Raw text' },
        { value: 'binary', label: 'Binary file from the item' },
      ],
    }),
  jsonBody: z
    .unknown()
    .optional()
    .meta({ label: 'JSON body', editor: 'json', ...show('bodyType', ['json']) }),
  formFields: z
    .array(pair)
    .default([])
    .meta({ label: 'Form fields', ...show('bodyType', ['form']) }),
  multipartFields: z
    .array(
      z.object({
        name: z.string().min(1, 'must not be empty'),
        value: z.string().optional(),
        binaryProperty: z.string().optional().meta({ description: 'Send this binary of the item as a file instead of a value.' }),
      }),
    )
    .default([])
    .meta({ label: 'Multipart fields', ...show('bodyType', ['multipart']) }),
  rawBody: z
    .string()
    .optional()
    .meta({ label: 'Raw body', editor: 'multiline', ...show('bodyType', ['raw']) }),
  rawContentType: z
    .string()
    .default('text/plain')
    .meta({ label: 'Content type', ...show('bodyType', ['raw']) }),
  binaryProperty: z
    .string()
    .min(1, 'must not be empty')
    .default('data')
    .meta({ label: 'Binary property', ...show('bodyType', ['binary']) }),
  responseFormat: z
    .enum(['auto', 'json', 'text', 'binary'])
    .default('auto')
    .meta({ label: 'Response format', description: 'Auto reads JSON and text by content type, anything else as a file.' }),
  fileProperty: z
    .string()
    .min(1, 'must not be empty')
    .default('data')
    .meta({
      label: 'Binary property for a file',
      description: 'The binary property of the output item that holds a file answer.',
      ...show('responseFormat', ['auto', 'binary']),
    }),
  fullResponse: z.boolean().default(false).meta({
    label: 'Include status and headers',
    description: "Output { statusCode, statusMessage, headers, body }; 'set-cookie' is a list of the cookies set.",
  }),
  bodyField: z
    .string()
    .min(1, 'must not be empty')
    .default('body')
    .meta({ label: 'Field for the body', ...show('fullResponse', [true]) }),
  splitArrays: z.boolean().default(true).meta({ label: 'Split JSON arrays into items' }),
  neverError: z.boolean().default(false).meta({ label: 'Never error', description: 'Treat 4xx and 5xx answers as success.' }),
  ...requestLimitProperties,
  retryDelayMs: z.number().int().min(0).default(1000).meta({ label: 'First retry delay (ms)', description: 'Doubles on each retry.' }),
  maxRetryDelayMs: z.number().int().min(0).default(60_000).meta({ label: 'Longest retry delay (ms)' }),
  pagination: z
    .enum(['off', 'pageNumber', 'offset', 'cursor', 'nextUrl', 'parameters'])
    .default('off')
    .meta({
      label: 'Pagination',
      options: [
        { value: 'off', label: 'Off' },
        { value: 'pageNumber', label: 'Page number in a query parameter' },
        { value: 'offset', label: 'Offset and limit in query parameters' },
        { value: 'cursor', label: 'Cursor from the response' },
        { value: 'nextUrl', label: 'Next URL from the response' },
        { value: 'parameters', label: 'Update parameters in each request' },
      ],
    }),
  pageParam: z
    .string()
    .min(1)
    .default('page')
    .meta({ label: 'Page parameter', ...show('pagination', ['pageNumber']) }),
  firstPage: z
    .number()
    .int()
    .default(1)
    .meta({ label: 'First page', ...show('pagination', ['pageNumber']) }),
  offsetParam: z
    .string()
    .min(1)
    .default('offset')
    .meta({ label: 'Offset parameter', ...show('pagination', ['offset']) }),
  limitParam: z
    .string()
    .min(1)
    .default('limit')
    .meta({ label: 'Limit parameter', ...show('pagination', ['offset']) }),
  pageSize: z
    .number()
    .int()
    .positive()
    .default(100)
    .meta({ label: 'Page size', ...show('pagination', ['offset', 'pageNumber']) }),
  cursorParam: z
    .string()
    .min(1)
    .default('cursor')
    .meta({ label: 'Cursor parameter', ...show('pagination', ['cursor']) }),
  cursorExpression: responseExpression('Cursor', 'body.meta.next_cursor', 'Gives the next cursor; empty or missing ends the pagination.', {
    show: { pagination: ['cursor'] },
  }),
  nextUrlExpression: responseExpression(
    'Next URL',
    'body.links.next',
    'Gives the next URL (relative URLs and Link headers work); empty ends the pagination.',
    { show: { pagination: ['nextUrl'] } },
  ),
  resultsExpression: responseExpression('Results', 'body.data', 'Gives the list of results of a page; an empty list ends the pagination.', {
    hide: { pagination: ['off', 'parameters'] },
  }),
  completeExpression: responseExpression(
    'Complete when',
    'body.has_more = false',
    'The pagination ends after a page for which it is true.',
    {
      hide: { pagination: ['off', 'parameters'] },
    },
  ),
  pageParameters: z
    .array(
      z.object({
        in: z.enum(['query', 'header']).default('query'),
        name: z.string().min(1, 'must not be empty'),
        value: z.string(),
      }),
    )
    .default([])
    .meta({
      label: 'Parameters to update',
      description:
        'Set before every request, the first included. Each value is a template over { response, pageCount }: the last answer ' +
        '{ body, headers, statusCode } (empty before the first) and the number of pages fetched. A value that gives nothing ' +
        "leaves the request's own value; null sends an empty value.",
      noExpression: true,
      ...show('pagination', ['parameters']),
    }),
  continueExpression: z
    .string()
    .optional()
    .meta({
      label: 'Continue while',
      placeholder: '{{ response.body.has_more }}',
      description:
        'A template over { response, pageCount } evaluated after each page: another page is requested while it gives a truthy ' +
        'value. Empty: while the body is not empty (a list with elements, or any value but empty text). Asking for another ' +
        'page after an error status (4xx, 5xx) fails.',
      editor: 'code',
      noExpression: true,
      ...show('pagination', ['parameters']),
    }),
  maxPages: z
    .number()
    .int()
    .positive()
    .default(100)
    .meta({ label: 'Max pages', displayOptions: { hide: { pagination: ['off'] } } }),
  pageIntervalMs: z
    .number()
    .int()
    .min(0)
    .default(0)
    .meta({ label: 'Pause between pages (ms)', ...show('pagination', ['parameters']) }),
  batchSize: z.number().int().min(0).default(0).meta({ label: 'Items per batch', description: '0: one request after another, no pause.' }),
  batchIntervalMs: z.number().int().min(0).default(0).meta({ label: 'Pause between batches (ms)' }),
});

/** Parsed HTTP Request parameters. */
export type HttpRequestParams = z.output<typeof httpRequestProperties>;
