// The transcript of a real AI Agent run: an AI Agent with a Chat Model on an OpenAI-compatible server, a memory
// and an HTTP Request tool, run by the engine in Node and recorded in fixtures/agent-run.json (made, and kept
// current, by packages/integrations/src/ai/agent-transcript-fixture.test.ts). The engine's record is the oracle.
import type { Execution, NodeRun, Workflow } from '@flowloom/engine';
import { resetMouse, sendMouse, setViewport } from '@web/test-runner-commands';
import { aiTestEngine } from '../testing/ai-node-types.js';
import { equal, ok, until } from '../testing/assert.js';
import { canvasOf, mountEditor, part, settle } from '../testing/fixture.js';
import type { WorkflowEditor } from '../workflow-editor.component.js';
import { formatDuration, transcriptOf } from './agent-transcript.js';

interface Recorded {
  workflow: Workflow;
  execution: Execution;
}

const recorded = async (): Promise<Recorded> =>
  (await (await fetch(new URL('./fixtures/agent-run.json', import.meta.url))).json()) as Recorded;

const recordsOf = (run: NodeRun, kind: string) => (run.logs ?? []).flatMap((l) => (l.data?.['kind'] === kind ? [l.data] : []));

function centre(el: Element): [number, number] {
  const r = el.getBoundingClientRect();
  return [Math.round(r.left + r.width / 2), Math.round(r.top + r.height / 2)];
}

/** The editor with the recorded workflow, whose runner replays the recorded execution as the engine reported it. */
async function replay({ workflow, execution }: Recorded): Promise<WorkflowEditor> {
  await setViewport({ width: 1280, height: 1000 });
  const el = await mountEditor(workflow, (e) => (e.engine = aiTestEngine()));
  el.style.height = '940px';
  el.style.setProperty('--wf-run-panel-height', '520px');
  el.runner = async (_, { onEvent }) => {
    onEvent({ type: 'executionStart', execution: { ...execution, nodes: {} } });
    for (const runs of Object.values(execution.nodes))
      for (const run of runs) onEvent({ type: 'nodeFinish', executionId: execution.id, workflowId: execution.workflowId, run });
    onEvent({ type: 'executionFinish', execution });
    return execution;
  };
  await settle(el);
  return el;
}

/** Runs with the toolbar's button and selects the agent with a click, as a person would. */
async function runAndSelectAgent(el: WorkflowEditor): Promise<ShadowRoot> {
  let finished = false;
  el.addEventListener('wf-execution-finish', () => (finished = true));
  await sendMouse({ type: 'click', position: centre(el.shadowRoot!.querySelector('button.run')!) });
  await until(() => finished, 'the run finished');
  await settle(el);
  await sendMouse({ type: 'click', position: centre(canvasOf(el).shadowRoot!.querySelector('.node[data-id="agent"] .label')!) });
  await settle(el);
  equal([...el.store.selectedNodes], ['agent']);
  return part(el, 'wf-run-panel');
}

