import type { NodeRun } from '@flowloom/engine';
import { html, nothing, type TemplateResult } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import type { Translate } from '../i18n/translate.js';
import {
  formatCost,
  formatDuration,
  transcriptOf,
  type TranscriptEmbedding,
  type TranscriptEntry,
  type TranscriptItem,
  type TranscriptMemoryLoad,
  type TranscriptModelCall,
  type TranscriptToolCall,
  type TranscriptUsage,
} from './agent-transcript.js';

const SUMMARY_ARGUMENTS = 80;

const json = (value: unknown) => JSON.stringify(value, null, 2) ?? String(value);

/** Arguments on one line, cut to fit a summary: `{"city":"Paris"}`. */
function inline(value: unknown): string {
  const text = JSON.stringify(value) ?? '';
  return text.length > SUMMARY_ARGUMENTS ? `${text.slice(0, SUMMARY_ARGUMENTS - 1)}…` : text;
}

function tokens(t: Translate, usage: TranscriptUsage | undefined): string | undefined {
  if (!usage || (usage.inputTokens === undefined && usage.outputTokens === undefined)) return undefined;
  return t('run.transcript.tokens', { input: usage.inputTokens ?? '?', output: usage.outputTokens ?? '?' });
}

/** The facts of a call, as small separated parts of its summary line. */
function facts(parts: (string | undefined)[]): TemplateResult[] {
  return parts.filter((p): p is string => Boolean(p)).map((p) => html`<span class="fact">${p}</span>`);
}

function raw(t: Translate, data: Record<string, unknown>): TemplateResult {
  return html`<details class="raw">
    <summary>${t('run.transcript.raw')}</summary>
    <pre>${json(data)}</pre>
  </details>`;
}

/** The tools a model call asks for, each once with how many times: `get_weather ×2, to_fahrenheit`. */
function toolNames(e: TranscriptModelCall): string {
  const counts = new Map<string, number>();
  for (const c of e.toolCalls) counts.set(c.name, (counts.get(c.name) ?? 0) + 1);
  return [...counts].map(([name, n]) => (n > 1 ? `${name} ×${n}` : name)).join(', ');
}

function modelCall(t: Translate, e: TranscriptModelCall): TemplateResult {
  const asks = e.toolCalls.length > 0 ? t('run.transcript.asks', { tools: toolNames(e) }) : t('run.transcript.answers');
  return html`<details class="entry model-call">
    <summary>
      <span class="what">${t('run.transcript.modelCall', { step: e.step })}</span>
      ${facts([
        e.modelId,
        tokens(t, e.usage),
        e.costUsd === undefined ? undefined : `≈ ${formatCost(e.costUsd)}`,
        e.latencyMs === undefined ? undefined : formatDuration(e.latencyMs),
        asks,
      ])}
    </summary>
    <div class="detail">
      ${
        e.text
          ? html`<h4>${t('run.transcript.response')}</h4>
              <p class="text">${e.text}</p>`
          : nothing
      }
      ${e.toolCalls.map((c) => html`<div class="call"><code>${c.name}</code> <code class="args">${inline(c.arguments)}</code></div>`)}
      <details class="sent">
        <summary>${t('run.transcript.sent', { count: e.messages.length })}</summary>
        <pre>${json(e.messages)}</pre>
      </details>
      ${raw(t, e.raw)}
    </div>
  </details>`;
}

