// The host page: the signed-in user's automations, edited and run on the
// Flowloom server the host mounts at /api, and a dashboard of how they are
// doing. The page never holds a secret: it asks the host's back end for a
// short-lived embed token whenever it needs one.
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

const toast = document.querySelector('#toast');
/** @param {string} text @param {boolean} [problem] */
function say(text, problem = false) {
  toast.textContent = text;
  toast.classList.toggle('problem', problem);
}

const editor = document.querySelector('#editor');
editor.token = embedToken;
const dashboard = document.querySelector('#dashboard');
dashboard.token = embedToken;

// The page reads the same API as the editor, with the same kind of token.
const api = new HttpClient({ baseUrl: new URL('/api', location.origin), token: embedToken });

// Opened from an invitation link (`/?invite=fli_...`): the signed-in user joins the tenant with the invite's role.
const invite = new URLSearchParams(location.search).get('invite');
if (invite) {
  history.replaceState(null, '', `${location.pathname}${location.hash}`);
  try {
    const { member } = await api.request('POST', '/invites/accept', { body: { token: invite } });
    say(`You joined ${user.tenant} as ${member.role}.`);
  } catch (error) {
    say(`The invitation could not be accepted: ${error.serverMessage ?? error.message}`, true);
  }
}

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
editor.addEventListener('wf-workflow-save', () => say('Saved'));

// An invitation made in the dashboard: the server gives its token once, in this answer. A product would email
// the link; the example shows it. Whoever opens it, signed in, joins the tenant.
const inviteLink = document.querySelector('#invite-link');
dashboard.addEventListener('wf-member-invite', (e) => {
  const { invite: created, token } = e.detail;
  if (!token) return;
  const link = new URL(`/?invite=${encodeURIComponent(token)}`, location.origin).href;
  const dismiss = Object.assign(document.createElement('button'), { type: 'button', textContent: 'Dismiss' });
  dismiss.addEventListener('click', () => (inviteLink.hidden = true));
  inviteLink.replaceChildren(
    `Send ${created.email} this link to join as ${created.role} (it is shown only now): `,
    Object.assign(document.createElement('a'), { href: link, textContent: link }),
    ' ',
    dismiss,
  );
  inviteLink.hidden = false;
});

// Two views, chosen by the address's hash: the editor (#editor, the default) and the dashboard (#dashboard).
// The dashboard's code loads the first time it is shown; later it asks for fresh figures each time.
let dashboardLoaded = false;
async function showView() {
  const view = location.hash === '#dashboard' ? 'dashboard' : 'editor';
  document.querySelector('#editor-view').hidden = view !== 'editor';
  document.querySelector('#dashboard-view').hidden = view !== 'dashboard';
  for (const link of document.querySelectorAll('nav a[data-view]')) {
    if (link.dataset.view === view) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  if (view !== 'dashboard') return;
  if (dashboardLoaded) return void dashboard.refresh();
  dashboardLoaded = true;
  await import('@flowloom/element/dashboard/define');
}
addEventListener('hashchange', () => void showView());
await showView();
await showRuns();
