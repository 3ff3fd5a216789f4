import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../run/engine.js';
import { silentLogger } from '../../../ports/logger.js';
import { describeNodeType } from '../../node-registry.js';
import { flowNodeTypes } from '../../flow/index.js';
import { dataNodeTypes } from '../index.js';

const library = [...flowNodeTypes, ...dataNodeTypes];

describe('flow and data node library', () => {
  it('has the documented type ids', () => {
    expect(library.map((t) => t.type).sort()).toEqual(
      [
        'core.if',
        'core.filter',
        'core.switch',
        'core.merge',
        'core.splitInBatches',
        'core.stopAndError',
        'core.set',
        'core.sort',
        'core.limit',
        'core.splitOut',
        'core.aggregate',
        'core.summarize',
        'core.removeDuplicates',
        'core.renameKeys',
        'core.dateTime',
        'core.crypto',
        'core.convertToFile',
        'core.extractFromFile',
        'core.compression',
        'core.jwt',
        'core.xml',
        'core.markdown',
        'core.html',
        'core.rssRead',
        'core.compareDatasets',
        'core.editImage',
        'core.totp',
        'core.debugHelper',
        'core.executionData',
      ].sort(),
    );
  });

  it('is registered in every engine (loading on first use)', async () => {
    const engine = createEngine({ logger: silentLogger });
    for (const t of library) expect(await engine.nodeTypes.load(t.type, 1)).toBe(t);
  });

  it.each(library.map((t) => [t.type, t] as const))('%s describes a form the editor can generate', (_, type) => {
    expect(type.description).toBeTruthy();
    expect(type.icon).toBeTruthy();
    const d = describeNodeType(type);
    const properties = (d.properties as { properties?: Record<string, { label?: string }> }).properties ?? {};
    expect(Object.keys(properties).length).toBeGreaterThan(0);
    for (const [key, schema] of Object.entries(properties)) expect(schema.label, `${type.type}: ${key} has no label`).toBeTruthy();
  });

  it('marks only Loop Over Items as a loop node', () => {
    expect(library.filter((t) => t.loop).map((t) => t.type)).toEqual(['core.splitInBatches']);
  });
});