function toolCall(t: Translate, e: TranscriptToolCall): TemplateResult {
  return html`<details class="entry tool-call ${e.error ? 'failed' : ''}" ?open=${e.error !== undefined}>
    <summary>
      <span class="what">${t('run.transcript.tool', { tool: e.tool })}</span>
      <code class="args">${inline(e.arguments)}</code>
      ${facts([
        e.node ? t('run.transcript.byNode', { name: e.node }) : undefined,
        e.latencyMs === undefined ? undefined : formatDuration(e.latencyMs),
      ])}
      ${e.error ? html`<span class="fact failed-mark">${t('run.transcript.failed')}</span>` : nothing}
    </summary>
    <div class="detail">
      <h4>${t('run.transcript.arguments')}</h4>
      <pre class="arguments">${json(e.arguments)}</pre>
      ${
        e.error
          ? html`<div class="tool-error" role="alert">
              <strong>${t('run.transcript.error')}${e.error.code ? ` (${e.error.code})` : ''}:</strong> ${e.error.message}
            </div>`
          : html`<h4>${t('run.transcript.result')}</h4>
              <pre class="result">${json(e.result)}</pre>`
      }
      ${raw(t, e.raw)}
    </div>
  </details>`;
}

function memoryLoad(t: Translate, e: TranscriptMemoryLoad): TemplateResult {
  return html`<details class="entry memory-load">
    <summary><span class="what">${t('run.transcript.memory', { session: e.sessionKey, count: e.messages.length })}</span></summary>
    <div class="detail">${e.messages.length ? html`<pre>${json(e.messages)}</pre>` : nothing} ${raw(t, e.raw)}</div>
  </details>`;
}

function embedding(t: Translate, e: TranscriptEmbedding): TemplateResult {
  return html`<details class="entry embedding-call">
    <summary>
      <span class="what">${t('run.transcript.embedding', { count: e.count })}</span>
      ${facts([
        tokens(t, e.usage),
        e.costUsd === undefined ? undefined : `≈ ${formatCost(e.costUsd)}`,
        e.latencyMs === undefined ? undefined : formatDuration(e.latencyMs),
      ])}
    </summary>
    <div class="detail">${raw(t, e.raw)}</div>
  </details>`;
}

function entry(t: Translate, e: TranscriptEntry): TemplateResult {
  switch (e.kind) {
    case 'model-call':
      return modelCall(t, e);
    case 'tool-call':
      return toolCall(t, e);
    case 'memory-load':
      return memoryLoad(t, e);
    case 'embedding-call':
      return embedding(t, e);
  }
}

function conversation(t: Translate, item: TranscriptItem, many: boolean, failed: boolean): TemplateResult {
  const total = item.total;
  return html`<section class="conversation" data-item=${item.item}>
    ${many ? html`<h4 class="item">${t('run.transcript.item', { item: item.item })}</h4>` : nothing}
    <ol class="entries">
      ${item.entries.map((e) => html`<li>${entry(t, e)}</li>`)}
    </ol>
    ${
      item.answer !== undefined
        ? html`<div class="answer">
            <h4>${t('run.transcript.answer')}</h4>
            <p class="text">${item.answer}</p>
            ${
              total
                ? html`<div class="totals">
                    ${facts([
                      t('run.transcript.total', { steps: total.steps, tokens: total.usage.totalTokens ?? '?' }),
                      total.costUsd === undefined ? undefined : `≈ ${formatCost(total.costUsd)}`,
                    ])}
                  </div>`
                : nothing
            }
          </div>`
        : failed
          ? html`<p class="no-answer">${t('run.transcript.noAnswer')}</p>`
          : nothing
    }
  </section>`;
}

/**
 * The transcript of an AI node's run (an agent, a chain): per input item,
 * each model call (model, tokens, cost, duration), each tool call with its
 * arguments and result (a failure in place), and the final answer; each step
 * collapsible, with its raw JSON. Nothing for a run that recorded none.
 */
export function renderTranscript(run: NodeRun, t: Translate): TemplateResult | typeof nothing {
  const items = transcriptOf(run);
  if (items.length === 0) return nothing;
  // A new run (or another node) starts with its own open and closed steps.
  return html`${keyed(
    `${run.nodeId}\u0000${run.runIndex}\u0000${run.startedAt}`,
    html`<section class="transcript" aria-label=${t('run.transcript')}>
      <h3>${t('run.transcript')}</h3>
      ${items.map((item) => conversation(t, item, items.length > 1, run.status !== 'success'))}
    </section>`,
  )}`;
}
