import { css } from 'lit';

/** Styles of an AI node's transcript in the run panel. */
export const agentTranscriptStyles = css`
  .transcript {
    margin-bottom: var(--wf-space-3);
  }
  .transcript h4 {
    margin: var(--wf-space-1) 0 2px;
    font-size: 0.75em;
    text-transform: uppercase;
    letter-spacing: 0.05em;
    color: var(--wf-color-muted);
  }
  .transcript .entries {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-direction: column;
    gap: var(--wf-space-1);
  }
  .transcript .entry {
    border: 1px solid var(--wf-border-color);
    border-inline-start: 3px solid var(--wf-color-muted);
    border-radius: var(--wf-radius-sm);
    background: var(--wf-panel-bg);
  }
  .transcript .entry.model-call {
    border-inline-start-color: var(--wf-color-accent);
  }
  .transcript .entry.tool-call {
    border-inline-start-color: var(--wf-color-warning);
  }
  .transcript .entry.tool-call.failed {
    border-color: var(--wf-color-danger);
    border-inline-start-color: var(--wf-color-danger);
  }
  .transcript summary {
    display: block;
    list-style: none;
    padding: 3px var(--wf-space-2);
    cursor: pointer;
    font-size: 0.9em;
  }
  .transcript summary::before {
    content: '▸';
    display: inline-block;
    width: 1.1em;
    color: var(--wf-color-muted);
  }
  .transcript details[open] > summary::before {
    content: '▾';
  }
  .transcript summary::-webkit-details-marker {
    display: none;
  }
  .transcript summary:focus-visible {
    outline: 2px solid var(--wf-color-focus);
  }
  .transcript .what {
    font-weight: 600;
    margin-inline-end: var(--wf-space-2);
  }
  .transcript .fact {
    color: var(--wf-color-muted);
    font-size: 0.92em;
  }
  .transcript .fact + .fact::before {
    content: '·';
    margin: 0 6px;
  }
  .transcript .failed-mark {
    color: var(--wf-color-danger);
    font-weight: 600;
  }
  .transcript code {
    font: 0.85em / 1.4 var(--wf-font-mono);
  }
  .transcript code.args {
    margin-inline-end: var(--wf-space-2);
    color: var(--wf-expression-color);
    word-break: break-all;
  }
  .transcript .detail {
    padding: 0 var(--wf-space-2) var(--wf-space-2) calc(var(--wf-space-2) + 1em);
  }
  .transcript .text {
    margin: 0;
    white-space: pre-wrap;
  }
  .transcript .call {
    margin: 2px 0;
  }
  .transcript details.raw > summary,
  .transcript details.sent > summary {
    padding-inline-start: 0;
    font-size: 0.85em;
    color: var(--wf-color-muted);
  }
  .transcript pre {
    padding: var(--wf-space-1) var(--wf-space-2);
    border-radius: var(--wf-radius-sm);
    background: var(--wf-preview-bg);
    max-height: 240px;
    overflow: auto;
  }
  .transcript .tool-error {
    margin-top: var(--wf-space-1);
    padding: var(--wf-space-1) var(--wf-space-2);
    border: 1px solid var(--wf-color-danger);
    border-radius: var(--wf-radius-sm);
    color: var(--wf-color-danger);
  }
  .transcript .answer {
    margin-top: var(--wf-space-2);
    padding: var(--wf-space-2);
    border: 1px solid var(--wf-color-success);
    border-radius: var(--wf-radius-sm);
  }
  .transcript .answer h4 {
    margin-top: 0;
    color: var(--wf-color-success);
  }
  .transcript .totals {
    margin-top: var(--wf-space-1);
  }
  .transcript .no-answer {
    color: var(--wf-color-muted);
    font-style: italic;
  }
`;
