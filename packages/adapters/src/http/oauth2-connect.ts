import { CanceledError, CredentialError, type CredentialView } from '@flowloom/engine';
import type { HttpClient } from './http-client.js';
import { getCredential, startOAuth2 } from './http-credentials.js';

/** The message the server's OAuth2 callback page posts to the window that opened it. */
export const OAUTH2_CONNECTED_MESSAGE = 'flowloom:oauth2-connected';

/** The popup, as far as connecting uses it. */
interface Popup {
  readonly closed: boolean;
  close(): void;
  location: { href: string };
}

type MessageListener = (event: { origin: string; data: unknown }) => void;

/** The page's window, as far as connecting uses it (the DOM `Window` fits). */
export interface ConnectWindow {
  open(url: string, target: string, features: string): Popup | null;
  addEventListener(type: 'message', listener: MessageListener): void;
  removeEventListener(type: 'message', listener: MessageListener): void;
}

/** What `connectOAuth2` takes. */
export interface ConnectOAuth2Options {
  /** The window the popup opens from (default: the global `window`). */
  window?: ConnectWindow;
  /** `window.open` features (default: a 520×680 popup). */
  features?: string;
  /** Stops waiting and closes the popup; rejects with a `CanceledError`. */
  signal?: AbortSignal;
}

/**
 * Connects an OAuth2 account to a credential through the server, in a
 * browser: opens a popup at once (so popup blockers allow it, as part of the
 * user's click), asks the server where the provider's sign-in is
 * (`POST /credentials/{id}/oauth2/start`) and sends the popup there. The
 * provider returns the user to the server's `/oauth2/callback`, which stores
 * the tokens encrypted, tells this window and closes. Resolves with the
 * credential, masked and `oauth2.connected`; rejects with a `CredentialError`
 * (`OAUTH2_FAILED`) saying why when the provider or the server refused, or
 * the user closed the popup.
 *
 * @example
 * button.onclick = () => connectOAuth2(client, 'cred-crm').then((c) => show(c.oauth2?.connected));
 */
export function connectOAuth2(client: HttpClient, credentialId: string, options: ConnectOAuth2Options = {}): Promise<CredentialView> {
  const win = options.window ?? (globalThis as unknown as { window?: ConnectWindow }).window;
  if (!win) return Promise.reject(new CredentialError('OAUTH2_FAILED', 'connectOAuth2 needs a browser window to open the sign-in popup.'));
  const popup = win.open('', 'flowloom-oauth2', options.features ?? 'popup,width=520,height=680');
  if (!popup) {
    return Promise.reject(
      new CredentialError('OAUTH2_FAILED', 'The sign-in window was blocked. Allow popups for this page and try again.'),
    );
  }
  const serverOrigin = new URL(client.baseUrl).origin;
  return new Promise<CredentialView>((resolve, reject) => {
    let done = false;
    const finish = (outcome: { error: Error } | { ok: true }) => {
      if (done) return;
      done = true;
      clearInterval(watch);
      win.removeEventListener('message', onMessage);
      options.signal?.removeEventListener('abort', onAbort);
      if ('error' in outcome) {
        if (!popup.closed && outcome.error instanceof CanceledError) popup.close();
        reject(outcome.error);
        return;
      }
      getCredential(client, credentialId).then(
        (credential) =>
          credential
            ? resolve(credential)
            : reject(new CredentialError('OAUTH2_FAILED', `Credential '${credentialId}' is no longer on the server.`)),
        reject,
      );
    };
    const onMessage: MessageListener = (event) => {
      const data = event.data as { type?: unknown; ok?: unknown; credentialId?: unknown; message?: unknown } | null;
      if (event.origin !== serverOrigin || !data || data.type !== OAUTH2_CONNECTED_MESSAGE) return;
      if (data.ok === true && data.credentialId === credentialId) finish({ ok: true });
      else if (data.ok !== true) {
        const said = typeof data.message === 'string' ? data.message : 'the server did not say why';
        finish({ error: new CredentialError('OAUTH2_FAILED', `The account was not connected: ${said}`) });
      }
    };
    const onAbort = () => finish({ error: new CanceledError('Connecting the account was canceled.', { cause: options.signal?.reason }) });
    // The user may close the popup without finishing: nothing is posted then.
    const watch = setInterval(() => {
      if (popup.closed)
        finish({ error: new CredentialError('OAUTH2_FAILED', 'The sign-in window was closed before the account was connected.') });
    }, 500);
    win.addEventListener('message', onMessage);
    if (options.signal?.aborted) return onAbort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    startOAuth2(client, credentialId).then(
      ({ url }) => {
        if (!done) popup.location.href = url;
      },
      (error: unknown) => {
        if (!popup.closed) popup.close();
        finish({ error: error instanceof Error ? error : new CredentialError('OAUTH2_FAILED', String(error)) });
      },
    );
  });
}
