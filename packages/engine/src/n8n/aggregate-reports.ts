import type { ExpressionCounts, ImportReport } from './import-report.js';

/** Reports of many imports added up. */
export interface ImportSummary {
  workflows: number;
  /** Workflows imported with every node mapped, every expression translated and no error. */
  imported: number;
  /** Workflows imported with placeholders, expressions left for later or problems. */
  partial: number;
  refused: number;
  /** Imported workflows whose every node was mapped (no placeholder). */
  allNodesMapped: number;
  /** Imported workflows whose every node type and version has a mapping (placeholders, if any, are for parameters without equivalent). */
  allTypesMapped: number;
  nodes: { total: number; mapped: number; placeholders: number; stickyNotes: number };
  expressions: ExpressionCounts;
  credentials: number;
  settingsDropped: number;
  /** Problems by code, most frequent first. */
  problems: { code: string; count: number; workflows: number }[];
  /** Placeholder nodes by n8n type, most frequent first. */
  placeholdersByType: { n8nType: string; nodes: number; workflows: number }[];
  /** Why each refused workflow was refused. */
  refusals: { source?: string; reason: string }[];
}

function tally<T extends string>(entries: readonly { key: T; report: number }[]): { key: T; count: number; workflows: number }[] {
  const counts = new Map<T, { count: number; workflows: Set<number> }>();
  for (const { key, report } of entries) {
    const c = counts.get(key) ?? { count: 0, workflows: new Set<number>() };
    c.count++;
    c.workflows.add(report);
    counts.set(key, c);
  }
  return [...counts]
    .map(([key, c]) => ({ key, count: c.count, workflows: c.workflows.size }))
    .sort((a, b) => b.count - a.count || b.workflows - a.workflows || (a.key < b.key ? -1 : 1));
}

/**
 * Adds up the reports of many imports: how many workflows were imported,
 * partly imported or refused, nodes and expressions by outcome, and which
 * n8n node types most often became placeholders.
 *
 * @example
 * const summary = aggregateImportReports(files.map((f) => importN8nWorkflow(read(f), { source: f }).report));
 * console.log(formatImportTable(summary));
 */
export function aggregateImportReports(reports: readonly ImportReport[]): ImportSummary {
  const summary: ImportSummary = {
    workflows: reports.length,
    imported: 0,
    partial: 0,
    refused: 0,
    allNodesMapped: 0,
    allTypesMapped: 0,
    nodes: { total: 0, mapped: 0, placeholders: 0, stickyNotes: 0 },
    expressions: { total: 0, translated: 0, javascript: 0, parseFailed: 0, inPlaceholders: 0 },
    credentials: 0,
    settingsDropped: 0,
    problems: [],
    placeholdersByType: [],
    refusals: [],
  };
  const problems: { key: string; report: number }[] = [];
  const placeholders: { key: string; report: number }[] = [];
  reports.forEach((r, i) => {
    summary[r.status]++;
    if (r.status === 'refused')
      summary.refusals.push({ ...(r.source !== undefined ? { source: r.source } : {}), reason: r.refusedReason ?? 'unknown' });
    else {
      if (r.nodes.placeholders === 0) summary.allNodesMapped++;
      if (r.placeholders.every((p) => p.cause === 'parameters')) summary.allTypesMapped++;
    }
    for (const k of ['total', 'mapped', 'placeholders', 'stickyNotes'] as const) summary.nodes[k] += r.nodes[k];
    for (const k of ['total', 'translated', 'javascript', 'parseFailed', 'inPlaceholders'] as const)
      summary.expressions[k] += r.expressions[k];
    summary.credentials += r.credentials.length;
    summary.settingsDropped += r.settingsDropped.length;
    for (const p of r.problems) problems.push({ key: p.code, report: i });
    for (const p of r.placeholders) placeholders.push({ key: p.n8nType, report: i });
  });
  summary.problems = tally(problems).map(({ key, count, workflows }) => ({ code: key, count, workflows }));
  summary.placeholdersByType = tally(placeholders).map(({ key, count, workflows }) => ({ n8nType: key, nodes: count, workflows }));
  return summary;
}

const percent = (part: number, whole: number) => (whole === 0 ? '-' : `${((100 * part) / whole).toFixed(1)}%`);

function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ')).join('\n');
}

/** A summary as text tables: outcomes, nodes, expressions, and the `top` placeholder types and problems. */
export function formatImportTable(summary: ImportSummary, options: { top?: number } = {}): string {
  const top = options.top ?? 20;
  const w = summary.workflows;
  const e = summary.expressions;
  const inMapped = e.total - e.inPlaceholders;
  const imported = w - summary.refused;
  const sections = [
    table([
      ['workflows', 'count', 'share'],
      ['read', String(w), ''],
      ['every node type has a mapping', String(summary.allTypesMapped), percent(summary.allTypesMapped, w)],
      ['every node mapped (no placeholder)', String(summary.allNodesMapped), percent(summary.allNodesMapped, w)],
      ['fully imported (nothing left)', String(summary.imported), percent(summary.imported, w)],
      ['imported with placeholders or problems', String(summary.partial), percent(summary.partial, w)],
      ['refused', String(summary.refused), percent(summary.refused, w)],
    ]),
    table([
      ['nodes', 'count', 'share'],
      ['total (sticky notes apart)', String(summary.nodes.total), ''],
      ['mapped to Flowloom nodes', String(summary.nodes.mapped), percent(summary.nodes.mapped, summary.nodes.total)],
      ['placeholders', String(summary.nodes.placeholders), percent(summary.nodes.placeholders, summary.nodes.total)],
      ['sticky notes (as canvas notes)', String(summary.nodes.stickyNotes), ''],
    ]),
    table([
      ['expressions', 'count', 'share'],
      ['total', String(e.total), ''],
      ['in mapped nodes', String(inMapped), percent(inMapped, e.total)],
      ['  translated', String(e.translated), percent(e.translated, inMapped)],
      ['  run as JavaScript', String(e.javascript), percent(e.javascript, inMapped)],
      ['  failed to parse', String(e.parseFailed), percent(e.parseFailed, inMapped)],
      ['in placeholders (untouched)', String(e.inPlaceholders), percent(e.inPlaceholders, e.total)],
    ]),
    table([
      ['also', 'count', ''],
      ['credentials to fill', String(summary.credentials), ''],
      ['settings dropped', String(summary.settingsDropped), ''],
      ['workflows imported', String(imported), percent(imported, w)],
    ]),
  ];
  if (summary.placeholdersByType.length > 0) {
    sections.push(
      table([
        [`placeholders by n8n type (top ${top})`, 'nodes', 'workflows'],
        ...summary.placeholdersByType.slice(0, top).map((p) => [p.n8nType, String(p.nodes), String(p.workflows)]),
      ]),
    );
  }
  if (summary.problems.length > 0) {
    sections.push(
      table([
        [`problems by code (top ${top})`, 'count', 'workflows'],
        ...summary.problems.slice(0, top).map((p) => [p.code, String(p.count), String(p.workflows)]),
      ]),
    );
  }
  return `${sections.join('\n\n')}\n`;
}
