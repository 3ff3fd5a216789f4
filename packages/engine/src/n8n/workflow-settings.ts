import { describeValue } from '../errors/describe-value.js';
import { itemSchema, type Item } from '../model/item.js';
import type { WorkflowSettings } from '../model/settings.js';
import type { DroppedSetting, ImportProblem } from './import-report.js';
import type { N8nNodeEntry } from './read-n8n.js';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * n8n workflow settings as Flowloom's: time zone, error workflow, execution
 * timeout, what executions to keep, and the execution order (returned apart). The rest is listed as dropped (and
 * kept in `meta.n8n.settings`).
 */
export function mapWorkflowSettings(
  raw: unknown,
  problems: ImportProblem[],
): { settings: WorkflowSettings; dropped: DroppedSetting[]; unmapped: Record<string, unknown>; executionOrder: string | undefined } {
  const settings: WorkflowSettings = {};
  const dropped: DroppedSetting[] = [];
  const unmapped: Record<string, unknown> = {};
  if (raw === undefined || raw === null) return { settings, dropped, unmapped, executionOrder: undefined };
  if (!isRecord(raw)) {
    problems.push({
      code: 'invalid-settings',
      severity: 'error',
      parameter: 'settings',
      message: `settings must be an object, got ${describeValue(raw)}`,
    });
    return { settings, dropped, unmapped, executionOrder: undefined };
  }
  const drop = (setting: string, reason: string) => {
    dropped.push({ setting, value: raw[setting], reason });
    unmapped[setting] = raw[setting];
  };
  const save = (key: 'successful' | 'failed' | 'manual', value: boolean) => {
    settings.saveExecutions = { ...settings.saveExecutions, [key]: value };
  };
  let executionOrder: string | undefined;
  for (const [key, value] of Object.entries(raw)) {
    switch (key) {
      case 'timezone':
        if (typeof value === 'string' && value !== '' && value !== 'DEFAULT' && isTimeZone(value)) settings.timezone = value;
        else if (value !== 'DEFAULT') drop(key, `${describeValue(value)} is not a time zone Flowloom knows`);
        break;
      case 'errorWorkflow':
        if (typeof value === 'string' && value !== '') settings.errorWorkflow = value;
        else if (value !== '' && value !== undefined) drop(key, 'expected a workflow id');
        break;
      case 'executionTimeout':
        if (typeof value === 'number' && value > 0) settings.timeoutMs = Math.round(value * 1000);
        else if (value !== -1) drop(key, 'expected a number of seconds (or -1 for none)');
        break;
      case 'saveDataSuccessExecution':
        if (value === 'all' || value === 'none') save('successful', value === 'all');
        else if (value !== 'DEFAULT') drop(key, "expected 'all' or 'none'");
        break;
      case 'saveDataErrorExecution':
        if (value === 'all' || value === 'none') save('failed', value === 'all');
        else if (value !== 'DEFAULT') drop(key, "expected 'all' or 'none'");
        break;
      case 'saveManualExecutions':
        if (typeof value === 'boolean') save('manual', value);
        else if (value !== 'DEFAULT') drop(key, 'expected true or false');
        break;
      case 'executionOrder':
        // Applied by the importer, which knows whether the workflow branches (see `importN8nWorkflow`).
        if (value === 'v1' || value === 'v0') executionOrder = value;
        else drop(key, "expected 'v1' or 'v0'; the workflow runs in n8n's legacy order, breadth first");
        break;
      case 'saveExecutionProgress':
        drop(key, 'Flowloom records every node run as it finishes');
        break;
      case 'callerPolicy':
      case 'callerIds':
        drop(key, 'Flowloom lets any workflow of the same tenant run this one as a sub-workflow');
        break;
      default:
        drop(key, 'Flowloom workflows have no such setting');
    }
  }
  return { settings, dropped, unmapped, executionOrder };
}

/** One pinned item: n8n's `{ json }` item, or a bare object taken as its JSON. */
function pinnedItem(value: unknown): Item | undefined {
  if (!isRecord(value)) return undefined;
  const candidate = isRecord(value.json)
    ? { json: value.json, ...(isRecord(value.binary) ? { binary: value.binary } : {}) }
    : { json: value };
  const parsed = itemSchema.safeParse(candidate);
  if (parsed.success) return parsed.data as Item;
  const bare = itemSchema.safeParse({ json: candidate.json });
  return bare.success ? (bare.data as Item) : undefined;
}

/** n8n's pinned data (by node name) as Flowloom's (by node id). */
export function mapPinData(
  raw: unknown,
  byN8nName: ReadonlyMap<string, N8nNodeEntry>,
  problems: ImportProblem[],
): Record<string, Item[]> | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!isRecord(raw)) {
    problems.push({
      code: 'invalid-pin-data',
      severity: 'error',
      parameter: 'pinData',
      message: `pinData must be an object, got ${describeValue(raw)}`,
    });
    return undefined;
  }
  const out: Record<string, Item[]> = {};
  for (const [name, items] of Object.entries(raw)) {
    const node = byN8nName.get(name);
    if (!node) {
      problems.push({
        code: 'pin-data-for-missing-node',
        severity: 'error',
        parameter: `pinData.${name}`,
        message: `pinned data names '${name}', which is not a node of the workflow; it was left out`,
      });
      continue;
    }
    if (!Array.isArray(items)) {
      problems.push({
        code: 'invalid-pin-data',
        severity: 'error',
        node: node.name,
        parameter: `pinData.${name}`,
        message: `pinned data must be a list of items, got ${describeValue(items)}`,
      });
      continue;
    }
    const kept = items.map(pinnedItem).filter((i): i is Item => i !== undefined);
    if (kept.length < items.length) {
      problems.push({
        code: 'invalid-pin-data',
        severity: 'error',
        node: node.name,
        parameter: `pinData.${name}`,
        message: `${items.length - kept.length} of ${items.length} pinned items are not items (objects with a 'json' object); they were left out`,
      });
    }
    out[node.id] = kept;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}
