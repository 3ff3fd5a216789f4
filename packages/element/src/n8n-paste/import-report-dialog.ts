import type { ImportReport } from '@flowloom/engine/n8n';
import { css, html, nothing, render, type TemplateResult } from 'lit';
import type { Translate } from '../i18n/translate.js';

const styles = css`
  dialog {
    font: 14px/1.4 var(--wf-font, system-ui, sans-serif);
    color: var(--wf-color-text, #1f2328);
    background: var(--wf-color-surface, #fff);
    border: 1px solid var(--wf-color-border, #d0d7de);
    border-radius: 8px;
    padding: 16px 20px;
    max-width: min(560px, 90vw);
    max-height: 80vh;
    overflow: auto;
  }
  h2 {
    font-size: 16px;
    margin: 0 0 8px;
  }
  h3 {
    font-size: 14px;
    margin: 12px 0 4px;
  }
  ul {
    margin: 0;
    padding-left: 18px;
  }
  .error {
    color: var(--wf-color-danger, #cf222e);
  }
  footer {
    margin-top: 16px;
    text-align: right;
  }
`;

/** The tag of the element holding the dialog (in the page's top layer). */
export const REPORT_HOST_CLASS = 'wf-n8n-import-report';

function section(name: string, title: string, items: readonly TemplateResult[]): TemplateResult | typeof nothing {
  if (items.length === 0) return nothing;
  return html`<section data-section=${name}>
    <h3>${title}</h3>
    <ul>
      ${items.map((item) => html`<li>${item}</li>`)}
    </ul>
  </section>`;
}

/** The report's content: what was carried over, the placeholders, the problems and the credentials to fill. */
function content(report: ImportReport, t: Translate, close: () => void): TemplateResult {
  const e = report.expressions;
  const title = report.workflowName ? t('n8nImport.title', { name: report.workflowName }) : t('n8nImport.untitled');
  const clean = report.placeholders.length === 0 && report.problems.length === 0 && report.credentials.length === 0;
  return html`<h2 id="title">${title}</h2>
    ${
      report.status === 'refused'
        ? html`<p class="error" data-section="refused">${t('n8nImport.failed', { message: report.refusedReason ?? '' })}</p>`
        : html`<p data-section="summary">${t('n8nImport.nodes', { mapped: report.nodes.mapped, total: report.nodes.total })}</p>
            ${
              e.total > 0
                ? html`<p data-section="expressions">
                    ${t('n8nImport.expressions', { total: e.total, translated: e.translated, javascript: e.javascript })}
                  </p>`
                : nothing
            }
            ${clean ? html`<p>${t('n8nImport.none')}</p>` : nothing}
            ${section(
              'placeholders',
              t('n8nImport.placeholders', { count: report.placeholders.length }),
              report.placeholders.map((p) => html`<strong>${p.node}</strong> (${p.n8nType}): ${p.reason}`),
            )}
            ${section(
              'problems',
              t('n8nImport.problems', { count: report.problems.length }),
              report.problems.map(
                (p) =>
                  html`<span class=${p.severity === 'error' ? 'error' : ''}
                    >${p.node ? html`<strong>${p.node}</strong>: ` : nothing}${p.message}</span
                  >`,
              ),
            )}
            ${section(
              'credentials',
              t('n8nImport.credentials', { count: report.credentials.length }),
              report.credentials.map((c) => html`<strong>${c.node}</strong>: ${c.name} (${c.n8nType})`),
            )}`
    }
    <footer><button type="button" @click=${close}>${t('n8nImport.close')}</button></footer>`;
}

/**
 * Shows an n8n import report in a modal dialog of its own, in the page's top
 * layer (above the editor whatever its stacking), styled with the editor's
 * theme properties. Closing it (the button or Escape) removes it. Returns
 * the element holding it.
 */
export function showImportReport(report: ImportReport, t: Translate, container: HTMLElement = document.body): HTMLElement {
  const host = document.createElement('div');
  host.className = REPORT_HOST_CLASS;
  const root = host.attachShadow({ mode: 'open' });
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(styles.cssText);
  root.adoptedStyleSheets = [sheet];
  container.append(host);
  const close = () => {
    dialog?.close();
    host.remove();
  };
  render(html`<dialog aria-labelledby="title" part="dialog">${content(report, t, close)}</dialog>`, root);
  const dialog = root.querySelector('dialog');
  dialog?.addEventListener('close', () => host.remove());
  dialog?.showModal();
  return host;
}
