import type { WorkflowNode } from '@flowloom/engine';
import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { EditorConsumer } from '../controllers/editor-consumer.js';
import { onMappingDragOver, onMappingDrop } from '../data-tools/drop-mapping.js';
import type { EditorActions } from '../editor-actions.js';
import type { WfExpressionInput } from '../expression/expression-input.component.js';
import { issueSentence, type FieldIssue } from './field-issues.js';
import { renderControl } from './field-controls.js';
import { InspectorResize } from './inspector-resize.js';
import { inspectorStyles } from './inspector.styles.js';
import { renderNodeSettings } from './node-settings.js';
import {
  blankValue,
  defaultsOf,
  fieldKind,
  fieldLabel,
  hintedKind,
  isShown,
  isTemplate,
  plainText,
  unwrap,
  withField,
  type FieldKind,
  type FieldSchema,
} from './schema-field.js';

let uid = 0;

const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const asObject = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

/** What one render of the parameters shares. */
interface FormContext {
  ed: EditorActions;
  node: WorkflowNode;
  schema: FieldSchema;
  issues: readonly FieldIssue[];
}

/** One field to render. */
interface FieldArgs {
  key: string;
  schema: FieldSchema;
  value: unknown;
  /** The field's value in the store now (an edit may come before the form re-renders). */
  get: () => unknown;
  required: boolean;
  /** The values of the fields beside it (defaults included), for `valueTypeFrom`. */
  siblings: Record<string, unknown>;
  set: (v: unknown) => void;
  /** The parameter path, dot-separated (`fields.0.value`). */
  path: string;
}

/**
 * The inspector: the selected node's name, its parameters as a form
 * generated from the node type's schema, and its settings. A fixed value is
 * typed as what it is (text, a number, a checkbox; JSON for objects and
 * arrays); typing `{{` turns a field into an expression, and it stays one
 * until its fx button is pressed. Problems show once the user has left the
 * field, or for every field once a run was attempted. The handle on its
 * inner edge resizes it.
 *
 * @tagname wf-inspector
 */
export class WfInspector extends LitElement {
  static override styles = inspectorStyles;
  readonly #editor = new EditorConsumer(this);
  readonly #resize = new InspectorResize(this);
  /** Fields in expression mode (node id + path): set by the fx button or a `{{`, cleared only by the fx button. */
  readonly #expressionMode = new Set<string>();
  /** Fields the user has left (node id + path): their problems show. */
  readonly #touched = new Set<string>();
  /**
   * Fields left, with the document and the issues of that moment. A field whose value was committed as
   * the focus left it counts as visited once the editor has checked the new value, so leaving a field
   * never flashes the problem the user just fixed.
   */
  readonly #leftUnchecked = new Map<string, { workflow: unknown; issues: unknown; settled: boolean }>();
  /** The document the last render showed. */
  #renderedWorkflow: unknown;
  /** Parameter paths on screen in the current render. */
  #rendered = new Set<string>();
  /** The field whose expression input takes the focus after this update. */
  #focusExpression: string | undefined;
  #workflowId: string | undefined;
  readonly #prefix = `wf-insp-${++uid}`;

  override render(): TemplateResult | typeof nothing {
    const ed = this.#editor.editor;
    if (!ed) return nothing;
    if (ed.store.workflow.id !== this.#workflowId) {
      this.#workflowId = ed.store.workflow.id;
      this.#expressionMode.clear();
      this.#touched.clear();
      this.#leftUnchecked.clear();
    }
    for (const [key, left] of this.#leftUnchecked) {
      // Unsettled: the change event may still come. Changed but not checked yet: the check comes next.
      if (!left.settled || (ed.store.issues === left.issues && ed.store.workflow !== left.workflow)) continue;
      this.#touched.add(key);
      this.#leftUnchecked.delete(key);
    }
    this.#renderedWorkflow = ed.store.workflow;
    return html`${this.#resize.render(ed.t('inspector.resize'))}
      <div
        class="scroll"
        @focusout=${this.#onLeave}
        @change=${this.#onLeave}
        @dragover=${onMappingDragOver}
        @drop=${(e: DragEvent) => onMappingDrop(e, ed)}
      >
        ${this.#content(ed)}
      </div>`;
  }

