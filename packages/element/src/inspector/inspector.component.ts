import type { WorkflowNode } from '@flowloom/engine';
import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { EditorConsumer } from '../controllers/editor-consumer.js';
import type { EditorActions } from '../editor-actions.js';
import { blankValue, defaultsOf, fieldKind, fieldLabel, fieldOptions, isShown, unwrap, type FieldSchema } from './schema-field.js';
import { inspectorStyles } from './inspector.styles.js';
import { renderNodeSettings } from './node-settings.js';

let uid = 0;

/**
 * The inspector: the selected node's name, its parameters as a form
 * generated from the node type's schema, and its settings.
 *
 * @tagname wf-inspector
 */
export class WfInspector extends LitElement {
  static override styles = inspectorStyles;
  readonly #editor = new EditorConsumer(this);
  /** Fields switched to expression mode by the user (node id + path). */
  readonly #expressionMode = new Set<string>();
  readonly #prefix = `wf-insp-${++uid}`;

  override render(): TemplateResult | typeof nothing {
    const ed = this.#editor.editor;
    if (!ed) return nothing;
    const { store, t } = ed;
    const [id] = store.selectedNodes.size === 1 ? [...store.selectedNodes] : [];
    const node = id ? store.node(id) : undefined;
    if (!node) return html`<p class="empty">${t('inspector.empty')}</p>`;
    const desc = store.describe(node.type);
    const schema = (desc?.properties ?? { type: 'object', properties: {} }) as FieldSchema;
    const issues = store.issues.get(node.id) ?? [];
    const defaults = defaultsOf(schema);
    const props = Object.entries(schema.properties ?? {}).filter(([, s]) => isShown(s, node.parameters, defaults));
    const required = new Set(schema.required ?? []);
    const ro = store.readonly;
    return html`<div class="inner">
      <div class="field">
        <label for=${`${this.#prefix}-name`}>${t('inspector.name')}</label>
        <input
          id=${`${this.#prefix}-name`}
          type="text"
          .value=${node.name}
          ?readonly=${ro}
          @change=${(e: Event) => {
            const input = e.target as HTMLInputElement;
            if (!ed.updateNode(node.id, { name: input.value.trim() })) input.value = node.name;
          }}
        />
        <span class="type">${desc ? desc.displayName : t('inspector.unknownType', { type: node.type })}</span>
      </div>
      <h3>${t('inspector.parameters')}</h3>
      ${props.length === 0 ? html`<p class="help">${t('inspector.noParameters')}</p>` : nothing}
      ${props.map(([key, s]) =>
        this.#field(
          ed,
          node,
          key,
          s,
          node.parameters[key],
          required.has(key) && s.default === undefined,
          issues,
          (v) => ed.setParameter(node.id, key, v),
          key,
        ),
      )}
      ${issues
        .filter((i) => !i.path.startsWith('parameters.') && i.path !== '')
        .map((i) => html`<p class="error" role="alert">${i.message}</p>`)}
      <h3>${t('inspector.settings')}</h3>
      ${renderNodeSettings(ed, node, this.#prefix)}
    </div>`;
  }

  /** A field whose choices come from the service (its `loadOptions` hint); a number field writes numbers. */
  #optionsInput(
    id: string,
    nodeId: string,
    schema: FieldSchema,
    label: string,
    value: unknown,
    ro: boolean,
    required: boolean,
    invalid: boolean,
    set: (v: unknown) => void,
    numeric: boolean,
  ) {
    return html`<wf-options-input
      id=${id}
      .value=${value === undefined ? '' : String(value)}
      .label=${label}
      .nodeId=${nodeId}
      .method=${schema.loadOptions!}
      .dependsOn=${schema.loadOptionsDependsOn ?? []}
      .placeholder=${schema.placeholder ?? ''}
      ?readonly=${ro}
      ?required=${required}
      ?invalid=${invalid}
      @change=${(e: Event) => {
        const v = (e.target as HTMLInputElement).value;
        if (v === '' && !required) return set(undefined);
        set(numeric && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : v);
      }}
    ></wf-options-input>`;
  }

  #field(
    ed: EditorActions,
    node: WorkflowNode,
    key: string,
    raw: FieldSchema,
    value: unknown,
    required: boolean,
    issues: { path: string; message: string }[],
    set: (v: unknown) => void,
    path: string,
  ): TemplateResult {
    const { t, store } = ed;
    const schema = unwrap(raw);
    const kind = fieldKind(schema);
    const label = fieldLabel(key, schema);
    const id = `${this.#prefix}-${path.replace(/[^\w-]/g, '_')}`;
    const modeKey = `${node.id}:${path}`;
    const isExpr = typeof value === 'string' && value.includes('{{');
    const exprMode = !schema.noExpression && (isExpr || this.#expressionMode.has(modeKey));
    const errors = issues.filter((i) => i.path === `parameters.${path}` || i.path.startsWith(`parameters.${path}.`));
    const ro = store.readonly;
    const toggle = schema.noExpression
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
              if (isExpr) set(undefined);
            } else {
              this.#expressionMode.add(modeKey);
              const fixed = value === undefined ? schema.default : value;
              if (fixed !== undefined && fixed !== '') set(`{{ ${JSON.stringify(fixed)} }}`);
            }
            this.requestUpdate();
          }}
        >
          fx
        </button>`;
    const current = value === undefined ? schema.default : value;
    let control: TemplateResult;
    if (exprMode) {
      control = html`<wf-expression-input
        .value=${typeof value === 'string' ? value : ''}
        .label=${`${label} (${t('inspector.expression')})`}
        .nodeId=${node.id}
        @change=${(e: Event) => set((e.target as HTMLInputElement).value)}
      ></wf-expression-input>`;
    } else {
      control = this.#control(ed, node, kind, schema, id, label, current, required, errors.length > 0, set, path, issues);
    }
    const labelled = kind === 'boolean' && !exprMode;
    return html`<div class="field" data-param=${path}>
      <div class="field-head">
        ${labelled ? html`<span class="label" id=${`${id}-label`}>${label}</span>` : html`<label for=${id}>${label}</label>`} ${toggle}
      </div>
      ${control} ${schema.description ? html`<span class="help">${schema.description}</span>` : nothing}
      ${errors.map((e) => html`<span class="error" role="alert">${e.message}</span>`)}
    </div>`;
  }

  #control(
    ed: EditorActions,
    node: WorkflowNode,
    kind: ReturnType<typeof fieldKind>,
    schema: FieldSchema,
    id: string,
    label: string,
    value: unknown,
    required: boolean,
    invalid: boolean,
    set: (v: unknown) => void,
    path: string,
    issues: { path: string; message: string }[],
  ): TemplateResult {
    const { t, store } = ed;
    const ro = store.readonly;
    const inv = invalid ? 'true' : 'false';
    switch (kind) {
      case 'boolean':
        return html`<label class="check"
          ><input
            id=${id}
            type="checkbox"
            .checked=${value === true}
            ?disabled=${ro}
            @change=${(e: Event) => set((e.target as HTMLInputElement).checked)}
          />
          ${label}</label
        >`;
      case 'number':
        if (schema.loadOptions) return this.#optionsInput(id, node.id, schema, label, value, ro, required, invalid, set, true);
        return html`<input
          id=${id}
          type="number"
          .value=${value === undefined ? '' : String(value)}
          min=${schema.minimum ?? ''}
          max=${schema.maximum ?? ''}
          ?readonly=${ro}
          ?required=${required}
          aria-invalid=${inv}
          @change=${(e: Event) => {
            const raw = (e.target as HTMLInputElement).value;
            set(raw === '' ? undefined : Number(raw));
          }}
        />`;
      case 'options':
        return html`<select
          id=${id}
          ?disabled=${ro}
          aria-invalid=${inv}
          @change=${(e: Event) => {
            const i = (e.target as HTMLSelectElement).selectedIndex - 1;
            set(i < 0 ? undefined : fieldOptions(schema)[i]?.value);
          }}
        >
          <option value="" ?selected=${value === undefined}>${t('inspector.none')}</option>
          ${fieldOptions(schema).map((o) => html`<option ?selected=${o.value === value}>${o.label}</option>`)}
        </select>`;
      case 'multiOptions': {
        const list = Array.isArray(value) ? value : [];
        return html`<div class="group" id=${id} role="group" aria-label=${label}>
          ${fieldOptions(schema).map(
            (o) =>
              html`<label class="check"
                ><input
                  type="checkbox"
                  .checked=${list.includes(o.value)}
                  ?disabled=${ro}
                  @change=${(e: Event) => set((e.target as HTMLInputElement).checked ? [...list, o.value] : list.filter((v) => v !== o.value))}
                />
                ${o.label}</label
              >`,
          )}
        </div>`;
      }
      case 'code':
        return html`<wf-code-editor
          id=${id}
          .value=${typeof value === 'string' ? value : ''}
          .language=${schema.language ?? 'javascript'}
          .label=${label}
          .loadingText=${t('code.loading')}
          ?readonly=${ro}
          @change=${(e: Event) => set((e.target as HTMLInputElement).value)}
        ></wf-code-editor>`;
      case 'json':
      case 'multiline': {
        const text =
          kind === 'json' && typeof value !== 'string' ? (value === undefined ? '' : JSON.stringify(value, null, 2)) : String(value ?? '');
        return html`<textarea
          id=${id}
          .value=${text}
          placeholder=${schema.placeholder ?? ''}
          ?readonly=${ro}
          aria-invalid=${inv}
          @change=${(e: Event) => {
            const area = e.target as HTMLTextAreaElement;
            if (kind === 'multiline' || schema.type === 'string') return set(area.value);
            if (area.value.trim() === '') return set(undefined);
            try {
              set(JSON.parse(area.value));
              area.setCustomValidity('');
            } catch (err) {
              area.setCustomValidity(t('inspector.invalidJson', { message: (err as Error).message }));
              area.reportValidity();
            }
          }}
        ></textarea>`;
      }
      case 'list': {
        const list = Array.isArray(value) ? value : [];
        const itemSchema = schema.items ?? {};
        return html`<div class="group" id=${id} role="group" aria-label=${label}>
          ${list.map(
            (item, i) =>
              html`<div class="item">
                ${this.#field(ed, node, `${label} ${i + 1}`, { ...itemSchema, noExpression: true }, item, false, issues, (v) => set(list.map((x, j) => (j === i ? v : x))), `${path}.${i}`)}
                <button
                  type="button"
                  ?disabled=${ro}
                  aria-label=${`${t('inspector.removeItem')} ${i + 1}`}
                  @click=${() => set(list.filter((_, j) => j !== i))}
                >
                  ×
                </button>
              </div>`,
          )}
          <button type="button" ?disabled=${ro} @click=${() => set([...list, blankValue(itemSchema)])}>${t('inspector.addItem')}</button>
        </div>`;
      }
      case 'collection': {
        const obj = value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
        const req = new Set(schema.required ?? []);
        const defaults = defaultsOf(schema);
        return html`<div class="group" id=${id} role="group" aria-label=${label}>
          ${Object.entries(schema.properties ?? {})
            .filter(([, s]) => isShown(s, obj, defaults))
            .map(([k, s]) =>
              this.#field(
                ed,
                node,
                k,
                s,
                obj[k],
                req.has(k),
                issues,
                (v) => {
                  const next = { ...obj };
                  if (v === undefined) delete next[k];
                  else next[k] = v;
                  set(next);
                },
                `${path}.${k}`,
              ),
            )}
        </div>`;
      }
      default:
        if (schema.loadOptions) return this.#optionsInput(id, node.id, schema, label, value, ro, required, invalid, set, false);
        return html`<input
          id=${id}
          type="text"
          .value=${value === undefined ? '' : String(value)}
          placeholder=${schema.placeholder ?? ''}
          ?readonly=${ro}
          ?required=${required}
          aria-invalid=${inv}
          @change=${(e: Event) => {
            const v = (e.target as HTMLInputElement).value;
            set(v === '' && !required ? undefined : v);
          }}
        />`;
    }
  }
}
