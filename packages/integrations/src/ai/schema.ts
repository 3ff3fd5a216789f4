// The schemas people give AI nodes in the editor: a JSON Schema, or a list of fields the form builds. Either
// becomes a zod schema (which checks answers and tool arguments) and the JSON Schema the model is shown.
import type { NodeContext } from '@flowloom/engine';
import { jsonSchema, type Schema } from 'ai';
import { z } from 'zod';
import { aiError } from './supplies.js';

/** One field of a schema written as a list (the editor's simple form). */
export const fieldSchema = z.object({
  name: z.string().trim().min(1).meta({ label: 'Name' }),
  type: z.enum(['string', 'number', 'integer', 'boolean', 'array', 'object']).default('string').meta({ label: 'Type' }),
  description: z.string().optional().meta({ label: 'Description', description: 'What the value is, for the model.' }),
  required: z.boolean().default(true).meta({ label: 'Required' }),
});
export type Field = z.output<typeof fieldSchema>;

/** A schema as the AI nodes use it: checked answers (`zod`) and what the model is shown (`json`). */
export interface UserSchema {
  json: Record<string, unknown>;
  zod: z.ZodType;
}

/** The JSON Schema of a list of fields: an object with those properties. */
export function fieldsToJsonSchema(fields: readonly Field[]): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const f of fields) {
    properties[f.name] = {
      type: f.type,
      ...(f.type === 'array' ? { items: {} } : {}),
      ...(f.description ? { description: f.description } : {}),
    };
  }
  const required = fields.filter((f) => f.required).map((f) => f.name);
  return { type: 'object', properties, ...(required.length ? { required } : {}), additionalProperties: false };
}

/**
 * Reads a JSON Schema given as a parameter (an object, or its JSON text):
 * it must be an object schema, since model APIs take nothing else. Throws a
 * node error naming the parameter when it is not a schema zod can check with.
 */
export function readJsonSchema(ctx: NodeContext, value: unknown, parameter: string, owner?: string): UserSchema {
  // `parameter 'tool.schema' of tool node 'Weather'` when the schema is another node's setting.
  const where = owner === undefined ? `parameter '${parameter}'` : `${owner}: setting '${parameter}'`;
  let json: unknown = value;
  if (typeof value === 'string') {
    try {
      json = JSON.parse(value) as unknown;
    } catch (error) {
      throw aiError(ctx, `${where} is not valid JSON: ${(error as Error).message}`, 'PARAMETER_INVALID');
    }
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw aiError(ctx, `${where} must be a JSON Schema object, such as { "type": "object", "properties": { ... } }.`, 'PARAMETER_INVALID');
  }
  const schema = json as Record<string, unknown>;
  if (schema['type'] !== 'object') {
    throw aiError(
      ctx,
      `${where} must describe an object ("type": "object"), since models answer with objects; got ${JSON.stringify(schema['type'] ?? null)}.`,
      'PARAMETER_INVALID',
    );
  }
  let zod: z.ZodType;
  try {
    zod = z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0]);
  } catch (error) {
    throw aiError(ctx, `${where} is not a JSON Schema Flowloom can check answers with: ${(error as Error).message}.`, 'PARAMETER_INVALID');
  }
  // Metadata keys the model APIs do not take.
  const { $schema: _schema, $id: _id, ...shown } = schema;
  return { json: shown, zod };
}

/** A schema from a list of fields. */
export function schemaFromFields(ctx: NodeContext, fields: readonly Field[], parameter: string): UserSchema {
  if (fields.length === 0) throw aiError(ctx, `parameter '${parameter}' lists no field; add at least one.`, 'PARAMETER_INVALID');
  const seen = new Set<string>();
  for (const f of fields) {
    if (seen.has(f.name)) throw aiError(ctx, `parameter '${parameter}' names the field '${f.name}' twice.`, 'PARAMETER_INVALID');
    seen.add(f.name);
  }
  return readJsonSchema(ctx, fieldsToJsonSchema(fields), parameter);
}

/** Describes zod issues for a person or a model: `'age': expected number; 'name': required`. */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .slice(0, 10)
    .map((i) => `${i.path.length ? `'${i.path.map(String).join('.')}'` : 'the answer'}: ${i.message}`)
    .join('; ');
}

/** The AI SDK schema of a user schema: shown to the model as JSON Schema, checked with zod. */
export function sdkSchema(schema: UserSchema): Schema<unknown> {
  return jsonSchema<unknown>(schema.json as Parameters<typeof jsonSchema>[0], {
    validate: (value) => {
      const result = schema.zod.safeParse(value);
      return result.success
        ? { success: true, value: result.data }
        : { success: false, error: new TypeError(describeIssues(result.error.issues)) };
    },
  });
}