  override updated(): void {
    const path = this.#focusExpression;
    if (path === undefined) return;
    this.#focusExpression = undefined;
    const input = this.renderRoot.querySelector<WfExpressionInput>(`[data-param="${CSS.escape(path)}"] > wf-expression-input`);
    void input?.updateComplete.then(() => {
      input.focus();
      input.setSelectionRange(input.value.length, input.value.length);
    });
  }

  #content(ed: EditorActions): TemplateResult {
    const { store, t } = ed;
    const [id] = store.selectedNodes.size === 1 ? [...store.selectedNodes] : [];
    const node = id ? store.node(id) : undefined;
    if (!node) return html`<p class="empty">${t('inspector.empty')}</p>`;
    const desc = store.describe(node.type);
    const schema = (desc?.properties ?? { type: 'object', properties: {} }) as FieldSchema;
    const ctx: FormContext = { ed, node, schema, issues: store.issues.get(node.id) ?? [] };
    const defaults = defaultsOf(schema);
    const siblings = { ...defaults, ...node.parameters };
    const props = Object.entries(schema.properties ?? {}).filter(([, s]) => isShown(s, node.parameters, defaults));
    const required = new Set(schema.required ?? []);
    this.#rendered = new Set();
    const fields = props.map(([key, s]) =>
      this.#field(ctx, {
        key,
        schema: s,
        value: node.parameters[key],
        get: () => store.node(node.id)?.parameters[key],
        required: required.has(key) && s.default === undefined,
        siblings,
        set: (v) => this.#setParameter(ed, node.id, schema, key, v),
        path: key,
      }),
    );
    const others = ctx.issues.filter(
      (i) =>
        i.path !== '' &&
        !(i.path.startsWith('parameters.') && this.#rendered.has(i.path.slice('parameters.'.length))) &&
        this.#visible(ed, node.id, i.path),
    );
    return html`<div class="inner">
      <div class="field">
        <label for=${`${this.#prefix}-name`}>${t('inspector.name')}</label>
        <input
          id=${`${this.#prefix}-name`}
          type="text"
          .value=${node.name}
          ?readonly=${store.isLocked(node.id)}
          @change=${(e: Event) => {
            const input = e.target as HTMLInputElement;
            if (!ed.updateNode(node.id, { name: input.value.trim() })) input.value = node.name;
          }}
        />
        <span class="type">${desc ? desc.displayName : t('inspector.unknownType', { type: node.type })}</span>
      </div>
      <wf-node-credentials .nodeId=${node.id}></wf-node-credentials>
      <wf-node-data .nodeId=${node.id}></wf-node-data>
      <h3>${t('inspector.parameters')}</h3>
      ${props.length === 0 ? html`<p class="help">${t('inspector.noParameters')}</p>` : nothing} ${fields}
      ${
        others.length > 0
          ? html`<ul class="issues" aria-label=${t('inspector.issue.others')}>
              ${others.map((i) => html`<li>${this.#issue(ctx, i)}</li>`)}
            </ul>`
          : nothing
      }
      <h3>${t('inspector.settings')}</h3>
      ${renderNodeSettings(ed, node, this.#prefix)}
    </div>`;
  }

  /** Sets a top-level parameter, carrying over the parameters whose kind it gives (one undo step). */
  #setParameter(ed: EditorActions, nodeId: string, schema: FieldSchema, key: string, value: unknown): void {
    const dependent = Object.values(schema.properties ?? {}).some((s) => unwrap(s).valueTypeFrom === key);
    const parameters = ed.store.node(nodeId)?.parameters;
    if (!dependent || !parameters) ed.setParameter(nodeId, key, value);
    else ed.updateNode(nodeId, { parameters: withField(parameters, key, value, schema) }, `${nodeId}:parameters.${key}`);
  }

  /** Drops the expression mode and visits of the fields under a key prefix (the items after a removed one move up). */
  #forget(prefix: string): void {
    for (const set of [this.#expressionMode, this.#touched]) for (const key of [...set]) if (key.startsWith(prefix)) set.delete(key);
    for (const key of [...this.#leftUnchecked.keys()]) if (key.startsWith(prefix)) this.#leftUnchecked.delete(key);
  }

  /** Marks the field the focus left (or whose native control committed a change) as visited. */
  #onLeave = (e: Event): void => {
    const origin = e.composedPath()[0];
    // Custom controls (expression, code) announce every keystroke as a change; leaving them is what counts.
    if (e.type === 'change' && origin instanceof HTMLElement && origin.localName.includes('-')) return;
    const field = e.composedPath().find((n): n is HTMLElement => n instanceof HTMLElement && n.dataset.param !== undefined);
    const store = this.#editor.editor?.store;
    const [nodeId] = store?.selectedNodes ?? [];
    if (!store || !field || nodeId === undefined) return;
    const key = `${nodeId}:${field.dataset.param}`;
    if (this.#touched.has(key) || this.#leftUnchecked.has(key)) return;
    // Leaving a text box commits its value too, in a `change` just before or just after `focusout`: the
    // field counts once that has happened (after this task) and the new value was checked.
    const left = { workflow: e.type === 'change' ? this.#renderedWorkflow : store.workflow, issues: store.issues, settled: false };
    this.#leftUnchecked.set(key, left);
    setTimeout(() => {
      left.settled = true;
      this.requestUpdate();
    });
  };

  /**
   * Whether an issue shows: after a run was attempted, or once the user left
   * the field it belongs to (the deepest one on screen on its path) or a
   * field inside that one.
   */
  #visible(ed: EditorActions, nodeId: string, issuePath: string): boolean {
    if (ed.store.runAttempted) return true;
    if (!issuePath.startsWith('parameters.')) return false;
    let anchor = issuePath.slice('parameters.'.length);
    while (anchor !== '' && !this.#rendered.has(anchor)) anchor = anchor.includes('.') ? anchor.slice(0, anchor.lastIndexOf('.')) : '';
    if (anchor === '') return false;
    const key = `${nodeId}:${anchor}`;
    for (const touched of this.#touched) if (touched === key || touched.startsWith(`${key}.`)) return true;
    return false;
  }

  /** An issue as a sentence, with the engine's path and message behind a disclosure. */
  #issue(ctx: FormContext, issue: FieldIssue): TemplateResult {
    const { t } = ctx.ed;
    return html`<div class="error">
      <span role="alert">${issueSentence(t, issue, ctx.schema, ctx.node.parameters)}</span>
      <details>
        <summary>${t('inspector.issue.details')}</summary>
        <code>${issue.path}</code> ${issue.message}
      </details>
    </div>`;
  }

  #field(ctx: FormContext, a: FieldArgs): TemplateResult {
    const { t, store } = ctx.ed;
    const { node } = ctx;
    const schema = unwrap(a.schema);
    const kind = hintedKind(schema, a.siblings) ?? fieldKind(schema);
    const label = fieldLabel(a.key, schema);
    const id = `${this.#prefix}-${a.path.replace(/[^\w-]/g, '_')}`;
    const modeKey = `${node.id}:${a.path}`;
    this.#rendered.add(a.path);
    const canExpress = !schema.noExpression && kind !== 'expression';
    const isExpr = isTemplate(a.value);
    if (canExpress && isExpr) this.#expressionMode.add(modeKey);
    const sticky = this.#expressionMode.has(modeKey) && (a.value === undefined || typeof a.value === 'string');
    const exprMode = canExpress && (isExpr || sticky);
    const errors = ctx.issues.filter((i) => i.path === `parameters.${a.path}` && this.#visible(ctx.ed, node.id, i.path));
    // A parameter the host locked is shown read-only, as everything is in a read-only editor.
    const ro = store.isLocked(node.id, a.path);
    const toggle = !canExpress
      ? nothing
      : html`<button
          type="button"
          class="fx"
          aria-pressed=${exprMode ? 'true' : 'false'}
          title=${exprMode ? t('inspector.useFixed', { name: label }) : t('inspector.useExpression', { name: label })}
          aria-label=${exprMode ? t('inspector.useFixed', { name: label }) : t('inspector.useExpression', { name: label })}
          ?disabled=${ro}
          @click=${() => {
            if (exprMode) {
              this.#expressionMode.delete(modeKey);
              if (isExpr) a.set(undefined);
            } else {
              this.#expressionMode.add(modeKey);
              this.#focusExpression = a.path;
              const fixed = a.value === undefined ? schema.default : a.value;
              if (fixed !== undefined && fixed !== '') a.set(`{{ ${JSON.stringify(fixed)} }}`);
            }
            this.requestUpdate();
          }}
        >
          fx
        </button>`;
    let control: TemplateResult;
    if (exprMode || kind === 'expression') {
      control = html`<wf-expression-input
        .value=${typeof a.value === 'string' ? a.value : plainText(a.value)}
        .label=${exprMode ? `${label} (${t('inspector.expression')})` : label}
        .nodeId=${node.id}
        .readonly=${ro}
        @change=${(e: Event) => {
          const v = (e.target as HTMLInputElement).value;
          a.set(v === '' ? undefined : v);
        }}
      ></wf-expression-input>`;
    } else {
      // Typing `{{` in a fixed field makes it an expression, keeping the text and the cursor.
      const typed = (e: Event) => {
        const text = (e.composedPath()[0] as HTMLInputElement).value;
        if (!canExpress || typeof text !== 'string' || !text.includes('{{')) return;
        this.#expressionMode.add(modeKey);
        this.#focusExpression = a.path;
        a.set(text);
        this.requestUpdate();
      };
      const current = a.value === undefined ? schema.default : a.value;
      const read = () => a.get() ?? schema.default;
      control = this.#control(ctx, kind, schema, id, label, current, read, a, errors.length > 0, typed);
    }
    const labelled = kind === 'boolean' && !exprMode;
    return html`<div class="field" data-param=${a.path}>
      <div class="field-head">
        ${labelled ? html`<span class="label" id=${`${id}-label`}>${label}</span>` : html`<label for=${id}>${label}</label>`} ${toggle}
      </div>
      ${control} ${schema.description ? html`<span class="help">${schema.description}</span>` : nothing}
      ${errors.map((e) => this.#issue(ctx, e))}
    </div>`;
  }

  #control(
    ctx: FormContext,
    kind: FieldKind,
    schema: FieldSchema,
    id: string,
    label: string,
    value: unknown,
    read: () => unknown,
    a: FieldArgs,
    invalid: boolean,
    typed: (e: Event) => void,
  ): TemplateResult {
    const { t, store } = ctx.ed;
    const { set, required, path } = a;
    const ro = store.isLocked(ctx.node.id, path);
    switch (kind) {
      case 'list': {
        const list = asList(value);
        const itemSchema = schema.items ?? {};
        return html`<div class="group" id=${id} role="group" aria-label=${label}>
          ${list.map(
            (item, i) =>
              html`<div class="item">
                ${this.#field(ctx, {
                  key: `${label} ${i + 1}`,
                  schema: { ...itemSchema, noExpression: true },
                  value: item,
                  get: () => asList(read())[i],
                  required: false,
                  siblings: {},
                  set: (v) => set(asList(read()).map((x, j) => (j === i ? v : x))),
                  path: `${path}.${i}`,
                })}
                <button
                  type="button"
                  class="remove"
                  ?disabled=${ro}
                  aria-label=${`${t('inspector.removeItem')} ${i + 1}`}
                  @click=${() => {
                    this.#forget(`${ctx.node.id}:${path}.`);
                    set(asList(read()).filter((_, j) => j !== i));
                  }}
                >
                  ×
                </button>
              </div>`,
          )}
          <button type="button" ?disabled=${ro} @click=${() => set([...asList(read()), blankValue(itemSchema)])}>
            ${t('inspector.addItem')}
          </button>
        </div>`;
      }
      case 'collection': {
        const obj = asObject(value);
        const req = new Set(schema.required ?? []);
        const defaults = defaultsOf(schema);
        const siblings = { ...defaults, ...obj };
        return html`<div class="group" id=${id} role="group" aria-label=${label}>
          ${Object.entries(schema.properties ?? {})
            .filter(([, s]) => isShown(s, obj, defaults))
            .map(([k, s]) =>
              this.#field(ctx, {
                key: k,
                schema: s,
                value: obj[k],
                get: () => asObject(read())[k],
                required: req.has(k),
                siblings,
                set: (v) => set(withField(asObject(read()), k, v, schema)),
                path: `${path}.${k}`,
              }),
            )}
        </div>`;
      }
      default:
        return renderControl({ t, readonly: ro, nodeId: ctx.node.id, kind, schema, id, label, value, read, required, invalid, set, typed });
    }
  }
}
