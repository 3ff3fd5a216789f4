// The host page: the signed-in user's automations, edited and run on the
// Flowloom server the host mounts at /api. The page never holds a secret: it
// asks the host's back end for a short-lived embed token whenever it needs one.
import '@flowloom/element/define';
import { HttpClient, listExecutions } from '@flowloom/adapters/http';

const signedIn = await fetch('/session');
if (!signedIn.ok) location.assign('/login');
const { user } = await signedIn.json();
document.querySelector('#who').textContent = `${user.name} · ${user.tenant} (${user.role})`;

/** A fresh embed token from the host's back end, which signs it for the signed-in user. */
async function embedToken() {
  const answer = await fetch('/session/token', { method: 'POST' });
  if (!answer.ok) throw new Error('Your session has ended: sign in again.');
  return (await answer.json()).token;
}

const editor = document.querySelector('#editor');
editor.token = embedToken;

// The page reads the same API as the editor, with the same kind of token.
const api = new HttpClient({ baseUrl: new URL('/api', location.origin), token: embedToken });

// The user's first automation, or a new one.
const { workflows } = await api.request('GET', '/workflows');
editor.workflow = workflows[0]
  ? await api.request('GET', `/workflows/${encodeURIComponent(workflows[0].id)}`)
  : { id: 'my-automation', name: 'My automation', nodes: [], connections: [] };

const runs = document.querySelector('#runs');
async function showRuns() {
  const page = await listExecutions(api, { limit: 10 });
  runs.replaceChildren(
    ...page.items.map((execution) => {
      const item = document.createElement('li');
      const when = new Date(execution.startedAt).toLocaleTimeString();
      item.innerHTML = `<span>${when} · ${execution.mode}</span><strong class="${execution.status}"></strong>`;
      item.querySelector('strong').textContent = execution.status;
      item.dataset.execution = execution.id;
      return item;
    }),
  );
}
editor.addEventListener('wf-execution-finish', () => void showRuns());
editor.addEventListener('wf-workflow-save', () => (document.querySelector('#toast').textContent = 'Saved'));
await showRuns();
