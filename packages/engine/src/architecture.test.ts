import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// The engine's import graph, read with the TypeScript compiler so that every
// edge counts: `import type`, `export ... from`, `import('./x.js')` and
// `typeof import('./x.js')` alike. import-x/no-cycle skips type-only imports,
// so this test is what keeps type cycles out.

const SRC = dirname(fileURLToPath(import.meta.url));

/**
 * The floors the folders of src/ sit on, lowest first: a folder imports only
 * folders on lower floors. The table in docs/architecture.md says what each
 * holds; keep the two together.
 */
const FLOORS: readonly (readonly string[])[] = [
  ['errors', 'binary'],
  ['options', 'ports'],
  ['model', 'workers'],
  ['storage', 'code-sandbox', 'templates'],
  ['expression'],
  ['nodes'],
  ['credentials', 'n8n'],
  ['executions'],
  ['isolation'],
  ['run'],
  ['(root)'],
  ['node'],
  ['testing'],
];

/** The package's own entries, which a file may also import by name. */
const SELF: Record<string, string> = {
  '@flowloom/engine': 'index.ts',
  '@flowloom/engine/testing': 'testing/index.ts',
  '@flowloom/engine/testing/node': 'testing/node.ts',
  '@flowloom/engine/node': 'node/index.ts',
  '@flowloom/engine/sandbox-worker': 'code-sandbox/web-worker.ts',
};

const isTest = (file: string) => /\.(test|chromium-test)\.ts$/.test(file) || file.endsWith('.d.ts');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !isTest(entry.name) ? [path] : [];
  });
}

