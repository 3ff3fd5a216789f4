import { html, nothing, type TemplateResult } from 'lit';
import type { DashboardWebhook } from './dashboard-data-source.js';
import { renderStatus, type SectionView } from './overview-section.js';
import { valueOf, type SectionState } from './section-state.js';

/** What a webhook's row says after an action: a copy, a test call. */
export interface RowNote {
  text: string;
  error?: boolean;
}

/** What the webhooks section asks of the dashboard. */
export interface WebhookActions {
  copy(webhook: DashboardWebhook, url: HTMLElement): void;
  test(webhook: DashboardWebhook): void;
  retry(): void;
  /** The note under a webhook's URL. */
  noteOf(webhook: DashboardWebhook): RowNote | undefined;
  /** Whether a test call to it is under way (its button stays focusable, and does nothing meanwhile). */
  busy(webhook: DashboardWebhook): boolean;
}

/** The key of a webhook's row. */
export function webhookKey(webhook: DashboardWebhook): string {
  return `${webhook.method} ${webhook.url}`;
}

/** The active webhooks, their URLs, and a copy button and a test call for each. */
export function renderWebhooks(
  state: SectionState<DashboardWebhook[]>,
  view: SectionView,
  actions: WebhookActions,
): TemplateResult | typeof nothing {
  if (state.status === 'hidden') return nothing;
  const { t } = view;
  const hooks = valueOf(state);
  return html`<section class="webhooks" part="webhooks" aria-labelledby="webhooks-heading">
    <h2 id="webhooks-heading">${t('webhooks.heading')}</h2>
    ${renderStatus(state, view, 'webhooks.error', () => actions.retry())}
    ${
      !hooks
        ? nothing
        : hooks.length === 0
          ? html`<p class="empty">${t('webhooks.empty')}</p>`
          : html`<table>
              <thead>
                <tr>
                  <th scope="col">${t('webhooks.workflow')}</th>
                  <th scope="col">${t('webhooks.method')}</th>
                  <th scope="col">${t('webhooks.url')}</th>
                  <th scope="col">${t('webhooks.actions')}</th>
                </tr>
              </thead>
              <tbody>
                ${hooks.map((hook) => row(hook, view, actions))}
              </tbody>
            </table>`
    }
  </section>`;
}

function row(hook: DashboardWebhook, { t }: SectionView, actions: WebhookActions): TemplateResult {
  const note = actions.noteOf(hook);
  const subject = { method: hook.method, path: hook.path };
  return html`<tr data-webhook=${webhookKey(hook)}>
    <th scope="row">${hook.workflowName ?? hook.workflowId}</th>
    <td><span class="method">${hook.method}</span></td>
    <td class="url-cell">
      <code class="url">${hook.url}</code>
      <output class="note ${note?.error ? 'error' : ''}">${note?.text ?? ''}</output>
    </td>
    <td class="actions">
      <button
        type="button"
        class="copy"
        aria-label=${t('webhooks.copyLabel', subject)}
        @click=${(e: Event) => actions.copy(hook, (e.currentTarget as HTMLElement).closest('tr')!.querySelector('code')!)}
      >
        ${t('webhooks.copy')}
      </button>
      <button
        type="button"
        class="test"
        aria-label=${t('webhooks.testLabel', subject)}
        aria-disabled=${actions.busy(hook) ? 'true' : 'false'}
        @click=${() => actions.test(hook)}
      >
        ${t('webhooks.test')}
      </button>
    </td>
  </tr>`;
}
