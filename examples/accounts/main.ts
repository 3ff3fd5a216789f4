// A host page for what an end user manages around a workflow: connected
// accounts (API keys, OAuth2 accounts through a popup), variables, templates
// and the workflow's settings and versions. The engine runs in the page and
// keeps workflows, runs and encrypted credentials in IndexedDB; or, with
// `?server=`, the editor works against a Flowloom server.
import '@flowloom/element/define';
import type { WorkflowEditor } from '@flowloom/element';
import { openIndexedDbStorage } from '@flowloom/adapters/indexeddb';
import { createEngine, defineNode, rawKeyProvider, type WorkflowInput } from '@flowloom/engine';
import { z } from 'zod';
import { demoNodeTypes } from '../shared/demo-nodes.js';

const params = new URLSearchParams(location.search);
const storage = await openIndexedDbStorage(params.get('db') ?? 'flowloom-accounts');
const engine = createEngine({
  nodeTypes: demoNodeTypes({ defineNode, z }),
  storage,
  // A real host gets its key from its back end; this one lives as long as the page, so credentials saved in an
  // earlier visit cannot be read after a reload.
  keyProvider: rawKeyProvider({ key: crypto.getRandomValues(new Uint8Array(32)), id: 'page' }),
  // The services this page is tried against run on this machine.
  http: { allowPrivateNetworks: true },
});
const editor = document.querySelector('#editor') as WorkflowEditor;
const toast = document.querySelector('#toast') as HTMLElement;

/** A template of the gallery: an account's profile read from an API, its address and account left to fill in. */
const profileTemplate: WorkflowInput = {
  schemaVersion: 1,
  id: 'template-account-profile',
  name: 'Read an account profile',
  nodes: [
    { id: 'start', name: 'Start', type: 'core.manualTrigger', position: { x: 0, y: 0 } },
    {
      id: 'fetch',
      name: 'Fetch profile',
      type: 'core.httpRequest',
      position: { x: 240, y: 0 },
      parameters: { url: 'https://api.example.com/me' },
    },
  ],
  connections: [{ from: { node: 'start', port: 'main' }, to: { node: 'fetch', port: 'main' } }],
  meta: {
    description: 'Reads the profile of the account a key belongs to.',
    template: {
      id: 'account-profile',
      name: 'Read an account profile',
      description: 'Reads the profile of the account a key belongs to.',
      category: 'operations',
      tags: ['http'],
      useCases: ['Check which account a key belongs to'],
      version: '1.0.0',
      placeholders: [
        { key: 'profileUrl', label: 'Profile address', kind: 'text', targets: [{ node: 'fetch', parameter: 'url' }] },
        { key: 'account', label: 'Account', kind: 'credential', targets: [{ node: 'fetch', slot: 'auth' }] },
      ],
    },
  },
};

// `?server=<url>&token=<embed token>`: the same page against a Flowloom server, whose templates the gallery lists.
const server = params.get('server');
if (server) {
  editor.serverUrl = server;
  editor.token = params.get('token') ?? '';
} else {
  editor.engine = engine;
  editor.oauth2RedirectUri = new URL('./oauth2-callback.html', location.href).href;
  editor.templates = [engine.parseWorkflow(profileTemplate)];
}
const saved = await engine.storage.workflows.get('default', 'my-automation');
editor.workflow = saved ?? { schemaVersion: 1, id: 'my-automation', name: 'Untitled workflow', nodes: [], connections: [] };

editor.addEventListener('wf-workflow-save', (e) => {
  engine.storage.workflows.save('default', e.detail.workflow).then(
    (version) => (toast.textContent = `Saved version ${version.version}`),
    (error: unknown) => (toast.textContent = `Not saved: ${error instanceof Error ? error.message : String(error)}`),
  );
});
editor.addEventListener('wf-execution-finish', (e) => {
  toast.textContent = e.detail.execution ? `Run ${e.detail.execution.status}` : `Run failed: ${e.detail.error ?? ''}`;
});

// For tests and the console.
Object.assign(window, { editor, engine });
