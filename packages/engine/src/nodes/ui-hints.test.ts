import { describe, expect, it } from 'vitest';
import { coreNodeTypes, describeNodeType } from '@flowloom/engine';

interface JsonSchemaNode {
  properties?: Record<string, JsonSchemaNode>;
  items?: JsonSchemaNode;
  anyOf?: JsonSchemaNode[];
  enum?: unknown[];
  valueTypeFrom?: string;
}

/** Every object schema in a JSON Schema tree, with its path. */
function objects(schema: JsonSchemaNode, path = ''): [string, JsonSchemaNode][] {
  const out: [string, JsonSchemaNode][] = [];
  if (schema.properties) {
    out.push([path, schema]);
    for (const [k, p] of Object.entries(schema.properties)) out.push(...objects(p, path ? `${path}.${k}` : k));
  }
  if (schema.items) out.push(...objects(schema.items, `${path}[]`));
  for (const alt of schema.anyOf ?? []) out.push(...objects(alt, path));
  return out;
}

const describeType = (type: string) => describeNodeType(coreNodeTypes.find((t) => t.type === type)!).properties as JsonSchemaNode;

describe('the valueTypeFrom hint', () => {
  it('reaches the JSON Schema of Edit Fields and of the conditions of If, Filter and Switch', () => {
    const set = describeType('core.set');
    expect(set.properties!.fields!.items!.properties!.value!.valueTypeFrom).toBe('type');
    for (const type of ['core.if', 'core.filter']) {
      const condition = describeType(type).properties!.conditions!.items!.properties!;
      expect([condition.leftValue!.valueTypeFrom, condition.rightValue!.valueTypeFrom, condition.rightValue2!.valueTypeFrom]).toEqual([
        'operator',
        'operator',
        'operator',
      ]);
    }
    const switchObjects = objects(describeType('core.switch')).filter(([, o]) => o.properties?.rightValue?.valueTypeFrom === 'operator');
    expect(switchObjects.length).toBeGreaterThan(0);
  });

  it('names a sibling field with choices wherever a core node type uses it', () => {
    let uses = 0;
    for (const t of coreNodeTypes) {
      for (const [path, object] of objects(describeNodeType(t).properties as JsonSchemaNode)) {
        for (const [key, field] of Object.entries(object.properties!)) {
          if (field.valueTypeFrom === undefined) continue;
          uses++;
          const sibling = object.properties![field.valueTypeFrom];
          expect(sibling, `${t.type} ${path}.${key}`).toBeDefined();
          expect(sibling!.enum, `${t.type} ${path}.${field.valueTypeFrom} lists its values`).toBeDefined();
        }
      }
    }
    expect(uses).toBeGreaterThanOrEqual(7);
  });
});