describe('agent transcript', () => {
  afterEach(() => resetMouse());

  it('shows each model call with its model, tokens, cost and duration, as the engine recorded them', async () => {
    const fixture = await recorded();
    const run = fixture.execution.nodes['agent']![0]!;
    const panel = await runAndSelectAgent(await replay(fixture));
    const calls = [...panel.querySelectorAll<HTMLDetailsElement>('.transcript .entry.model-call')];
    const records = recordsOf(run, 'model-call');
    equal(calls.length, records.length);
    ok(records.length >= 2, 'the agent called the model, then again with the tool results');
    calls.forEach((call, i) => {
      const r = records[i]! as {
        step: number;
        model: { modelId: string };
        usage: { inputTokens: number; outputTokens: number };
        latencyMs: number;
        costUsd: number;
      };
      const summary = call.querySelector('summary')!.textContent!.replace(/\s+/g, ' ');
      ok(summary.includes(`Model call ${r.step}`), summary);
      ok(summary.includes(r.model.modelId), `${summary} names ${r.model.modelId}`);
      ok(summary.includes(`${r.usage.inputTokens} in / ${r.usage.outputTokens} out tokens`), summary);
      ok(summary.includes(formatDuration(r.latencyMs)), summary);
      const cost = Number(/≈ \$([\d.]+)/.exec(summary)?.[1]);
      ok(Math.abs(cost - r.costUsd) <= r.costUsd * 0.05, `cost ${cost} shown for ${r.costUsd}`);
      ok(!call.open, 'model calls start collapsed');
    });
    ok(calls[0]!.querySelector('summary')!.textContent!.includes('asks for get_weather ×2'));
  });

  it('shows each tool call with its arguments and result, a failure in place, and the final answer', async () => {
    const fixture = await recorded();
    const run = fixture.execution.nodes['agent']![0]!;
    const panel = await runAndSelectAgent(await replay(fixture));
    const tools = [...panel.querySelectorAll<HTMLDetailsElement>('.transcript .entry.tool-call')];
    const records = recordsOf(run, 'tool-call') as { arguments: unknown; result: unknown; error?: { code: string; message: string } }[];
    equal(tools.length, records.length);
    const failures = records.filter((r) => r.error);
    ok(failures.length === 1 && records.length === 2, 'one call answered, one failed');
    tools.forEach((tool, i) => {
      const r = records[i]!;
      equal(JSON.parse(tool.querySelector('pre.arguments')!.textContent!), r.arguments);
      if (r.error) {
        ok(tool.open, 'a failed call is open');
        ok(tool.classList.contains('failed'));
        const error = tool.querySelector('.tool-error[role="alert"]')!;
        ok(error.textContent!.includes(r.error.message), error.textContent!);
        ok(error.textContent!.includes(r.error.code));
      } else {
        ok(!tool.open);
        equal(JSON.parse(tool.querySelector('pre.result')!.textContent!), r.result);
      }
    });
    const answer = panel.querySelector('.transcript .answer .text')!.textContent;
    equal(answer, (run.output['main']![0]!.json as { output: string }).output, 'the final answer is what the agent put out');
    const conversation = recordsOf(run, 'conversation')[0] as { steps: number; usage: { totalTokens: number } };
    ok(
      panel
        .querySelector('.transcript .answer .totals')!
        .textContent!.includes(`${conversation.steps} model calls, ${conversation.usage.totalTokens} tokens`),
    );
    ok(panel.querySelector('.transcript .entry.memory-load')!.textContent!.includes('Memory \u201cdemo\u201d: 0 earlier messages'));
  });

  it('opens a step with a click and shows its raw JSON', async () => {
    const fixture = await recorded();
    const run = fixture.execution.nodes['agent']![0]!;
    const panel = await runAndSelectAgent(await replay(fixture));
    const call = panel.querySelector<HTMLDetailsElement>('.transcript .entry.model-call')!;
    const summary = call.querySelector('summary')!;
    summary.scrollIntoView({ block: 'center' });
    await sendMouse({ type: 'click', position: centre(summary) });
    await until(() => call.open, 'the model call opened');
    const rawSummary = call.querySelector<HTMLElement>('details.raw > summary')!;
    rawSummary.scrollIntoView({ block: 'center' });
    await sendMouse({ type: 'click', position: centre(rawSummary) });
    await until(() => call.querySelector<HTMLDetailsElement>('details.raw')!.open, 'the raw JSON opened');
    equal(JSON.parse(call.querySelector('details.raw pre')!.textContent!), recordsOf(run, 'model-call')[0]);
  });

  it('keeps what a failed run recorded, says it did not answer, and shows nothing for a node that recorded no calls', async () => {
    const fixture = await recorded();
    const agent = fixture.execution.nodes['agent']![0]!;
    // A run that failed after its first model call and its tools: the record up to the failure.
    const cut = (agent.logs ?? []).findIndex((l, i) => i > 1 && l.data?.['kind'] === 'model-call');
    const failed: NodeRun = {
      ...agent,
      status: 'error',
      output: {},
      logs: agent.logs!.slice(0, cut),
      error: { name: 'NodeExecutionError', code: 'AI_TIMEOUT', message: "Node 'Agent': the model did not finish within 1000 ms." },
    };
    equal(transcriptOf(failed)[0]!.answer, undefined);
    const el = await replay({
      ...fixture,
      execution: { ...fixture.execution, status: 'error', nodes: { ...fixture.execution.nodes, agent: [failed] } },
    });
    const panel = await runAndSelectAgent(el);
    equal(panel.querySelectorAll('.transcript .entry.tool-call').length, 2);
    ok(panel.querySelector('.transcript .no-answer'));
    ok(panel.querySelector('.error-box')!.textContent!.includes('did not finish'));
    el.store.select(['trigger']);
    await settle(el);
    ok(!panel.querySelector('.transcript'), 'the trigger has no transcript');
  });
});
