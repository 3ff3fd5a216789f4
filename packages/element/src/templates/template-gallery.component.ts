import { TEMPLATE_CATEGORIES, type CredentialView, type Placeholder, type Workflow } from '@flowloom/engine';
import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { EditorConsumer } from '../controllers/editor-consumer.js';
import type { EditorActions } from '../editor-actions.js';
import type { StringKey } from '../i18n/en.js';
import { fitsSlot, type CredentialTypeForm } from '../credentials/credential-source.js';
import { messageOf } from '../panels/credentials/credential-form.component.js';
import { templateGalleryStyles } from './template-gallery.styles.js';
import type { TemplateHost } from './template-host.js';
import { placeholdersForm } from './placeholders-form.js';
import { replaceWorkflow } from './replace-workflow.js';
import {
  categoriesOf,
  draftFor,
  placeholderChoices,
  filterTemplates,
  placeholdersAtFault,
  readCatalogue,
  tagsOf,
  templateFromDraft,
  workflowFromTemplate,
  type TemplateDraft,
  type TemplateListing,
} from './template-catalog.js';

/** The save form's fields typed as text. */
type TextField = Exclude<keyof TemplateDraft, 'placeholders'>;

/** What the gallery shows: the list, one template (preview and placeholders), or the "Save as template" form. */
type View = { kind: 'list' } | { kind: 'template'; listing: TemplateListing } | { kind: 'save'; draft: TemplateDraft };

let counter = 0;

/**
 * "Templates": the host's catalogue by category, search and tags, each with
 * its import count in this tenant and the host's rating; a template's
 * preview on a read-only canvas and the short form of its placeholders,
 * which makes the workflow; "Save as template"; and workflow JSON in and out
 * (a file or the clipboard).
 *
 * @tagname wf-template-gallery
 */
export class WfTemplateGallery extends LitElement {
  static override styles = templateGalleryStyles;
  static override properties = {
    listings: { state: true },
    loadError: { state: true },
    category: { state: true },
    query: { state: true },
    tags: { state: true },
    counts: { state: true },
    view: { state: true },
    values: { state: true },
    problems: { state: true },
    status: { state: true },
    credentials: { state: true },
  };
  declare listings: readonly TemplateListing[] | undefined;
  declare loadError: string | undefined;
  declare category: string;
  declare query: string;
  declare tags: ReadonlySet<string>;
  /** Import counts by template id. */
  declare counts: Readonly<Record<string, number>>;
  declare view: View;
  /** The placeholder values typed so far. */
  declare values: Readonly<Record<string, string>>;
  /** Sentences by field (a placeholder key, a draft field, or '' for the whole form). */
  declare problems: Readonly<Record<string, string>>;
  declare status: string;
  declare credentials: readonly CredentialView[];
  /** The credential types, to offer each credential placeholder the credentials its slots take. */
  #credentialTypes: readonly CredentialTypeForm[] = [];
  readonly #editor = new EditorConsumer(this);
  readonly #prefix = `wf-templates-${++counter}`;
  #loadedFrom: TemplateHost | undefined;

  constructor() {
    super();
    this.category = '';
    this.query = '';
    this.tags = new Set();
    this.counts = {};
    this.view = { kind: 'list' };
    this.values = {};
    this.problems = {};
    this.status = '';
    this.credentials = [];
  }

