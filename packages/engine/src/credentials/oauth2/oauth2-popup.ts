import { CanceledError } from '../../errors/canceled.error.js';
import { checkOptions } from '../../options/check-options.js';
import { systemClock, type Clock } from '../../ports/clock.js';
import { CredentialError } from '../credential.error.js';

/** The message a callback page posts to its opener: `{ type: OAUTH2_CALLBACK_MESSAGE, url: location.href }`. */
export const OAUTH2_CALLBACK_MESSAGE = 'flowloom:oauth2-callback';

/** The popup, as far as the helper uses it. */
interface PopupWindow {
  readonly closed: boolean;
  close(): void;
  readonly location?: { readonly href: string };
}

/** The page's window, as far as the helper uses it (the DOM `Window` fits). */
export interface PopupHost {
  open(url: string, target: string, features: string): PopupWindow | null;
  addEventListener(type: 'message', listener: (event: { origin: string; data: unknown; source?: unknown }) => void): void;
  removeEventListener(type: 'message', listener: (event: { origin: string; data: unknown; source?: unknown }) => void): void;
  readonly location: { readonly origin: string };
}

/** What `openOAuth2Popup` takes. */
export interface OAuth2PopupOptions {
  /** The authorization URL from `manager.oauth2.startAuthorization`. */
  url: string;
  /** The redirect URL given to `startAuthorization`; lets the helper read the result directly when it is same-origin. */
  redirectUri?: string;
  /** The window to open the popup from (default: the global `window`). */
  window?: PopupHost;
  /** `window.open` features (default a 520×680 popup). */
  features?: string;
  /** Give up after this long (default 5 minutes). */
  timeoutMs?: number;
  /** Rejects with a `CanceledError` when it aborts; the popup is closed. */
  signal?: AbortSignal;
  /** The time the timeout and the checks of the popup are measured on (default `systemClock`). */
  clock?: Clock;
}

/**
 * Opens the provider's sign-in page in a popup and resolves with the callback
 * URL the provider redirected to (pass it to
 * `manager.oauth2.completeAuthorization`). The host's callback page either
 * posts `{ type: 'flowloom:oauth2-callback', url: location.href }` to
 * `window.opener`, or, when it is on the same origin, is read directly.
 * Rejects when the user closes the popup, on timeout, or when popups are blocked.
 */
export function openOAuth2Popup(options: OAuth2PopupOptions): Promise<string> {
  try {
    checkOptions('openOAuth2Popup', options, {
      url: true,
      redirectUri: true,
      window: true,
      features: true,
      timeoutMs: true,
      signal: true,
      clock: true,
    });
  } catch (error) {
    return Promise.reject(error as Error);
  }
  const host = options.window ?? (globalThis as unknown as { window?: PopupHost }).window;
  if (!host) return Promise.reject(new CredentialError('OAUTH2_FAILED', 'openOAuth2Popup needs a browser window.'));
  const popup = host.open(options.url, 'flowloom-oauth2', options.features ?? 'popup,width=520,height=680');
  if (!popup) {
    return Promise.reject(
      new CredentialError('OAUTH2_FAILED', 'The sign-in window was blocked. Allow popups for this page and try again.'),
    );
  }
  const timeoutMs = options.timeoutMs ?? 5 * 60_000;
  const clock = options.clock ?? systemClock;
  return new Promise<string>((resolve, reject) => {
    const started = clock.now();
    let done = false;
    const finish = (error: Error | undefined, url?: string) => {
      if (done) return;
      done = true;
      host.removeEventListener('message', onMessage);
      options.signal?.removeEventListener('abort', onAbort);
      if (!popup.closed) popup.close();
      if (error) reject(error);
      else resolve(url!);
    };
    const onMessage = (event: { origin: string; data: unknown }) => {
      const data = event.data as { type?: unknown; url?: unknown } | null;
      if (event.origin !== host.location.origin || !data || data.type !== OAUTH2_CALLBACK_MESSAGE || typeof data.url !== 'string') return;
      finish(undefined, data.url);
    };
    const onAbort = () => finish(new CanceledError('Connecting the account was canceled.', { cause: options.signal?.reason }));
    const poll = () => {
      if (done) return;
      let href: string | undefined;
      try {
        href = popup.location?.href; // throws while the popup shows the provider's origin
      } catch {
        href = undefined;
      }
      if (href && options.redirectUri && href.startsWith(options.redirectUri)) return finish(undefined, href);
      if (popup.closed)
        return finish(new CredentialError('OAUTH2_FAILED', 'The sign-in window was closed before the account was connected.'));
      if (clock.now() - started > timeoutMs) return finish(new CredentialError('OAUTH2_FAILED', 'Connecting the account timed out.'));
      clock.setTimer(250, poll);
    };
    host.addEventListener('message', onMessage);
    options.signal?.addEventListener('abort', onAbort, { once: true });
    clock.setTimer(250, poll);
  });
}
