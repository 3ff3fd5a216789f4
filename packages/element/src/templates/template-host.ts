import type { KeyValueStore, Workflow } from '@flowloom/engine';

/**
 * How many times each template was used in one tenant, shown in the gallery.
 * Counts are a hint for the people of that tenant, not an audit: two editors
 * importing at the same moment may count one.
 */
export interface ImportCounter {
  get(templateId: string): Promise<number>;
  /** Counts one more import; resolves with the new count. */
  add(templateId: string): Promise<number>;
}

/** Counts kept in the engine's `storage.keyValue`, namespace `templates.imports`, one key per template id. */
export class KeyValueImportCounter implements ImportCounter {
  constructor(
    private readonly store: KeyValueStore,
    private readonly tenantId: string,
  ) {}

  async get(templateId: string): Promise<number> {
    const value = await this.store.get(this.tenantId, 'templates.imports', templateId);
    return typeof value === 'number' ? value : 0;
  }

  async add(templateId: string): Promise<number> {
    const next = (await this.get(templateId)) + 1;
    await this.store.set(this.tenantId, 'templates.imports', templateId, next);
    return next;
  }
}

/**
 * Counts kept in the page's `localStorage`, one record per tenant (`scope`:
 * the server's address, or the host's tenant id), for editors whose storage
 * keeps no key-value records. Without `localStorage` (a sandboxed frame) the
 * counts last as long as the page.
 */
export class LocalImportCounter implements ImportCounter {
  readonly #key: string;
  readonly #memory = new Map<string, number>();

  constructor(scope: string) {
    this.#key = `wf-template-imports:${scope}`;
  }

  #read(): Record<string, number> {
    try {
      const parsed: unknown = JSON.parse(localStorage.getItem(this.#key) ?? '{}');
      return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, number>) : {};
    } catch {
      return Object.fromEntries(this.#memory);
    }
  }

  get(templateId: string): Promise<number> {
    const value = this.#read()[templateId];
    return Promise.resolve(typeof value === 'number' ? value : 0);
  }

  add(templateId: string): Promise<number> {
    const counts = this.#read();
    const next = (typeof counts[templateId] === 'number' ? counts[templateId] : 0) + 1;
    counts[templateId] = next;
    this.#memory.set(templateId, next);
    try {
      localStorage.setItem(this.#key, JSON.stringify(counts));
    } catch {
      // No localStorage: the count stays in memory.
    }
    return Promise.resolve(next);
  }
}

/** A server's templates and this tenant's import counts, which the server keeps (`server-templates.ts`). */
export interface ServerCatalogue {
  templates: readonly Workflow[];
  counts: ImportCounter;
}

/** What the template gallery needs from the editor's host. */
export interface TemplateHost {
  /** The catalogue: workflow documents, each describing itself in `meta.template`. */
  load(): Promise<readonly Workflow[]>;
  /** Ratings the host supplies (0 to 5), by template id. */
  ratings(): Readonly<Record<string, number>>;
  /** This tenant's import counts. */
  readonly counts: ImportCounter;
  /** Hands a template the user saved to the host (`wf-template-save`); resolves once the gallery may list it. */
  save(template: Workflow): void;
}

/** What the editor tells `templateHost`, each asked when needed (the host may change its properties at any time). */
export interface TemplateHostOptions {
  /** The host's `templateLoader`, else its `templates`, else undefined. */
  catalogue(): (() => Promise<readonly Workflow[]>) | readonly Workflow[] | undefined;
  /** The server's templates and import counts in server mode; undefined otherwise. */
  serverTemplates(): Promise<ServerCatalogue> | undefined;
  ratings(): Readonly<Record<string, number>> | undefined;
  /** The engine's key-value storage; undefined in server mode or when the storage has none. */
  keyValue(): KeyValueStore | undefined;
  /** What `localStorage` counts are kept per: the server's address, or the page's. */
  scope(): string;
  save(template: Workflow): void;
}

/**
 * The gallery's `TemplateHost`: the host's catalogue (or the server's), and
 * import counts kept by the server for its templates, else in the engine's
 * key-value storage when it has one, else in this page's `localStorage` per
 * server (or origin).
 */
export function templateHost(options: TemplateHostOptions): TemplateHost {
  let kept: { scope: unknown; counter: ImportCounter } | undefined;
  /** The server's catalogue the gallery lists, when it lists the server's. */
  let server: ServerCatalogue | undefined;
  return {
    load: async () => {
      server = undefined;
      const catalogue = options.catalogue();
      if (typeof catalogue === 'function') return catalogue();
      if (catalogue) return catalogue;
      server = await options.serverTemplates();
      return server?.templates ?? [];
    },
    ratings: () => options.ratings() ?? {},
    get counts() {
      if (server) return server.counts;
      const keyValue = options.keyValue();
      const scope = keyValue ?? options.scope();
      if (kept?.scope !== scope) {
        kept = { scope, counter: keyValue ? new KeyValueImportCounter(keyValue, 'default') : new LocalImportCounter(options.scope()) };
      }
      return kept.counter;
    },
    save: (template) => options.save(template),
  };
}
