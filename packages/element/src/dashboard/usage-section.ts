import { html, nothing, type TemplateResult } from 'lit';
import type { TenantUsage, UsageCount } from './dashboard-data-source.js';
import { renderStatus, type SectionView } from './overview-section.js';
import { valueOf, type SectionState } from './section-state.js';

/** Each tenant's use this month against its limits. */
export function renderUsage(state: SectionState<TenantUsage[]>, view: SectionView, retry: () => void): TemplateResult | typeof nothing {
  if (state.status === 'hidden') return nothing;
  const { t } = view;
  const tenants = valueOf(state);
  return html`<section class="usage" part="usage" aria-labelledby="usage-heading">
    <h2 id="usage-heading">${t('usage.heading')}</h2>
    ${renderStatus(state, view, 'usage.error', retry)}
    ${
      !tenants
        ? nothing
        : tenants.length === 0
          ? html`<p class="empty">${t('usage.empty')}</p>`
          : tenants.map(
              (u) =>
                html`<div class="tenant" data-tenant=${u.tenantId}>
                  <h3>${t('usage.tenant', { tenant: u.tenantId, month: u.month })}</h3>
                  <dl>
                    ${row('executions', t('usage.executions'), u.executions, view)}
                    ${row('workflows', t('usage.workflows'), u.workflows, view)}
                    ${row('running', t('usage.running'), u.runningExecutions, view)}
                  </dl>
                </div>`,
            )
    }
  </section>`;
}

function row(name: string, label: string, count: UsageCount, { t, f }: SectionView): TemplateResult {
  const text =
    count.limit === undefined
      ? t('usage.noLimit', { used: f.count(count.used) })
      : t('usage.ofLimit', { used: f.count(count.used), limit: f.count(count.limit) });
  const over = count.limit !== undefined && count.used >= count.limit;
  return html`<div class="quota ${over ? 'over' : ''}" data-quota=${name}>
    <dt>${label}</dt>
    <dd>
      <span class="amount">${text}</span>
      ${
        count.limit === undefined
          ? nothing
          : html`<meter
              min="0"
              max=${Math.max(1, count.limit)}
              high=${Math.max(1, count.limit) * 0.8}
              value=${count.used}
              aria-label=${label}
            >
              ${text}
            </meter>`
      }
    </dd>
  </div>`;
}
