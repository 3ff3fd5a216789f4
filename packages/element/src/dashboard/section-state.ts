/** Where one section of the dashboard stands. */
export type SectionState<T> =
  /** Asking; `value` is what was shown before, kept on screen meanwhile. */
  | { status: 'loading'; value?: T }
  | { status: 'ready'; value: T }
  /** The caller may not see it (or the server has no such route): the section is not shown. */
  | { status: 'hidden' }
  | { status: 'error'; message: string };

/** The state while a section loads again: what it showed stays. */
export function reloading<T>(state: SectionState<T>): SectionState<T> {
  return state.status === 'ready' || state.status === 'loading'
    ? { status: 'loading', ...(state.value === undefined ? {} : { value: state.value }) }
    : { status: 'loading' };
}

/** What a section shows, whether it is loading again or ready. */
export function valueOf<T>(state: SectionState<T>): T | undefined {
  return state.status === 'ready' || state.status === 'loading' ? state.value : undefined;
}

/** An error as the sentence shown. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
