// Structured Output, Information Extractor and Text Classifier: answers checked against a schema given in the editor,
// a refused answer sent back once, and the requests compared with the vendors' official clients.
import Anthropic from '@anthropic-ai/sdk';
import type { NodeShorthand } from '@flowloom/engine/testing';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { aiTestbed, aiWorkflow, chatModelNode, KEYS, outputJson } from './testing/ai-testbed.js';
import { logical } from './testing/fake-models.js';

const bed = aiTestbed();

const PERSON = {
  type: 'object',
  properties: { name: { type: 'string' }, age: { type: 'number' } },
  required: ['name', 'age'],
  additionalProperties: false,
};

const structuredNode = (parameters: Record<string, unknown>): NodeShorthand => ({
  id: 'structured',
  name: 'Structured',
  type: 'ai.structuredOutput',
  parameters: { prompt: 'Who is this: {{ $json.bio }}', ...parameters },
});
const person = (parameters: Record<string, unknown> = { schemaType: 'jsonSchema', jsonSchema: PERSON }) =>
  aiWorkflow({ node: structuredNode(parameters), model: chatModelNode('openai') });
const BIO = [{ json: { bio: 'Ada Lovelace, 36, wrote the first program.' } }];

const openAi = () => new OpenAI({ apiKey: KEYS.openai, organization: 'org-flowloom', baseURL: `${bed.oracle.url}/v1`, maxRetries: 0 });
const responseFormat = (schema: Record<string, unknown>): OpenAI.ResponseFormatJSONSchema => ({
  type: 'json_schema',
  json_schema: { name: 'response', strict: false, schema },
});

describe('Structured Output', () => {
  it('sends a malformed answer back once with what was wrong, and outputs the repaired one', async () => {
    bed.fake.script({ text: '{"name": "Ada", "age": ' }, { text: '{"name":"Ada","age":36}' });
    const execution = await bed.run(person(), BIO);
    expect(execution.status).toBe('success');
    expect(outputJson(execution, 'structured')).toEqual([{ output: { name: 'Ada', age: 36 } }]);
    const sent = (await bed.fake.take()).map(logical);

    const question: OpenAI.Chat.Completions.ChatCompletionMessageParam = {
      role: 'user',
      content: 'Who is this: Ada Lovelace, 36, wrote the first program.',
    };
    const repair = (sent[1]!.body as { messages: { content: string }[] }).messages.at(-1)!.content;
    expect(repair).toMatch(
      /^Your answer was refused: it is not valid JSON \(.+\)\. Answer again with only the corrected JSON object, matching the schema\.$/,
    );
    await openAi().chat.completions.create({ model: 'gpt-4o-mini', messages: [question], response_format: responseFormat(PERSON) });
    await openAi().chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [question, { role: 'assistant', content: '{"name": "Ada", "age": ' }, { role: 'user', content: repair }],
      response_format: responseFormat(PERSON),
    });
    expect(sent).toEqual((await bed.oracle.take()).map(logical));
  });

  it('fails clearly, naming the schema\u2019s parameter, when the repaired answer still does not match', async () => {
    bed.fake.script({ text: '{"name": 5}' }, { text: '{"name": "Ada"}' });
    const execution = await bed.run(person(), BIO);
    expect(execution.status).toBe('error');
    expect(execution.error).toMatchObject({
      code: 'AI_OUTPUT_INVALID',
      message:
        "Node 'Structured': the model's answer did not match the schema of parameter 'jsonSchema', even after it was asked once more (item 0): " +
        'it does not match the schema: \'age\': Invalid input: expected number, received undefined. Its last answer: "{\\"name\\": \\"Ada\\"}"',
    });
    const [, second] = await bed.fake.take();
    expect((second!.body as { messages: { content: string }[] }).messages.at(-1)!.content).toContain(
      "it does not match the schema: 'name': Invalid input: expected string, received number; 'age': Invalid input: expected number, received undefined",
    );
  });

  it('builds the schema from a list of fields', async () => {
    bed.fake.script({ text: '{"name":"Ada","born":1815}' });
    const fields = [
      { name: 'name', type: 'string', description: 'Full name' },
      { name: 'born', type: 'integer', required: false },
    ];
    const execution = await bed.run(person({ fields }), BIO);
    expect(outputJson(execution, 'structured')).toEqual([{ output: { name: 'Ada', born: 1815 } }]);
    const [request] = await bed.fake.take();
    expect((request!.body as { response_format: unknown }).response_format).toEqual(
      responseFormat({
        type: 'object',
        properties: { name: { type: 'string', description: 'Full name' }, born: { type: 'integer' } },
        required: ['name'],
        additionalProperties: false,
      }),
    );
  });

  it('refuses a schema it cannot check with before asking the model, naming the parameter', async () => {
    const before = bed.fake.requests.length;
    const notObject = await bed.run(person({ schemaType: 'jsonSchema', jsonSchema: { type: 'array' } }), BIO);
    expect(notObject.error).toMatchObject({
      code: 'PARAMETER_INVALID',
      message:
        'Node \'Structured\': parameter \'jsonSchema\' must describe an object ("type": "object"), since models answer with objects; got "array".',
    });
    const badType = await bed.run(
      person({ schemaType: 'jsonSchema', jsonSchema: '{ "type": "object", "properties": { "a": { "type": "strin" } } }' }),
      BIO,
    );
    expect(badType.error).toMatchObject({
      code: 'PARAMETER_INVALID',
      message: "Node 'Structured': parameter 'jsonSchema' is not a JSON Schema Flowloom can check answers with: Unsupported type: strin.",
    });
    const notJson = await bed.run(person({ schemaType: 'jsonSchema', jsonSchema: '{ type: object' }), BIO);
    expect(notJson.error).toMatchObject({
      code: 'PARAMETER_INVALID',
      message: expect.stringContaining("parameter 'jsonSchema' is not valid JSON") as unknown,
    });
    expect(bed.fake.requests.length).toBe(before);
  });

  it('repairs, then fails clearly, through the command line too', async () => {
    bed.fake.script({ text: 'Ada, 36' }, { text: '{"name":"Ada","age":36}' }, { text: '{}' }, { text: '{}' });
    const repaired = await bed.cli(person(), BIO);
    expect([repaired.code, outputJson(repaired.execution, 'structured')]).toEqual([0, [{ output: { name: 'Ada', age: 36 } }]]);
    const failed = await bed.cli(person(), BIO);
    expect(failed.code).toBe(1);
    expect(failed.execution.error).toMatchObject({
      code: 'AI_OUTPUT_INVALID',
      message: expect.stringContaining("parameter 'jsonSchema'") as unknown,
    });
    expect(await bed.fake.take()).toHaveLength(4);
  });
});