  override willUpdate(): void {
    const host = this.#editor.editor?.templates;
    if (!host || host === this.#loadedFrom) return;
    this.#loadedFrom = host;
    void this.#load(host);
  }

  async #load(host: TemplateHost): Promise<void> {
    this.listings = undefined;
    try {
      const { listings } = readCatalogue(await host.load(), host.ratings());
      if (this.#loadedFrom !== host) return;
      this.listings = listings;
      this.loadError = undefined;
      const counts = await Promise.all(listings.map(async (l) => [l.meta.id, await host.counts.get(l.meta.id)] as const));
      this.counts = Object.fromEntries(counts);
    } catch (error) {
      if (this.#loadedFrom === host) this.loadError = messageOf(error);
    }
  }

  /** Moves the focus to the search field. */
  override focus(options?: FocusOptions): void {
    this.renderRoot.querySelector<HTMLElement>('input[type="search"], input, button')?.focus(options);
  }

  override render(): TemplateResult {
    const ed = this.#editor.editor;
    if (!ed) return html``;
    const view = this.view;
    const body =
      view.kind === 'template' ? this.#template(ed, view.listing) : view.kind === 'save' ? this.#saveForm(ed, view.draft) : this.#list(ed);
    return html`${body}
      <p class="status" role="status">${this.status}</p>
      ${view.kind === 'list' ? html`<wf-workflow-json></wf-workflow-json>` : nothing}`;
  }

  #list(ed: EditorActions): TemplateResult {
    const { t } = ed;
    const all = this.listings;
    const shown = all ? filterTemplates(all, { category: this.category, query: this.query, tags: this.tags }) : [];
    let body: TemplateResult;
    if (this.loadError) body = html`<p class="error" role="alert">${t('templates.failed', { message: this.loadError })}</p>`;
    else if (!all) body = html`<p class="empty" role="status">${t('templates.loading')}</p>`;
    else if (all.length === 0) body = html`<p class="empty">${t('templates.empty')}</p>`;
    else if (shown.length === 0) body = html`<p class="empty">${t('templates.noMatch')}</p>`;
    else
      body = html`<ul class="cards">
        ${shown.map((l) => this.#card(ed, l))}
      </ul>`;
    const categories = all ? categoriesOf(all) : [];
    const tags = all ? tagsOf(all) : [];
    return html`<div class="bar">
        <input
          type="search"
          aria-label=${t('templates.search')}
          placeholder=${t('templates.search')}
          .value=${this.query}
          @input=${(e: Event) => (this.query = (e.target as HTMLInputElement).value)}
        />
        <select
          class="category"
          aria-label=${t('templates.category')}
          @change=${(e: Event) => (this.category = (e.target as HTMLSelectElement).value)}
        >
          <option value="" ?selected=${this.category === ''}>${t('templates.allCategories')}</option>
          ${categories.map((c) => html`<option value=${c} ?selected=${this.category === c}>${categoryLabel(ed, c)}</option>`)}
        </select>
        <button type="button" class="save-as" ?disabled=${ed.store.workflow.nodes.length === 0} @click=${() => this.#startSave(ed)}>
          ${t('templates.saveAs')}
        </button>
      </div>
      ${
        tags.length > 0
          ? html`<div class="tags" role="group" aria-label=${t('templates.tags')}>
              ${tags.map(
                (tag) =>
                  html`<button
                    type="button"
                    class="tag"
                    data-tag=${tag}
                    aria-pressed=${this.tags.has(tag) ? 'true' : 'false'}
                    @click=${() => this.#toggleTag(tag)}
                  >
                    ${tag}
                  </button>`,
              )}
            </div>`
          : nothing
      }
      ${body}`;
  }

  #toggleTag(tag: string): void {
    const next = new Set(this.tags);
    if (next.has(tag)) next.delete(tag);
    else next.add(tag);
    this.tags = next;
  }

