import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type { Member, MembersView } from './member-directory.js';
import { renderStatus, type SectionView } from './overview-section.js';
import { valueOf, type SectionState } from './section-state.js';

/** What the members section asks of the dashboard. */
export interface MemberActions {
  invite(email: string, role: string): void;
  revoke(inviteId: string, email: string): void;
  changeRole(member: Member, role: string): void;
  /** Asks to confirm a removal (`undefined` cancels). */
  askRemove(memberId: string | undefined): void;
  remove(member: Member): void;
  retry(): void;
  /** The member whose removal waits for confirmation. */
  confirming: string | undefined;
  /** An action under way. */
  busy: boolean;
  /** Why the last action was refused. */
  error: string | undefined;
}

/** Members and their roles, invitations, and the invite form; nothing for users who may not manage members. */
export function renderMembers(
  state: SectionState<MembersView>,
  view: SectionView,
  actions: MemberActions,
): TemplateResult | typeof nothing {
  if (state.status === 'hidden') return nothing;
  const { t } = view;
  const value = valueOf(state);
  return html`<section class="members" part="members" aria-labelledby="members-heading" aria-busy=${actions.busy ? 'true' : 'false'}>
    <h2 id="members-heading" tabindex="-1">${t('members.heading')}</h2>
    ${renderStatus(state, view, 'members.error', () => actions.retry())}
    ${actions.error ? html`<p class="error" role="alert">${actions.error}</p>` : nothing}
    ${value ? [memberTable(value, view, actions), invitations(value, view, actions), inviteForm(value, view, actions)] : nothing}
  </section>`;
}

/** How a member is named: by address, else by user id. */
export function memberLabel(m: Member): string {
  return m.email ?? m.id;
}

function memberTable({ members, roles, teams = [] }: MembersView, { t }: SectionView, actions: MemberActions): TemplateResult {
  if (members.length === 0) return html`<p class="empty">${t('members.empty')}</p>`;
  const teamName = new Map(teams.map((team) => [team.id, team.name]));
  const withTeams = members.some((m) => (m.teamIds ?? []).length > 0);
  // A Flowloom server knows members by id and address only: no empty Name column then.
  const withNames = members.some((m) => m.name);
  return html`<table>
    <thead>
      <tr>
        <th scope="col">${t('members.email')}</th>
        ${withNames ? html`<th scope="col">${t('members.name')}</th>` : nothing}
        ${withTeams ? html`<th scope="col">${t('members.teams')}</th>` : nothing}
        <th scope="col">${t('members.role')}</th>
        <th scope="col">${t('members.actions')}</th>
      </tr>
    </thead>
    <tbody>
      ${members.map(
        (m) =>
          html`<tr data-member=${m.id}>
            <th scope="row">${memberLabel(m)}</th>
            ${withNames ? html`<td>${m.name ?? ''}</td>` : nothing}
            ${withTeams ? html`<td class="teams">${(m.teamIds ?? []).map((id) => teamName.get(id) ?? id).join(', ')}</td>` : nothing}
            <td>
              <select
                class="role"
                .value=${live(m.role)}
                aria-label=${t('members.roleLabel', { email: memberLabel(m) })}
                @change=${(e: Event) => actions.changeRole(m, (e.target as HTMLSelectElement).value)}
              >
                ${(roles.includes(m.role) ? roles : [m.role, ...roles]).map(
                  (r) => html`<option value=${r} ?selected=${r === m.role}>${r}</option>`,
                )}
              </select>
            </td>
            <td class="actions">
              ${
                actions.confirming === m.id
                  ? html`<span class="confirm">${t('members.confirmRemove', { email: memberLabel(m) })}</span>
                      <button type="button" class="danger confirm-remove" @click=${() => actions.remove(m)}>${t('members.confirm')}</button>
                      <button type="button" class="cancel-remove" @click=${() => actions.askRemove(undefined)}>
                        ${t('members.cancel')}
                      </button>`
                  : html`<button
                      type="button"
                      class="remove"
                      aria-label=${t('members.removeLabel', { email: memberLabel(m) })}
                      @click=${() => actions.askRemove(m.id)}
                    >
                      ${t('members.remove')}
                    </button>`
              }
            </td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

function invitations({ invites }: MembersView, { t }: SectionView, actions: MemberActions): TemplateResult | typeof nothing {
  if (invites.length === 0) return nothing;
  return html`<h3>${t('members.invites')}</h3>
    <ul class="invites">
      ${invites.map(
        (i) =>
          html`<li data-invite=${i.id}>
            <span>${i.email}</span> <span class="muted">${i.role}</span>
            <button
              type="button"
              class="revoke"
              aria-label=${t('members.revokeLabel', { email: i.email })}
              @click=${() => actions.revoke(i.id, i.email)}
            >
              ${t('members.revoke')}
            </button>
          </li>`,
      )}
    </ul>`;
}

function inviteForm({ roles }: MembersView, { t }: SectionView, actions: MemberActions): TemplateResult {
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    actions.invite(String(data.get('email') ?? ''), String(data.get('role') ?? ''));
  };
  // The least allowed role is offered first: an invitation grants no more than asked for.
  const least = roles.at(-1);
  return html`<form class="invite" novalidate aria-labelledby="invite-heading" @submit=${submit}>
    <h3 id="invite-heading">${t('members.inviteHeading')}</h3>
    <label>${t('members.inviteEmail')} <input type="email" name="email" autocomplete="off" required /></label>
    <label
      >${t('members.inviteRole')}
      <select name="role">
        ${roles.map((r) => html`<option value=${r} ?selected=${r === least}>${r}</option>`)}
      </select>
    </label>
    <button type="submit" class="primary">${actions.busy ? t('members.working') : t('members.inviteSend')}</button>
  </form>`;
}
