import { ContextConsumer } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { editorContext } from '../context.js';
import type { EditorActions } from '../editor-actions.js';

/**
 * Gives a part of the editor the shared `EditorActions` and re-renders it
 * whenever the store changes.
 */
export class EditorConsumer implements ReactiveController {
  #unsubscribe: (() => void) | undefined;
  readonly #consumer: ContextConsumer<typeof editorContext, ReactiveControllerHost & HTMLElement>;
  /** Called after each store change, before the host re-renders. */
  onChange: (() => void) | undefined;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
    this.#consumer = new ContextConsumer(host, {
      context: editorContext,
      subscribe: true,
      callback: (value) => {
        this.#unsubscribe?.();
        this.#unsubscribe = value.store.subscribe(() => {
          this.onChange?.();
          this.host.requestUpdate();
        });
        this.host.requestUpdate();
      },
    });
  }

  /** The editor, once the part is connected inside one. */
  get editor(): EditorActions | undefined {
    return this.#consumer.value;
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }
}