  #card(ed: EditorActions, listing: TemplateListing): TemplateResult {
    const { t } = ed;
    const { meta } = listing;
    const count = this.counts[meta.id] ?? 0;
    return html`<li class="card" data-template=${meta.id}>
      <h3>${meta.name}</h3>
      <p class="category">${categoryLabel(ed, meta.category)}</p>
      <p>${meta.description}</p>
      <p class="meta">
        ${listing.rating !== undefined ? html`<span class="rating">${t('templates.rating', { rating: listing.rating })}</span>` : nothing}
        <span class="imports">${t('templates.imports', { count })}</span>
      </p>
      <p class="card-tags">${meta.tags.map((tag) => html`<span class="chip">${tag}</span>`)}</p>
      <button type="button" class="open" @click=${() => this.#open(ed, listing)}>${t('templates.preview')}</button>
    </li>`;
  }

  #open(ed: EditorActions, listing: TemplateListing): void {
    this.view = { kind: 'template', listing };
    this.values = {};
    this.problems = {};
    this.status = '';
    if (listing.meta.placeholders.some((p) => p.kind === 'credential') && ed.credentials) {
      const source = ed.credentials;
      Promise.all([source.list(), source.types()]).then(
        ([list, types]) => {
          this.#credentialTypes = types;
          this.credentials = list;
        },
        () => undefined,
      );
    }
  }

  #template(ed: EditorActions, listing: TemplateListing): TemplateResult {
    const { t, store } = ed;
    const { meta } = listing;
    const p = this.#prefix;
    return html`<div class="bar">
        <button type="button" class="back" @click=${() => (this.view = { kind: 'list' })}>${t('templates.back')}</button>
      </div>
      <h3 class="template-title">${meta.name}</h3>
      <p>${meta.description}</p>
      ${
        meta.useCases.length > 0
          ? html`<ul class="use-cases">
              ${meta.useCases.map((u) => html`<li>${u}</li>`)}
            </ul>`
          : nothing
      }
      <wf-template-preview
        role="img"
        aria-label=${t('templates.previewOf', { name: meta.name })}
        .workflow=${listing.workflow}
        .types=${store.types}
        .t=${t}
      ></wf-template-preview>
      <form
        class="fill"
        novalidate
        aria-label=${t('templates.fillTitle', { name: meta.name })}
        @submit=${(e: Event) => this.#use(e, ed, listing)}
      >
        <h4>${t('templates.fillTitle', { name: meta.name })}</h4>
        ${meta.placeholders.length > 0 ? html`<p class="help">${t('templates.fillHelp')}</p>` : nothing}
        ${meta.placeholders.map((ph) => {
          const id = `${p}-ph-${ph.key}`;
          const fitting = ph.kind === 'credential' ? this.#fitting(ed, listing, ph) : [];
          const problem = this.problems[ph.key];
          const input = (e: Event) => (this.values = { ...this.values, [ph.key]: (e.target as HTMLInputElement).value });
          const control =
            ph.kind === 'credential' && fitting.length > 0
              ? html`<select id=${id} name=${ph.key} aria-invalid=${problem ? 'true' : 'false'} @change=${input}>
                  <option value="">${t('inspector.none')}</option>
                  ${fitting.map((c) => html`<option value=${c.id} ?selected=${this.values[ph.key] === c.id}>${c.name}</option>`)}
                </select>`
              : html`<input
                  id=${id}
                  name=${ph.key}
                  type="text"
                  .value=${this.values[ph.key] ?? ''}
                  placeholder=${ph.example ?? (ph.kind === 'credential' ? t('templates.credentialHint') : '')}
                  aria-invalid=${problem ? 'true' : 'false'}
                  @input=${input}
                />`;
          return html`<div class="field" data-placeholder=${ph.key}>
            <label for=${id}>${ph.label}</label>
            ${control} ${ph.description ? html`<span class="help">${ph.description}</span>` : nothing}
            ${problem ? html`<p class="error" role="alert">${problem}</p>` : nothing}
          </div>`;
        })}
        ${this.problems[''] ? html`<p class="error" role="alert">${this.problems['']}</p>` : nothing}
        <div class="row">
          <button type="submit" class="primary use" ?disabled=${store.readonly}>${t('templates.use')}</button>
          <button type="button" @click=${() => (this.view = { kind: 'list' })}>${t('templates.cancel')}</button>
        </div>
      </form>`;
  }

  /** The credentials a credential placeholder may take: those every slot it fills takes. */
  #fitting(ed: EditorActions, listing: TemplateListing, placeholder: Placeholder): readonly CredentialView[] {
    const slots = placeholder.targets.flatMap((target) => {
      const node = listing.workflow.nodes.find((n) => n.id === target.node);
      const slot = node && ed.store.describe(node.type)?.credentials.find((s) => s.name === target.slot);
      return slot ? [slot] : [];
    });
    return this.credentials.filter((c) => slots.every((slot) => fitsSlot(c, slot, this.#credentialTypes)));
  }

  async #use(e: Event, ed: EditorActions, listing: TemplateListing): Promise<void> {
    e.preventDefault();
    const { t } = ed;
    const problems: Record<string, string> = {};
    // Each empty placeholder is named by its label and key, as the engine would.
    for (const ph of listing.meta.placeholders) {
      if (!(this.values[ph.key] ?? '').trim()) problems[ph.key] = t('templates.placeholderEmpty', { label: ph.label, key: ph.key });
    }
    this.problems = problems;
    if (Object.keys(problems).length > 0) return this.#focusInvalid();
    let workflow: Workflow;
    try {
      workflow = workflowFromTemplate(listing, this.values);
    } catch (error) {
      const message = t('templates.invalid', { message: messageOf(error) });
      const keys = placeholdersAtFault(error);
      this.problems = keys.length > 0 ? Object.fromEntries(keys.map((k) => [k, message])) : { '': message };
      return this.#focusInvalid();
    }
    const refused = replaceWorkflow(ed, workflow);
    if (refused) {
      this.status = refused;
      return;
    }
    this.status = t('templates.imported', { name: listing.meta.name });
    ed.store.announce(this.status);
    this.view = { kind: 'list' };
    const host = ed.templates;
    if (host) {
      const count = await host.counts.add(listing.meta.id);
      this.counts = { ...this.counts, [listing.meta.id]: count };
    }
  }

  #focusInvalid(): void {
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
  }

  #startSave(ed: EditorActions): void {
    this.view = { kind: 'save', draft: draftFor(ed.store.workflow) };
    this.problems = {};
    this.status = '';
  }

  #saveForm(ed: EditorActions, draft: TemplateDraft): TemplateResult {
    const { t } = ed;
    const p = this.#prefix;
    const set = (field: TextField) => (e: Event) => {
      const current = this.view.kind === 'save' ? this.view.draft : draft;
      this.view = { kind: 'save', draft: { ...current, [field]: (e.target as HTMLInputElement).value } };
    };
    const field = (name: TextField, label: StringKey, control: (id: string) => TemplateResult, help?: StringKey) => {
      const id = `${p}-save-${name}`;
      return html`<div class="field">
        <label for=${id}>${t(label)}</label>
        ${control(id)} ${help ? html`<span class="help">${t(help)}</span>` : nothing}
        ${this.problems[name] ? html`<p class="error" role="alert">${this.problems[name]}</p>` : nothing}
      </div>`;
    };
    const text = (name: TextField) => (id: string) =>
      html`<input id=${id} type="text" .value=${draft[name]} aria-invalid=${this.problems[name] ? 'true' : 'false'} @input=${set(name)} />`;
    return html`<form class="save" novalidate aria-label=${t('templates.saveTitle')} @submit=${(e: Event) => this.#save(e, ed)}>
      <h3>${t('templates.saveTitle')}</h3>
      ${field('name', 'templates.name', text('name'))} ${field('id', 'templates.id', text('id'))}
      ${field(
        'description',
        'templates.description',
        (id) => html`<textarea id=${id} .value=${draft.description} @input=${set('description')}></textarea>`,
      )}
      ${field(
        'category',
        'templates.category',
        (id) =>
          html`<select id=${id} @change=${set('category')}>
            ${TEMPLATE_CATEGORIES.map((c) => html`<option value=${c} ?selected=${draft.category === c}>${categoryLabel(ed, c)}</option>`)}
          </select>`,
      )}
      ${field('tags', 'templates.tags', text('tags'), 'templates.tagsHelp')}
      ${field('useCases', 'templates.useCases', (id) => html`<textarea id=${id} .value=${draft.useCases} @input=${set('useCases')}></textarea>`)}
      ${field('version', 'templates.version', text('version'))} ${this.#placeholdersForm(ed, draft)}
      ${this.problems[''] ? html`<p class="error" role="alert">${this.problems['']}</p>` : nothing}
      <div class="row">
        <button type="submit" class="primary save-template">${t('templates.saveAs')}</button>
        <button type="button" @click=${() => (this.view = { kind: 'list' })}>${t('templates.cancel')}</button>
      </div>
    </form>`;
  }

  /** The save form's placeholders, each change kept in the draft and the focus moved where the user works. */
  #placeholdersForm(ed: EditorActions, draft: TemplateDraft): TemplateResult {
    const current = () => (this.view.kind === 'save' ? this.view.draft : draft);
    return placeholdersForm({
      t: ed.t,
      prefix: `${this.#prefix}-ph`,
      choices: placeholderChoices(ed.store.workflow, (type) => ed.store.describe(type)),
      placeholders: draft.placeholders,
      current: () => current().placeholders,
      problems: this.problems,
      update: (placeholders, focus) => {
        this.view = { kind: 'save', draft: { ...current(), placeholders } };
        if (focus) void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(focus)?.focus());
      },
    });
  }

  #save(e: Event, ed: EditorActions): void {
    e.preventDefault();
    if (this.view.kind !== 'save') return;
    const result = templateFromDraft(ed.store.workflow, this.view.draft);
    if (result.problems) {
      this.problems = Object.fromEntries(result.problems.map((p) => [p.field, p.message]));
      return this.#focusInvalid();
    }
    const { template } = result;
    ed.templates?.save(template);
    // Listed at once; the host keeps it where its catalogue comes from.
    const listing = readCatalogue([template], ed.templates?.ratings() ?? {}).listings;
    this.listings = [...(this.listings ?? []).filter((l) => l.meta.id !== template.id), ...listing];
    this.status = ed.t('templates.saved', { name: template.name || template.id });
    this.view = { kind: 'list' };
  }
}

function categoryLabel(ed: EditorActions, category: string): string {
  const key = `templates.category.${category}` as StringKey;
  const label = ed.t(key);
  return label === key ? category : label;
}
