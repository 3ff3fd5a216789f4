// The playground: the editor full-page, the engine in the browser, sample
// workflows, workflows and run history kept in IndexedDB (in memory when the
// browser refuses IndexedDB, as some private windows do).
import '@flowloom/element/define';
import type { WorkflowEditor } from '@flowloom/element';
import { openIndexedDbStorage } from '@flowloom/adapters/indexeddb';
import { createEngine, defineNode, type Storage } from '@flowloom/engine';
import { z } from 'zod';
import { demoNodeTypes } from '../shared/demo-nodes.js';
import { samples } from '../shared/sample-workflows.js';

const params = new URLSearchParams(location.search);
const storage: Storage | undefined = params.has('memory')
  ? undefined
  : await openIndexedDbStorage('flowloom-playground').catch(() => undefined);
const engine = createEngine({ nodeTypes: demoNodeTypes({ defineNode, z }), ...(storage ? { storage } : {}) });
const editor = document.querySelector('#editor') as WorkflowEditor;
const sample = document.querySelector('#sample') as HTMLSelectElement;
const theme = document.querySelector('#theme') as HTMLSelectElement;
const locale = document.querySelector('#locale') as HTMLSelectElement;
const toast = document.querySelector('#toast') as HTMLElement;

editor.engine = engine;
for (const id of Object.keys(samples)) sample.add(new Option(id, id));
sample.value = params.get('workflow') ?? 'greet-customers';
theme.value = params.get('theme') ?? 'light';
locale.value = params.get('locale') ?? 'en';

/** Opens the last saved version of a sample, or the sample as shipped. */
async function open(id: string): Promise<void> {
  const sampleWorkflow = samples[id as keyof typeof samples]();
  const saved = await engine.storage.workflows.get('default', sampleWorkflow.id).catch(() => undefined);
  editor.workflow = saved ?? sampleWorkflow;
}
function applyTheme(): void {
  editor.theme = theme.value as 'light' | 'dark';
  document.body.classList.toggle('dark', theme.value === 'dark');
}

await open(sample.value);
applyTheme();
editor.locale = locale.value;
sample.addEventListener('change', () => void open(sample.value));
theme.addEventListener('change', applyTheme);
locale.addEventListener('change', () => (editor.locale = locale.value));

editor.addEventListener('wf-workflow-save', (e) => {
  engine.storage.workflows.save('default', e.detail.workflow).then(
    (saved) => (toast.textContent = `Saved version ${saved.version}`),
    (error: unknown) => (toast.textContent = `Not saved: ${error instanceof Error ? error.message : String(error)}`),
  );
});
editor.addEventListener('wf-execution-finish', (e) => {
  toast.textContent = e.detail.execution ? `Run ${e.detail.execution.status}` : `Run failed: ${e.detail.error ?? ''}`;
});

// For tests and the console.
Object.assign(window, { editor, engine });
document.body.dataset.storage = storage ? 'indexeddb' : 'memory';
