import { createEngine, defineNode, type Engine, type Workflow, type WorkflowInput } from '@flowloom/engine';
import { buildWorkflow } from '@flowloom/engine/testing';
import { z } from 'zod';
import { defineWorkflowEditor } from '../define-workflow-editor.js';
import type { WfCanvas } from '../canvas/canvas.component.js';
import type { WorkflowEditor } from '../workflow-editor.component.js';

/** Node types used by the element's tests. */
export const testNodeTypes = [
  defineNode({
    type: 'test.people',
    version: 1,
    displayName: 'People',
    description: 'Emits two people.',
    group: 'data',
    inputs: ['main'],
    outputs: ['main'],
    properties: z.object({}),
    execute: () => [
      { json: { name: 'Ada', age: 36, address: { city: 'London' } } },
      { json: { name: 'Alan', age: 41, address: { city: 'Wilmslow' } } },
    ],
  }),
  defineNode({
    type: 'test.form',
    version: 1,
    displayName: 'Form Fields',
    description: 'Has one parameter of each kind.',
    group: 'utility',
    inputs: ['main'],
    outputs: ['main'],
    properties: z.object({
      text: z.string().min(3, 'text needs at least 3 characters').default('hello').meta({ label: 'Text' }),
      count: z.number().int().default(2).meta({ label: 'Count' }),
      enabled: z.boolean().default(false).meta({ label: 'Enabled' }),
      mode: z.enum(['simple', 'advanced']).default('simple').meta({ label: 'Mode' }),
      extra: z
        .string()
        .optional()
        .meta({ label: 'Extra', displayOptions: { show: { mode: ['advanced'] } } }),
      tags: z
        .array(z.enum(['a', 'b', 'c']))
        .default([])
        .meta({ label: 'Tags' }),
      rows: z
        .array(z.object({ key: z.string(), value: z.string() }))
        .default([])
        .meta({ label: 'Rows' }),
      options: z
        .object({ retries: z.number().default(1), verbose: z.boolean().default(false) })
        .default({ retries: 1, verbose: false })
        .meta({ label: 'Options' }),
      payload: z.record(z.string(), z.unknown()).optional().meta({ label: 'Payload' }),
      script: z.string().default('return items;').meta({ label: 'Script', editor: 'code', language: 'javascript' }),
    }),
    execute: (ctx) => ctx.input(),
  }),
  defineNode({
    type: 'test.fail',
    version: 1,
    displayName: 'Always Fails',
    group: 'utility',
    inputs: ['main'],
    outputs: ['main'],
    properties: z.object({}),
    execute: () => {
      throw new Error('this node always fails');
    },
  }),
  defineNode({
    type: 'test.slow',
    version: 1,
    displayName: 'Slow',
    group: 'utility',
    inputs: ['main'],
    outputs: ['main'],
    properties: z.object({}),
    execute: (ctx) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => resolve(ctx.input()), 30_000);
        ctx.signal.addEventListener('abort', () => {
          clearTimeout(timer);
          reject(new Error('aborted'));
        });
      }),
  }),
];

/** A three-node workflow: trigger -> people -> form. */
export function sampleWorkflow(): Workflow {
  return buildWorkflow({
    id: 'sample',
    name: 'Sample',
    nodes: [
      { id: 't', name: 'Start', type: 'core.manualTrigger', position: { x: 0, y: 0 } },
      { id: 'p', name: 'People', type: 'test.people', position: { x: 300, y: 0 } },
      { id: 'f', name: 'Form', type: 'test.form', position: { x: 600, y: 0 } },
    ],
    connections: [
      ['t', 'p'],
      ['p', 'f'],
    ],
  });
}

/** An engine with the test node types. */
export function testEngine(): Engine {
  return createEngine({ nodeTypes: testNodeTypes, logger: { debug() {}, info() {}, warn() {}, error() {} } });
}

/** Mounts an editor (1200x800) with the test engine and a workflow; removes earlier ones. */
export async function mountEditor(
  workflow: WorkflowInput = sampleWorkflow(),
  setup?: (el: WorkflowEditor) => void,
): Promise<WorkflowEditor> {
  defineWorkflowEditor();
  document.querySelectorAll('workflow-editor').forEach((e) => e.remove());
  const el = document.createElement('workflow-editor') as WorkflowEditor;
  el.style.cssText = 'display:block;width:1200px;height:800px';
  el.engine = testEngine();
  setup?.(el);
  el.workflow = workflow;
  document.body.append(el);
  await el.updateComplete;
  await settle(el);
  return el;
}

/** The editor's canvas part. */
export function canvasOf(el: WorkflowEditor): WfCanvas {
  return el.shadowRoot!.querySelector('wf-canvas') as WfCanvas;
}

/** Waits for pending renders of the editor and its parts (two frames). */
export async function settle(el: WorkflowEditor): Promise<void> {
  for (let i = 0; i < 2; i++) {
    await new Promise((r) => requestAnimationFrame(() => r(undefined)));
    await el.updateComplete;
    for (const part of el.shadowRoot!.querySelectorAll('wf-canvas, wf-palette, wf-inspector, wf-run-panel'))
      await (part as WfCanvas).updateComplete;
  }
}

/** Dispatches a key press on an element inside the editor. */
export function press(target: Element, key: string, init: KeyboardEventInit = {}): void {
  target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, composed: true, cancelable: true, ...init }));
}

/** A part's shadow root. */
export function part(el: WorkflowEditor, tag: string): ShadowRoot {
  return el.shadowRoot!.querySelector(tag)!.shadowRoot!;
}
