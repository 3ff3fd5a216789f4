import type { NodeTypeDescription } from '@flowloom/engine';
import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { NODE_TYPE_MIME, type WfCanvas } from '../canvas/canvas.component.js';
import { EditorConsumer } from '../controllers/editor-consumer.js';
import type { StringKey } from '../i18n/en.js';
import { nodeIcon } from '../icons/node-icon.js';
import { PaletteFocus } from './palette-focus.js';
import { paletteStyles } from './palette.styles.js';

const GROUP_ORDER = ['trigger', 'flow', 'transform', 'data', 'integration', 'utility'];

/** Groups node types for the palette, in a stable order, filtered by a search text. */
export function groupNodeTypes(types: Iterable<NodeTypeDescription>, query: string): [string, NodeTypeDescription[]][] {
  const q = query.trim().toLowerCase();
  const groups = new Map<string, NodeTypeDescription[]>();
  for (const t of types) {
    if (q && !`${t.displayName} ${t.description} ${t.type}`.toLowerCase().includes(q)) continue;
    const list = groups.get(t.group) ?? [];
    list.push(t);
    groups.set(t.group, list);
  }
  const rank = (g: string) => (GROUP_ORDER.includes(g) ? GROUP_ORDER.indexOf(g) : GROUP_ORDER.length);
  return [...groups]
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([g, list]) => [g, list.sort((a, b) => a.displayName.localeCompare(b.displayName))]);
}

/**
 * The palette: searchable, grouped node types; click (or Enter) adds one,
 * dragging drops one on the canvas. It is one tab stop (see `PaletteFocus`). Types that run only in Node.js
 * (`nodeOnly`) carry a badge saying so. "Add note" at the top puts a sticky note at the centre of the
 * visible canvas (one undoable step) and starts editing it.
 *
 * @tagname wf-palette
 */
export class WfPalette extends LitElement {
  static override styles = paletteStyles;
  static override properties = { query: { state: true } };
  declare query: string;
  readonly #editor = new EditorConsumer(this);
  readonly #focus = new PaletteFocus(this);

  constructor() {
    super();
    this.query = '';
    this.addEventListener('keydown', (e) => {
      const ed = this.#editor.editor;
      if (ed) this.#focus.onKeyDown(e, (type) => ed.addNode(type));
    });
    this.addEventListener('focusin', this.#focus.onFocusIn);
  }

  override render(): TemplateResult | typeof nothing {
    const ed = this.#editor.editor;
    if (!ed) return nothing;
    const { store, t } = ed;
    const types = [...store.types.values()].filter((d) => !d.hidden && store.offers(d.type));
    const groups = groupNodeTypes(types, this.query);
    const listed = groups.flatMap(([, list]) => list.map((d) => d.type));
    const badge = (d: NodeTypeDescription) =>
      d.nodeOnly ? html`<span class="badge" title=${t('palette.nodeOnlyHint')}>${t('palette.nodeOnly')}</span>` : nothing;
    const groupLabel = (g: string) => {
      const key = `group.${g}` as StringKey;
      const text = t(key);
      return text === key ? g : text;
    };
    return html`
      <input
        class="search"
        type="search"
        tabindex=${this.#focus.tabIndex('', listed)}
        .value=${this.query}
        placeholder=${t('palette.search')}
        aria-label=${t('palette.search')}
        @input=${(e: Event) => (this.query = (e.target as HTMLInputElement).value)}
      />
      <!-- Not a tab stop of its own (Chromium makes a scrolling box one): the entries are reached with the arrow keys. -->
      <div class="list" tabindex="-1">
        <button
          class="add-note"
          type="button"
          tabindex="-1"
          ?disabled=${store.readonly}
          title=${t('notes.placeholder')}
          @click=${() => (this.getRootNode() as ShadowRoot).querySelector<WfCanvas>('wf-canvas')?.addNote()}
        >
          <span class="icon" aria-hidden="true">¶</span>
          <span class="text"><span class="name">${t('notes.add')}</span></span>
        </button>
        ${groups.length === 0 ? html`<p class="empty">${t('palette.empty')}</p>` : nothing}
        ${groups.map(
          ([group, list]) => html`
            <section aria-label=${groupLabel(group)}>
              <h3>${groupLabel(group)}</h3>
              <ul>
                ${list.map(
                  (d) =>
                    html`<li>
                      <button
                        class="type"
                        type="button"
                        draggable=${store.readonly ? 'false' : 'true'}
                        ?disabled=${store.readonly}
                        data-type=${d.type}
                        tabindex=${this.#focus.tabIndex(d.type, listed)}
                        aria-label=${t('palette.add', { name: d.displayName })}
                        title=${d.description}
                        @click=${() => ed.addNode(d.type)}
                        @dragstart=${(e: DragEvent) => {
                          e.dataTransfer?.setData(NODE_TYPE_MIME, d.type);
                          if (e.dataTransfer) e.dataTransfer.effectAllowed = 'copy';
                        }}
                      >
                        <span class="icon">${nodeIcon(d.icon, d.displayName)}</span>
                        <span class="text">
                          <span class="name">${d.displayName}${badge(d)}</span>
                          <span class="desc">${d.description}</span>
                        </span>
                      </button>
                    </li>`,
                )}
              </ul>
            </section>
          `,
        )}
      </div>
    `;
  }
}