describe('Information Extractor on Anthropic, against @anthropic-ai/sdk', () => {
  it('asks for the attributes as the SDK would, and outputs what the model found', async () => {
    bed.fake.script({ toolCalls: [{ id: 'toolu_1', name: 'json', arguments: { name: 'Ada Lovelace', city: 'London' } }] });
    const attributes = [
      { name: 'name', type: 'string', description: 'The person\u2019s name' },
      { name: 'city', type: 'string', required: false },
    ];
    const workflow = aiWorkflow({
      node: {
        id: 'extract',
        name: 'Extract',
        type: 'ai.informationExtractor',
        parameters: { fields: attributes, system: 'Extract the attributes.' },
      },
      model: chatModelNode('anthropic', { maxOutputTokens: 512 }),
    });
    const execution = await bed.run(workflow, [{ json: { text: 'Ada Lovelace lived in London.' } }]);
    expect(outputJson(execution, 'extract')).toEqual([{ output: { name: 'Ada Lovelace', city: 'London' } }]);
    const sent = (await bed.fake.take()).map(logical);
    await new Anthropic({ apiKey: KEYS.anthropic, baseURL: bed.oracle.url, maxRetries: 0 }).messages.create({
      model: 'claude-3-5-haiku-20241022',
      max_tokens: 512,
      system: [{ type: 'text', text: 'Extract the attributes.' }],
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Ada Lovelace lived in London.' }] }],
      tools: [
        {
          name: 'json',
          description: 'Respond with a JSON object.',
          input_schema: {
            type: 'object',
            properties: { name: { type: 'string', description: 'The person\u2019s name' }, city: { type: 'string' } },
            required: ['name'],
            additionalProperties: false,
          },
        },
      ],
      tool_choice: { type: 'any', disable_parallel_tool_use: true },
    });
    const key = (r: ReturnType<typeof logical>) => ({ ...r, auth: r.auth?.replace(/^(Bearer |x-api-key: )/, '') });
    expect(sent.map(key)).toEqual((await bed.oracle.take()).map(logical).map(key));
  });
});

describe('Text Classifier', () => {
  const classifier = (fallback: 'discard' | 'other') =>
    aiWorkflow({
      node: {
        id: 'classify',
        name: 'Classify',
        type: 'ai.textClassifier',
        parameters: {
          categories: [
            { name: 'billing', description: 'Invoices, refunds, payments' },
            { name: 'technical', description: 'Errors, outages, how-to questions' },
          ],
          fallback,
        },
      },
      model: chatModelNode('openai'),
      after: [
        ['billing', { id: 'billing', type: 'core.noOp' }],
        ['technical', { id: 'technical', type: 'core.noOp' }],
        ...(fallback === 'other' ? ([['other', { id: 'other', type: 'core.noOp' }]] as [string, NodeShorthand][]) : []),
      ],
    });
  const tickets = [
    { json: { text: 'I was charged twice.' } },
    { json: { text: 'The app crashes on start.' } },
    { json: { text: 'Nice weather today.' } },
  ];
  const answers = () =>
    bed.fake.script({ text: '{"category":"billing"}' }, { text: '{"category":"technical"}' }, { text: '{"category":"none"}' });

  it('routes each item to its category\u2019s output, and one that fits none to "other"', async () => {
    answers();
    const execution = await bed.run(classifier('other'), tickets);
    expect(['billing', 'technical', 'other'].map((port) => outputJson(execution, 'classify', port))).toEqual([
      [{ text: 'I was charged twice.' }],
      [{ text: 'The app crashes on start.' }],
      [{ text: 'Nice weather today.' }],
    ]);
    const [first] = (await bed.fake.take()).map(logical);
    await openAi().chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [
        {
          role: 'system',
          content:
            'Put the text in the one category it belongs to. Answer "none" when it fits none of them.\n\nCategories:\n- billing: Invoices, refunds, payments\n- technical: Errors, outages, how-to questions',
        },
        { role: 'user', content: 'I was charged twice.' },
      ],
      response_format: responseFormat({
        type: 'object',
        properties: {
          category: { type: 'string', enum: ['billing', 'technical', 'none'], description: 'The category the text belongs to.' },
        },
        required: ['category'],
        additionalProperties: false,
      }),
    });
    expect(first).toEqual(logical((await bed.oracle.take())[0]!));
  });

  it('drops an item that fits no category, through the command line', async () => {
    answers();
    const { code, execution } = await bed.cli(classifier('discard'), tickets);
    expect(code).toBe(0);
    expect(['billing', 'technical'].map((port) => outputJson(execution, 'classify', port).length)).toEqual([1, 1]);
    expect(execution.nodes['classify']![0]!.output['other']).toBeUndefined();
    await bed.fake.take();
  });
});
