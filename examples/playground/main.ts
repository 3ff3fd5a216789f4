// The playground: the editor full-page, the engine in the browser, sample
// workflows, storage in memory.
import '@flowloom/element/define';
import type { WorkflowEditor } from '@flowloom/element';
import { createEngine, defineNode } from '@flowloom/engine';
import { z } from 'zod';
import { demoNodeTypes } from '../shared/demo-nodes.js';
import { samples } from '../shared/sample-workflows.js';

const params = new URLSearchParams(location.search);
const engine = createEngine({ nodeTypes: demoNodeTypes({ defineNode, z }) });
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

function open(id: string): void {
  editor.workflow = samples[id as keyof typeof samples]();
}
function applyTheme(): void {
  editor.theme = theme.value as 'light' | 'dark';
  document.body.classList.toggle('dark', theme.value === 'dark');
}

open(sample.value);
applyTheme();
editor.locale = locale.value;
sample.addEventListener('change', () => open(sample.value));
theme.addEventListener('change', applyTheme);
locale.addEventListener('change', () => (editor.locale = locale.value));

editor.addEventListener('wf-workflow-save', async (e) => {
  const saved = await engine.storage.workflows.save('default', e.detail.workflow);
  toast.textContent = `Saved version ${saved.version}`;
});
editor.addEventListener('wf-execution-finish', (e) => {
  toast.textContent = e.detail.execution ? `Run ${e.detail.execution.status}` : `Run failed: ${e.detail.error ?? ''}`;
});

// For tests and the console.
Object.assign(window, { editor, engine });
