import type { WorkflowNode } from '../model/node.js';
import type { DroppedSetting, ImportProblem } from './import-report.js';

/** The node fields the settings fill in. */
export type NodeSettings = Pick<WorkflowNode, 'disabled' | 'notes' | 'retry' | 'onError' | 'executeOnce' | 'alwaysOutputData'>;

/** n8n node fields that are not settings: the importer reads them itself. */
const STRUCTURE = new Set(['id', 'name', 'type', 'typeVersion', 'position', 'parameters', 'credentials', 'webhookId']);

const ON_ERROR = { stopWorkflow: 'stop', continueRegularOutput: 'continue', continueErrorOutput: 'errorOutput' } as const;

/**
 * The node settings of an n8n node as Flowloom node fields: retries, error
 * handling, execute once, always output data, disabled, notes. What has no
 * place in Flowloom is listed in `dropped`.
 */
export function mapNodeSettings(
  raw: Record<string, unknown>,
  nodeName: string,
): { settings: NodeSettings; dropped: DroppedSetting[]; problems: ImportProblem[] } {
  const settings: NodeSettings = {};
  const dropped: DroppedSetting[] = [];
  const problems: ImportProblem[] = [];
  const drop = (setting: string, reason: string) => dropped.push({ node: nodeName, setting, value: raw[setting], reason });
  const flag = (key: string): boolean | undefined => {
    const v = raw[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'boolean') return v;
    drop(key, `expected true or false, got ${JSON.stringify(v)?.slice(0, 40)}`);
    return undefined;
  };

  if (flag('disabled')) settings.disabled = true;
  if (flag('executeOnce')) settings.executeOnce = true;
  if (flag('alwaysOutputData')) settings.alwaysOutputData = true;
  if (typeof raw.notes === 'string' && raw.notes !== '') settings.notes = raw.notes;
  else if (raw.notes !== undefined && raw.notes !== '') drop('notes', 'notes must be text');

  if (flag('retryOnFail')) {
    const tries = typeof raw.maxTries === 'number' && Number.isFinite(raw.maxTries) ? Math.round(raw.maxTries) : 3;
    const wait =
      typeof raw.waitBetweenTries === 'number' && Number.isFinite(raw.waitBetweenTries) ? Math.round(raw.waitBetweenTries) : 1000;
    const maxTries = Math.min(10, Math.max(1, tries));
    const waitMs = Math.min(300_000, Math.max(0, wait));
    settings.retry = { maxTries, waitMs };
    if (maxTries !== tries || waitMs !== wait) {
      problems.push({
        code: 'retry-out-of-range',
        severity: 'warning',
        node: nodeName,
        parameter: 'maxTries',
        message: `retries were ${tries} tries ${wait} ms apart; Flowloom allows 1 to 10 tries up to 300000 ms apart, so ${maxTries} tries ${waitMs} ms apart are kept`,
      });
    }
  } else {
    if (raw.maxTries !== undefined) drop('maxTries', 'retries are off (retryOnFail is not set)');
    if (raw.waitBetweenTries !== undefined) drop('waitBetweenTries', 'retries are off (retryOnFail is not set)');
  }

  const onError = raw.onError;
  if (typeof onError === 'string' && onError in ON_ERROR) settings.onError = ON_ERROR[onError as keyof typeof ON_ERROR];
  else if (onError !== undefined) drop('onError', `'${String(onError)}' is not an n8n error setting Flowloom knows`);
  if (flag('continueOnFail') && settings.onError === undefined) settings.onError = 'continue';

  for (const key of Object.keys(raw)) {
    if (STRUCTURE.has(key)) continue;
    if (
      [
        'disabled',
        'executeOnce',
        'alwaysOutputData',
        'notes',
        'retryOnFail',
        'maxTries',
        'waitBetweenTries',
        'onError',
        'continueOnFail',
      ].includes(key)
    ) {
      continue;
    }
    if (key === 'notesInFlow') drop(key, 'Flowloom shows a node’s notes in its inspector, not on the canvas');
    else if (key === 'color') drop(key, 'Flowloom nodes have no colour of their own');
    else drop(key, 'Flowloom nodes have no such setting');
  }
  if (settings.onError === 'stop') delete settings.onError;
  return { settings, dropped, problems };
}