/** Every module specifier a file names, type-only ones included. */
function specifiers(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) {
      if (ts.isStringLiteral(node.moduleSpecifier)) found.push(node.moduleSpecifier.text);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      const expression = node.moduleReference.expression;
      if (ts.isStringLiteral(expression)) found.push(expression.text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [argument] = node.arguments;
      if (argument && ts.isStringLiteralLike(argument)) found.push(argument.text);
    } else if (ts.isImportTypeNode(node)) {
      const argument = node.argument;
      if (ts.isLiteralTypeNode(argument) && ts.isStringLiteral(argument.literal)) found.push(argument.literal.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The source file a specifier names, relative to src/, or undefined when it is outside the package. */
function resolveSpecifier(from: string, specifier: string): string | undefined {
  const self = SELF[specifier];
  if (self) return self;
  if (!specifier.startsWith('.')) return undefined;
  const target = resolve(dirname(from), specifier);
  const candidates = [target.replace(/\.js$/, '.ts'), `${target}.ts`, join(target, 'index.ts')];
  const found = candidates.find((candidate) => candidate.startsWith(SRC + sep) && existsSync(candidate));
  return found === undefined ? undefined : relative(SRC, found).split(sep).join('/');
}

/** Every source file (absolute path) -> the specifiers it names. */
function readSources(): Map<string, string[]> {
  return new Map(sourceFiles(SRC).map((file) => [file, specifiers(file)]));
}

/** file (relative to src/, with forward slashes) -> the files it imports. */
function importGraph(sources: Map<string, string[]>): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const [file, named] of sources) {
    const edges = new Set<string>();
    for (const specifier of named) {
      const target = resolveSpecifier(file, specifier);
      if (target !== undefined && !isTest(target)) edges.add(target);
    }
    graph.set(relative(SRC, file).split(sep).join('/'), edges);
  }
  return graph;
}

/** The folder right under src/ a file sits in; files at the top form `(root)`. */
const folderOf = (file: string) => (file.includes('/') ? file.slice(0, file.indexOf('/')) : '(root)');

/** Strongly connected components (Tarjan) with more than one member, or a member importing itself. */
function cycles(graph: Map<string, Set<string>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let next = 0;
  const connect = (node: string): void => {
    index.set(node, next);
    low.set(node, next);
    next++;
    stack.push(node);
    onStack.add(node);
    for (const target of graph.get(node) ?? []) {
      if (!index.has(target)) {
        connect(target);
        low.set(node, Math.min(low.get(node)!, low.get(target)!));
      } else if (onStack.has(target)) {
        low.set(node, Math.min(low.get(node)!, index.get(target)!));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || graph.get(node)?.has(node)) found.push(component.sort());
    }
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) connect(node);
  return found;
}

/** The shortest chain `from -> ... -> to` inside `members`, found breadth first. */
function chain(graph: Map<string, Set<string>>, from: string, to: string, members: Set<string>): string[] {
  const previous = new Map<string, string>();
  const queue = [from];
  while (queue.length > 0) {
    const node = queue.shift()!;
    for (const target of [...(graph.get(node) ?? [])].sort()) {
      if (!members.has(target) || previous.has(target)) continue;
      previous.set(target, node);
      if (target === to) {
        const path = [to];
        for (let at = previous.get(to)!; at !== from; at = previous.get(at)!) path.unshift(at);
        return [from, ...path];
      }
      queue.push(target);
    }
  }
  return [from, to];
}

/** One readable loop per cycle: `a -> b -> c -> a`. */
function describeCycle(graph: Map<string, Set<string>>, component: string[]): string {
  const members = new Set(component);
  const start = component[0]!;
  const back = [...(graph.get(start) ?? [])].sort().find((target) => members.has(target))!;
  return back === start ? `${start} -> ${start}` : [start, ...chain(graph, back, start, members)].join(' -> ');
}

function folderGraph(files: Map<string, Set<string>>): {
  graph: Map<string, Set<string>>;
  witness: (from: string, to: string) => string;
} {
  const graph = new Map<string, Set<string>>();
  const witnesses = new Map<string, string[]>();
  for (const [file, targets] of files) {
    const from = folderOf(file);
    if (!graph.has(from)) graph.set(from, new Set());
    for (const target of targets) {
      const to = folderOf(target);
      if (to === from) continue;
      graph.get(from)!.add(to);
      const key = `${from} -> ${to}`;
      witnesses.set(key, [...(witnesses.get(key) ?? []), `${file} -> ${target}`]);
    }
  }
  return {
    graph,
    witness: (from, to) => {
      const edges = witnesses.get(`${from} -> ${to}`) ?? [];
      const shown = edges.slice(0, 3).join(', ');
      return edges.length > 3 ? `${shown} and ${edges.length - 3} more` : shown;
    },
  };
}

describe('the engine import graph', () => {
  const sources = readSources();
  const files = importGraph(sources);
  const folders = folderGraph(files);

  it('imports no other Flowloom package: element, adapters and the CLI depend on the engine, never the reverse', () => {
    const found = [...sources].flatMap(([file, named]) =>
      named
        .filter((specifier) => /^@flowloom\/(?!engine(\/|$))/.test(specifier))
        .map((specifier) => `${relative(SRC, file)} imports ${specifier}`),
    );
    expect(found).toEqual([]);
  });

  it('sees every file of the engine', () => {
    expect(files.get('index.ts')?.size).toBeGreaterThan(10);
    expect(files.get('model/workflow.ts')).toBeDefined();
  });

  it('has no import cycle between files, type-only imports included', () => {
    const found = cycles(files).map((component) => describeCycle(files, component));
    expect(found, `Import cycles:\n${found.join('\n')}`).toEqual([]);
  });

  it('has no pair of folders that import each other', () => {
    const pairs: string[] = [];
    for (const [from, targets] of folders.graph) {
      for (const to of targets) {
        if (from < to && folders.graph.get(to)?.has(from)) {
          pairs.push(`${from} <-> ${to}\n  ${folders.witness(from, to)}\n  ${folders.witness(to, from)}`);
        }
      }
    }
    expect(pairs, `Folders that depend on each other:\n${pairs.join('\n')}`).toEqual([]);
  });

  it('has every folder on a floor, importing only folders on lower floors', () => {
    const floorOf = new Map(FLOORS.flatMap((folders, floor) => folders.map((folder) => [folder, floor] as const)));
    const problems: string[] = [];
    for (const [from, targets] of folders.graph) {
      const floor = floorOf.get(from);
      if (floor === undefined) {
        problems.push(`${from}/ is on no floor: add it to FLOORS here and to the table in docs/architecture.md`);
        continue;
      }
      for (const to of targets) {
        const below = floorOf.get(to);
        if (below !== undefined && below < floor) continue;
        problems.push(`${from} (floor ${floor}) -> ${to} (floor ${below ?? 'none'}): ${folders.witness(from, to)}`);
      }
    }
    expect(problems, `Imports that do not go down a floor:\n${problems.join('\n')}`).toEqual([]);
  });

  it('has no cycle between folders', () => {
    const found = cycles(folders.graph).map((component) => {
      const loop = describeCycle(folders.graph, component).split(' -> ');
      const steps = loop.slice(1).map((to, i) => `  ${loop[i]} -> ${to}: ${folders.witness(loop[i]!, to)}`);
      return `${loop.join(' -> ')}\n${steps.join('\n')}`;
    });
    expect(found, `Folder cycles:\n${found.join('\n')}`).toEqual([]);
  });
});
