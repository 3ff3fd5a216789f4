import { context, SpanStatusCode, trace, type Span, type Tracer } from '@opentelemetry/api';
import type { Engine } from '@flowloom/engine';

/**
 * Records each execution as an OpenTelemetry span, with a child span per
 * node run, from the engine's events. Through `@opentelemetry/api` alone:
 * spans go nowhere until the host installs an SDK (or passes a `tracer`).
 * Returns the function that stops listening.
 */
export function traceExecutions(engine: Engine, tracer: Tracer = trace.getTracer('@flowloom/server')): () => void {
  const executions = new Map<string, Span>();
  const nodes = new Map<string, Span>();
  const nodeKey = (executionId: string, nodeId: string, runIndex: number) => `${executionId}\u0000${nodeId}\u0000${runIndex}`;
  const offs = [
    engine.on('executionStart', ({ execution }) => {
      executions.set(
        execution.id,
        tracer.startSpan('flowloom.execution', {
          startTime: Date.parse(execution.startedAt),
          attributes: {
            'flowloom.execution.id': execution.id,
            'flowloom.execution.mode': execution.mode,
            'flowloom.workflow.id': execution.workflowId,
            'flowloom.tenant.id': execution.tenantId,
          },
        }),
      );
    }),
    engine.on('nodeStart', (event) => {
      const parent = executions.get(event.executionId);
      const span = tracer.startSpan(
        `flowloom.node ${event.nodeName}`,
        {
          attributes: {
            'flowloom.execution.id': event.executionId,
            'flowloom.node.id': event.nodeId,
            'flowloom.node.name': event.nodeName,
            'flowloom.node.run_index': event.runIndex,
          },
        },
        parent ? trace.setSpan(context.active(), parent) : undefined,
      );
      nodes.set(nodeKey(event.executionId, event.nodeId, event.runIndex), span);
    }),
    engine.on('nodeFinish', ({ executionId, run }) => {
      const key = nodeKey(executionId, run.nodeId, run.runIndex);
      const span = nodes.get(key);
      if (!span) return;
      nodes.delete(key);
      span.setAttribute('flowloom.node.status', run.status);
      if (run.status === 'error') span.setStatus({ code: SpanStatusCode.ERROR, message: run.error?.message ?? 'The node failed.' });
      span.end(Date.parse(run.finishedAt));
    }),
    engine.on('executionFinish', ({ execution }) => {
      const span = executions.get(execution.id);
      if (!span) return;
      executions.delete(execution.id);
      span.setAttribute('flowloom.execution.status', execution.status);
      if (execution.status === 'error' || execution.status === 'crashed') {
        span.setStatus({ code: SpanStatusCode.ERROR, message: execution.error?.message ?? `The execution ended ${execution.status}.` });
      }
      span.end(execution.finishedAt ? Date.parse(execution.finishedAt) : undefined);
    }),
  ];
  return () => offs.forEach((off) => off());
}
