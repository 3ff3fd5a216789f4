// The files the corpus run's local server answers, and to which requests: a real PNG where Edit Image reads
// the answer, a real XLSX workbook where Extract from File reads a spreadsheet, a few bytes of text elsewhere.
import type { Workflow } from '../model/workflow.js';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The kinds of file a node reads from the answer before it, the most demanding first: an image it decodes, a
 * workbook it reads the sheets of, or any bytes.
 */
export const FILE_KINDS = ['image', 'spreadsheet', 'file'] as const;

/** A kind of file a node reads (see `FILE_KINDS`). */
export type FileKind = (typeof FILE_KINDS)[number];

/** A 2x2 PNG (red, blue, green and white pixels): the image an Edit Image node gets. */
export const SAMPLE_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAYAAABytg0kAAAAFklEQVR42mP4z8Dwn6HhP5A6wfAfBABORwpAL40o4QAAAABJRU5ErkJggg==',
  'base64',
);

/** The media type of an XLSX workbook. */
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The workbook a spreadsheet read gets: a first sheet of a header row and two rows, written by exceljs. */
export async function sampleWorkbook(): Promise<Buffer> {
  const imported = await import('exceljs');
  // exceljs is a CommonJS module: its API is the default export when imported as ESM.
  const ExcelJs = (imported as unknown as { default?: typeof imported }).default ?? imported;
  const workbook = new ExcelJs.Workbook();
  const sheet = workbook.addWorksheet('Sheet1');
  sheet.addRows([
    ['id', 'name', 'email', 'amount'],
    [1, 'Ada Lovelace', 'ada@example.com', 12.5],
    [2, 'Alan Turing', 'alan@example.com', 30],
  ]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * The HTTP Request nodes connected into a node that reads the item's file (an upload, Extract from File, Edit
 * Image...), directly or through Merge nodes (which pass the items on), with the kind of file the reader needs;
 * and those a node of `readsFile` (a service's upload) reads the file of through the nodes between them.
 */
export function fileNodesOf(
  workflow: Workflow,
  readsFileOf: ((type: string, parameters: Record<string, unknown>) => boolean) | undefined,
): Map<string, FileKind> {
  const byId = new Map(workflow.nodes.map((n) => [n.id, n]));
  const readsFile = (id: string): FileKind | undefined => {
    const node = byId.get(id);
    const p = node?.parameters ?? {};
    if (node?.type === 'core.httpRequest') {
      const upload =
        p.bodyType === 'binary' || (Array.isArray(p.multipartFields) && p.multipartFields.some((f) => isObject(f) && f.binaryProperty));
      return upload ? 'file' : undefined;
    }
    if (node?.type === 'core.readWriteFile') return p.operation === 'write' ? 'file' : undefined;
    if (node?.type === 'core.html' || node?.type === 'core.xml') return p.sourceData === 'binary' ? 'file' : undefined;
    if (node?.type === 'core.editImage') return 'image';
    if (node?.type === 'core.extractFromFile') return p.operation === 'xlsx' || p.operation === 'spreadsheet' ? 'spreadsheet' : 'file';
    return node?.type === 'core.compression' ? 'file' : undefined;
  };
  /** The kinds of file the nodes after `id` read, looking through Merge nodes. */
  const readAfter = (id: string, seen = new Set<string>()): FileKind[] =>
    workflow.connections.flatMap((c) => {
      if (c.from.node !== id || seen.has(c.to.node)) return [];
      seen.add(c.to.node);
      const kind = readsFile(c.to.node);
      if (kind) return [kind];
      return byId.get(c.to.node)?.type === 'core.merge' ? readAfter(c.to.node, seen) : [];
    });
  const serviceReadsFile = (id: string) => {
    const node = byId.get(id);
    return node !== undefined && readsFileOf !== undefined && readsFileOf(node.type, node.parameters);
  };
  /** Whether a service node that reads a file comes after `id`, before any other HTTP Request. */
  const feedsService = (id: string, seen = new Set<string>()): boolean =>
    workflow.connections.some((c) => {
      if (c.from.node !== id || seen.has(c.to.node)) return false;
      seen.add(c.to.node);
      if (serviceReadsFile(c.to.node)) return true;
      return byId.get(c.to.node)?.type !== 'core.httpRequest' && feedsService(c.to.node, seen);
    });
  const out = new Map<string, FileKind>();
  for (const node of workflow.nodes.filter((n) => n.type === 'core.httpRequest')) {
    const kinds = readAfter(node.id);
    // A real image or workbook where some reader needs one; a text stand-in does for the others.
    const kind = FILE_KINDS.find((k) => kinds.includes(k)) ?? (feedsService(node.id) ? 'file' : undefined);
    if (kind) out.set(node.id, kind);
  }
  return out;
}
