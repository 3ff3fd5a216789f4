/**
 * The palette's keyboard: the search field and the node types are one tab
 * stop (a roving tabindex: the last one focused keeps `tabindex="0"`, the
 * others `-1`). ArrowDown and ArrowUp move between the field and the types,
 * Home and End (in the list) go to the first and last type, and Enter in
 * the field adds the first type listed.
 */
export class PaletteFocus {
  /** `''` for the search field, else the type id that keeps the tab stop. */
  active = '';

  constructor(private readonly host: { renderRoot: HTMLElement | DocumentFragment; requestUpdate(): void }) {}

  /** The tabindex of the search field (`''`) or of a type's button. */
  tabIndex(key: string, listed: readonly string[]): number {
    const active = this.active && listed.includes(this.active) ? this.active : '';
    return key === active ? 0 : -1;
  }

  /** Whatever takes the focus (a click, the keyboard) takes the tab stop. */
  readonly onFocusIn = (e: FocusEvent): void => {
    const el = e.composedPath()[0] as HTMLElement;
    const key = el.matches?.('input.search') ? '' : el.closest?.<HTMLElement>('button.type')?.dataset.type;
    if (key === undefined || key === this.active) return;
    this.active = key;
    this.host.requestUpdate();
  };

  /** Handles a key inside the palette; `add` adds a node type. */
  onKeyDown(e: KeyboardEvent, add: (type: string) => void): void {
    const el = e.composedPath()[0] as HTMLElement;
    const search = this.host.renderRoot.querySelector<HTMLElement>('input.search');
    const buttons = [...this.host.renderRoot.querySelectorAll<HTMLButtonElement>('button.type')];
    const inSearch = el === search;
    const at = inSearch ? -1 : buttons.indexOf(el as HTMLButtonElement);
    let next: HTMLElement | undefined | null;
    switch (e.key) {
      case 'ArrowDown':
        next = buttons[Math.min(at + 1, buttons.length - 1)];
        break;
      case 'ArrowUp':
        next = at <= 0 ? search : buttons[at - 1];
        break;
      case 'Home':
        if (inSearch) return;
        next = buttons[0];
        break;
      case 'End':
        if (inSearch) return;
        next = buttons[buttons.length - 1];
        break;
      case 'Enter': {
        if (!inSearch) return;
        const first = buttons.find((b) => !b.disabled)?.dataset.type;
        if (first) add(first);
        e.preventDefault();
        return;
      }
      default:
        return;
    }
    e.preventDefault();
    next?.focus();
  }
}
