import { describeValue } from '../errors/describe-value.js';
import type { ImportProblem } from './import-report.js';

/** An n8n node as read from the file, with the name and id it gets in Flowloom. */
export interface N8nNodeEntry {
  /** Position in the n8n `nodes` list. */
  readonly index: number;
  readonly raw: Record<string, unknown>;
  /** The name as written in n8n (connections and expressions use it). */
  readonly n8nName: string;
  /** The name in the Flowloom document: trimmed, at most 200 characters, unique. */
  readonly name: string;
  readonly id: string;
  readonly type: string;
  readonly typeVersion: number;
  readonly parameters: Record<string, unknown>;
  readonly position: { x: number; y: number };
  readonly webhookId: string | undefined;
  readonly disabled: boolean;
  readonly executeOnce: boolean;
}

/** A sticky note of the n8n canvas, as read; it becomes one of the document's `notes`. */
export interface StickyNote {
  name: string;
  content: string;
  position: { x: number; y: number };
  width?: number;
  height?: number;
  color?: number;
}

export const STICKY_NOTE = 'n8n-nodes-base.stickyNote';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The n8n workflow object in `json` (a parsed document or its text), or a
 * sentence saying why it is not one.
 */
export function readN8nDocument(json: unknown): { doc: Record<string, unknown> } | { refused: string } {
  let value = json;
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json.charCodeAt(0) === 0xfeff ? json.slice(1) : json) as unknown;
    } catch (error) {
      const detail = (error as { message?: unknown }).message;
      return { refused: `the file is not valid JSON (${typeof detail === 'string' ? detail : 'unreadable'}); it may be truncated` };
    }
  }
  if (Array.isArray(value)) {
    return {
      refused: `expected one n8n workflow, got a list of ${value.length} values (an export of several workflows?); import them one by one`,
    };
  }
  if (!isRecord(value)) return { refused: `expected an n8n workflow object with 'nodes' and 'connections', got ${describeValue(value)}` };
  if ('schemaVersion' in value && Array.isArray(value.nodes)) {
    return { refused: 'this is already a Flowloom workflow document (it has schemaVersion); open it as it is' };
  }
  if (!('nodes' in value)) {
    const keys = Object.keys(value).slice(0, 8).join(', ');
    return { refused: `not an n8n workflow: it has no 'nodes' list (its fields: ${keys === '' ? 'none' : keys})` };
  }
  if (!Array.isArray(value.nodes)) return { refused: `not an n8n workflow: 'nodes' must be a list, got ${describeValue(value.nodes)}` };
  return { doc: value };
}

function slug(text: string): string {
  const s = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return s === '' ? 'node' : s;
}

/** `base`, or `base-2`, `base-3`... whichever is not taken yet; marks it taken. */
export function uniqueIn(taken: Set<string>, base: string, separator = '-'): string {
  let candidate = base;
  for (let n = 2; taken.has(candidate); n++) candidate = `${base}${separator}${n}`;
  taken.add(candidate);
  return candidate;
}

function positionOf(v: unknown): { x: number; y: number } | undefined {
  if (Array.isArray(v) && v.length >= 2 && Number.isFinite(v[0]) && Number.isFinite(v[1])) return { x: v[0] as number, y: v[1] as number };
  return undefined;
}

/**
 * Reads the `nodes` list: sticky notes apart, each other node with a unique
 * name and id. Entries that are not nodes are skipped, each with a problem.
 */
export function readNodes(list: readonly unknown[], problems: ImportProblem[]): { nodes: N8nNodeEntry[]; stickies: StickyNote[] } {
  const nodes: N8nNodeEntry[] = [];
  const stickies: StickyNote[] = [];
  const names = new Set<string>();
  const n8nIds = new Map<string, number>();
  for (const raw of list) if (isRecord(raw) && typeof raw.id === 'string') n8nIds.set(raw.id, (n8nIds.get(raw.id) ?? 0) + 1);
  const ids = new Set<string>();
  const problem = (code: string, message: string, node?: string, parameter?: string) =>
    problems.push({ code, severity: 'error', message, ...(node !== undefined ? { node } : {}), ...(parameter ? { parameter } : {}) });

  list.forEach((raw, index) => {
    const at = `nodes[${index}]`;
    if (!isRecord(raw)) return problem('invalid-node', `${at} is not a node object (got ${describeValue(raw)}); it was left out`);
    if (typeof raw.type !== 'string' || raw.type.trim() === '') {
      return problem(
        'invalid-node',
        `${at} has no node type (got ${describeValue(raw.type)}); it was left out`,
        typeof raw.name === 'string' ? raw.name : undefined,
      );
    }
    const type = raw.type.trim();
    const n8nName = typeof raw.name === 'string' ? raw.name : '';
    const position = positionOf(raw.position);
    if (type === STICKY_NOTE) {
      const p = isRecord(raw.parameters) ? raw.parameters : {};
      stickies.push({
        name: n8nName,
        content: typeof p.content === 'string' ? p.content : '',
        position: position ?? { x: 0, y: 0 },
        ...(typeof p.width === 'number' ? { width: p.width } : {}),
        ...(typeof p.height === 'number' ? { height: p.height } : {}),
        ...(typeof p.color === 'number' ? { color: p.color } : {}),
      });
      return;
    }
    let name = n8nName.trim().slice(0, 200);
    if (name === '') {
      name = `${type.slice(type.lastIndexOf('.') + 1)} ${index + 1}`;
      problem('invalid-node-name', `${at} has no name; it was named '${name}'`, name);
    } else if (name !== n8nName) {
      problems.push({
        code: 'node-name-changed',
        severity: 'warning',
        node: name,
        message: `the name '${n8nName}' was trimmed to '${name}'`,
      });
    }
    if (names.has(name)) {
      const renamed = uniqueIn(names, name, ' ');
      problem(
        'duplicate-node-name',
        `two nodes are named '${name}'; this one was renamed '${renamed}', and connections and expressions naming '${n8nName}' go to the first one`,
        renamed,
      );
      name = renamed;
    } else names.add(name);
    if (raw.position !== undefined && !position)
      problem('invalid-position', `${at}.position is not [x, y]; the node was put at 0, 0`, name, 'position');
    let typeVersion = raw.typeVersion ?? 1;
    if (typeof typeVersion !== 'number' || !Number.isFinite(typeVersion) || typeVersion <= 0) {
      problem(
        'invalid-type-version',
        `${at}.typeVersion must be a positive number, got ${describeValue(typeVersion)}; version 1 is assumed`,
        name,
      );
      typeVersion = 1;
    }
    if (raw.parameters !== undefined && !isRecord(raw.parameters)) {
      problem(
        'invalid-parameters',
        `${at}.parameters must be an object, got ${describeValue(raw.parameters)}; the node has no parameters`,
        name,
      );
    }
    const n8nId = typeof raw.id === 'string' && raw.id.trim() !== '' && n8nIds.get(raw.id) === 1 ? raw.id : undefined;
    const id = n8nId !== undefined && !ids.has(n8nId) ? (ids.add(n8nId), n8nId) : uniqueIn(ids, slug(name));
    nodes.push({
      index,
      raw,
      n8nName,
      name,
      id,
      type,
      typeVersion: typeVersion as number,
      parameters: isRecord(raw.parameters) ? raw.parameters : {},
      position: position ?? { x: 0, y: 0 },
      webhookId: typeof raw.webhookId === 'string' ? raw.webhookId : undefined,
      disabled: raw.disabled === true,
      executeOnce: raw.executeOnce === true,
    });
  });
  return { nodes, stickies };
}
