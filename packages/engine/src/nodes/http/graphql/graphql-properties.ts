import { z } from 'zod';
import { requestLimitProperties } from '../http-request-properties.js';

const show = (values: Record<string, unknown[]>) => ({ displayOptions: { show: values } });

/** The GraphQL node's parameters. */
export const graphqlProperties = z.object({
  endpoint: z
    .string()
    .trim()
    .refine((s) => URL.canParse(s) && /^https?:$/.test(new URL(s).protocol), 'must be an http:// or https:// URL')
    .meta({ label: 'Endpoint', placeholder: 'https://api.example.com/graphql' }),
  method: z
    .enum(['POST', 'GET'])
    .default('POST')
    .meta({ label: 'HTTP method', description: 'GET sends the query in the query string, as GraphQL over HTTP allows for queries.' }),
  requestFormat: z
    .enum(['json', 'graphql'])
    .default('json')
    .meta({
      label: 'Request format',
      options: [
        { value: 'json', label: 'JSON ({ query, variables, operationName })' },
        { value: 'graphql', label: 'GraphQL (the query alone, as application/graphql)' },
      ],
      ...show({ method: ['POST'] }),
    }),
  query: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .meta({ label: 'Query', editor: 'code', language: 'graphql', placeholder: 'query { viewer { login } }' }),
  variables: z
    .unknown()
    .optional()
    .meta({
      label: 'Variables',
      editor: 'json',
      description: 'A JSON object (or its text) of the variables the query declares.',
      displayOptions: { hide: { requestFormat: ['graphql'] } },
    }),
  operationName: z
    .string()
    .optional()
    .meta({
      label: 'Operation name',
      description: 'Which operation of the query to run, when it holds several.',
      displayOptions: { hide: { requestFormat: ['graphql'] } },
    }),
  headers: z
    .array(z.object({ name: z.string().min(1, 'must not be empty'), value: z.string() }))
    .default([])
    .meta({ label: 'Headers' }),
  responseFormat: z
    .enum(['json', 'string'])
    .default('json')
    .meta({
      label: 'Response format',
      options: [
        { value: 'json', label: 'JSON: the answer is the item' },
        { value: 'string', label: 'Text: the answer as text in one field' },
      ],
    }),
  dataField: z
    .string()
    .min(1, 'must not be empty')
    .default('data')
    .meta({ label: 'Field for the answer', ...show({ responseFormat: ['string'] }) }),
  ...requestLimitProperties,
});

/** Parsed GraphQL parameters. */
export type GraphqlParams = z.output<typeof graphqlProperties>;
