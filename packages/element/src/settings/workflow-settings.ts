import type { Workflow, WorkflowSettings } from '@flowloom/engine';
import type { StringKey } from '../i18n/en.js';
import type { WorkflowPatch } from '../model/changes.js';

/** What the settings form keeps: every field as the user typed it. */
export interface SettingsForm {
  name: string;
  description: string;
  timezone: string;
  /** Seconds, as text (empty: no limit). */
  timeout: string;
  saveExecutions: SaveChoice;
  errorWorkflow: string;
}

/**
 * Which executions keep their data: `all`, `errors` (failed runs only) or
 * `none`, written as the engine's `settings.saveExecutions.successful` and
 * `.failed`. `custom` is any other combination a host set, left as it is.
 */
export type SaveChoice = 'all' | 'errors' | 'none' | 'custom';

/** A field's problem: the field and a string key of the editor's dictionary, with its parameters. */
export interface SettingsIssue {
  field: keyof SettingsForm;
  key: StringKey;
  params?: Record<string, string | number>;
}

/** The form's values for a workflow. */
export function readSettings(workflow: Workflow): SettingsForm {
  const s = workflow.settings;
  const description = workflow.meta?.['description'];
  return {
    name: workflow.name,
    description: typeof description === 'string' ? description : '',
    timezone: s.timezone ?? '',
    timeout: s.timeoutMs === undefined ? '' : String(s.timeoutMs / 1000),
    saveExecutions: saveChoice(s.saveExecutions),
    errorWorkflow: s.errorWorkflow ?? '',
  };
}

function saveChoice(save: WorkflowSettings['saveExecutions']): SaveChoice {
  const successful = save?.successful ?? true;
  const failed = save?.failed ?? true;
  if (successful && failed) return 'all';
  if (!successful && failed) return 'errors';
  if (!successful && !failed) return 'none';
  return 'custom';
}

/** The IANA time zones this browser knows, for the time zone field's suggestions. */
export function timeZones(): readonly string[] {
  const intl = Intl as { supportedValuesOf?: (key: string) => string[] };
  return intl.supportedValuesOf?.('timeZone') ?? [];
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Every problem of the form, each as a sentence key for the field concerned (empty when it may be applied). */
export function checkSettings(form: SettingsForm, workflowId: string): SettingsIssue[] {
  const issues: SettingsIssue[] = [];
  const name = form.name.trim();
  if (name === '') issues.push({ field: 'name', key: 'settings.nameRequired' });
  else if (name.length > 500) issues.push({ field: 'name', key: 'settings.nameTooLong', params: { count: name.length } });
  const zone = form.timezone.trim();
  if (zone !== '' && !isTimeZone(zone)) issues.push({ field: 'timezone', key: 'settings.timezoneInvalid', params: { value: zone } });
  const timeout = form.timeout.trim();
  if (timeout !== '' && !(/^\d+$/.test(timeout) && Number(timeout) > 0)) issues.push({ field: 'timeout', key: 'settings.timeoutInvalid' });
  if (form.errorWorkflow.trim() !== '' && form.errorWorkflow.trim() === workflowId) {
    issues.push({ field: 'errorWorkflow', key: 'settings.errorWorkflowSelf' });
  }
  return issues;
}

/**
 * The `updateWorkflow` patch that gives the workflow the form's values (only
 * the fields that differ), or undefined when nothing changes. Call
 * `checkSettings` first. Settings the form does not show are kept.
 */
export function settingsPatch(workflow: Workflow, form: SettingsForm): WorkflowPatch | undefined {
  const patch: WorkflowPatch = {};
  const name = form.name.trim();
  if (name !== workflow.name) patch.name = name;

  const description = form.description.trim();
  const meta: Record<string, unknown> = { ...workflow.meta };
  if (description) meta['description'] = description;
  else delete meta['description'];
  if (JSON.stringify(meta) !== JSON.stringify(workflow.meta ?? {})) patch.meta = meta;

  const settings: WorkflowSettings = { ...workflow.settings };
  setOrDrop(settings, 'timezone', form.timezone.trim() || undefined);
  setOrDrop(settings, 'timeoutMs', form.timeout.trim() ? Number(form.timeout.trim()) * 1000 : undefined);
  setOrDrop(settings, 'errorWorkflow', form.errorWorkflow.trim() || undefined);
  if (form.saveExecutions !== 'custom') {
    const keep = ({ all: [true, true], errors: [false, true], none: [false, false] } as const)[form.saveExecutions];
    // Written out even for "every run": the workflow's setting overrides an engine that keeps less by default.
    if (saveChoice(settings.saveExecutions) !== form.saveExecutions) {
      settings.saveExecutions = { ...settings.saveExecutions, successful: keep[0], failed: keep[1] };
    }
  }
  if (JSON.stringify(settings) !== JSON.stringify(workflow.settings)) patch.settings = settings;

  return Object.keys(patch).length > 0 ? patch : undefined;
}

function setOrDrop<K extends keyof WorkflowSettings>(settings: WorkflowSettings, key: K, value: WorkflowSettings[K] | undefined): void {
  if (value === undefined) delete settings[key];
  else settings[key] = value;
}
