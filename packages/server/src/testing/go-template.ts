// Test support: the part of Go's text/template, with the Helm functions, that deploy/helm/flowloom uses, so the
// chart's manifests can be rendered and read without Helm. Whatever lies outside that part (range, with,
// variables, parentheses, else-if, another function) is refused with the file and line, so a chart that grows
// past it fails loudly here rather than rendering differently from Helm.
import { stringify } from 'yaml';

type Arg = { kind: 'field'; path: string[] } | { kind: 'literal'; value: string | number | boolean };
/** One command of a pipeline: a function and its arguments, or a single value. */
interface Command {
  fn?: string;
  args: Arg[];
}
type TemplateNode =
  | { kind: 'text'; text: string }
  | { kind: 'output'; pipeline: Command[]; where: string }
  | { kind: 'if'; pipeline: Command[]; then: TemplateNode[]; otherwise: TemplateNode[]; where: string };

/** Text and actions, with `{{-` and `-}}` applied to the text beside them. */
function lex(source: string, file: string): ({ kind: 'text'; text: string } | { kind: 'action'; body: string; where: string })[] {
  const tokens: ({ kind: 'text'; text: string } | { kind: 'action'; body: string; where: string })[] = [];
  let at = 0;
  let trimNext = false;
  while (at < source.length) {
    const open = source.indexOf('{{', at);
    let text = source.slice(at, open === -1 ? source.length : open);
    if (trimNext) text = text.trimStart();
    trimNext = false;
    if (open === -1) {
      tokens.push({ kind: 'text', text });
      break;
    }
    const close = source.indexOf('}}', open);
    const where = `${file}:${source.slice(0, open).split('\n').length}`;
    if (close === -1) throw new Error(`${where}: '{{' is never closed.`);
    let body = source.slice(open + 2, close);
    if (/^-\s/.test(body)) {
      text = text.trimEnd();
      body = body.slice(1);
    }
    if (/\s-$/.test(body)) {
      trimNext = true;
      body = body.slice(0, -1);
    }
    tokens.push({ kind: 'text', text }, { kind: 'action', body: body.trim(), where });
    at = close + 2;
  }
  return tokens;
}

/** The words of an action: string literals, numbers, fields (`.Values.a`, `.`), names and `|`. */
function words(body: string, where: string): string[] {
  const found: string[] = [];
  const pattern = /\s*("(?:[^"\\]|\\.)*"|\||[.A-Za-z0-9_-]+|\S)/gy;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(body)) !== null) found.push(match[1]!);
  for (const word of found) {
    if (/^[$()]/.test(word) || word === ':=' || word === '=') {
      throw new Error(`${where}: '${body}' uses ${word}, which this renderer does not support.`);
    }
  }
  return found;
}

function parsePipeline(body: string, where: string): Command[] {
  const commands: Command[] = [];
  let current: string[] = [];
  const finish = () => {
    if (current.length === 0) throw new Error(`${where}: an empty command in '${body}'.`);
    const args = (list: string[]) => list.map((w) => argument(w, where));
    const [first, ...rest] = current;
    if (/^[A-Za-z]/.test(first!)) commands.push({ fn: first!, args: args(rest) });
    else if (rest.length > 0) throw new Error(`${where}: '${body}' gives arguments to a value.`);
    else commands.push({ args: args([first!]) });
    current = [];
  };
  for (const word of words(body, where)) {
    if (word === '|') finish();
    else current.push(word);
  }
  finish();
  return commands;
}

function argument(word: string, where: string): Arg {
  if (word.startsWith('"')) return { kind: 'literal', value: JSON.parse(word) as string };
  if (/^-?\d+$/.test(word)) return { kind: 'literal', value: Number(word) };
  if (word === 'true' || word === 'false') return { kind: 'literal', value: word === 'true' };
  if (word === '.') return { kind: 'field', path: [] };
  if (/^(\.[A-Za-z_][A-Za-z0-9_]*)+$/.test(word)) return { kind: 'field', path: word.slice(1).split('.') };
  throw new Error(`${where}: '${word}' is not a value this renderer reads.`);
}

/** The templates of all files, and the named templates their `define`s declare. */
function parse(files: Record<string, string>): { trees: Map<string, TemplateNode[]>; defines: Map<string, TemplateNode[]> } {
  const trees = new Map<string, TemplateNode[]>();
  const defines = new Map<string, TemplateNode[]>();
  for (const [file, source] of Object.entries(files)) {
    type Frame =
      | { kind: 'root'; nodes: TemplateNode[] }
      | { kind: 'define'; name: string; nodes: TemplateNode[]; where: string }
      | { kind: 'if'; node: Extract<TemplateNode, { kind: 'if' }>; nodes: TemplateNode[]; where: string };
    const stack: Frame[] = [{ kind: 'root', nodes: [] }];
    const top = () => stack[stack.length - 1]!;
    for (const token of lex(source, file)) {
      if (token.kind === 'text') {
        if (token.text !== '') top().nodes.push({ kind: 'text', text: token.text });
        continue;
      }
      const { body, where } = token;
      const [keyword] = body.split(/\s+/, 1);
      if (body.startsWith('/*')) {
        if (!body.endsWith('*/')) throw new Error(`${where}: a comment must end with '*/' right before '}}'.`);
      } else if (keyword === 'define') {
        const name = /^define\s+"([^"]+)"$/.exec(body)?.[1];
        if (!name) throw new Error(`${where}: expected define "name", got '${body}'.`);
        stack.push({ kind: 'define', name, nodes: [], where });
      } else if (keyword === 'if') {
        const node = { kind: 'if' as const, pipeline: parsePipeline(body.slice(2), where), then: [], otherwise: [], where };
        stack.push({ kind: 'if', node, nodes: node.then, where });
      } else if (keyword === 'else') {
        const frame = top();
        if (body !== 'else') throw new Error(`${where}: '${body}' is not supported; nest an if inside the else.`);
        if (frame.kind !== 'if' || frame.nodes === frame.node.otherwise) throw new Error(`${where}: an else outside an if.`);
        frame.nodes = frame.node.otherwise;
      } else if (keyword === 'end') {
        const frame = stack.pop()!;
        if (frame.kind === 'root') throw new Error(`${where}: an end with nothing to end.`);
        if (frame.kind === 'define') defines.set(frame.name, frame.nodes);
        else top().nodes.push(frame.node);
      } else if (['range', 'with', 'template', 'block', 'break', 'continue'].includes(keyword!)) {
        throw new Error(`${where}: '${keyword}' is not supported by this renderer.`);
      } else {
        top().nodes.push({ kind: 'output', pipeline: parsePipeline(body, where), where });
      }
    }
    const open = top();
    if (open.kind !== 'root') throw new Error(`${open.where}: this ${open.kind} has no end.`);
    trees.set(file, open.nodes);
  }
  return { trees, defines };
}

/** Go's truth: false, 0, nil, and empty strings, lists and maps are false. */
function truthy(value: unknown): boolean {
  if (value === undefined || value === null || value === false || value === 0 || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return true;
}

function indent(spaces: number, text: string): string {
  const pad = ' '.repeat(spaces);
  return pad + text.replaceAll('\n', `\n${pad}`);
}

function text(value: unknown, where: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === undefined || value === null) throw new Error(`${where}: the value is missing.`);
  throw new Error(`${where}: a list or map cannot be printed as it is; use toYaml.`);
}

/**
 * Renders every template file that is not a partial (`_*.tpl`) with `root` as `.`: `.Values`, `.Release`,
 * `.Chart`. Returns each file's text. Missing values are errors rather than empty text, except where `if`,
 * `default` and `required` test them.
 */
export function renderTemplates(files: Record<string, string>, root: Record<string, unknown>): Record<string, string> {
  const { trees, defines } = parse(files);

  const field = (dot: unknown, path: string[], where: string): unknown => {
    let value = dot;
    for (const [i, key] of path.entries()) {
      if (value === undefined || value === null || typeof value !== 'object') {
        throw new Error(`${where}: .${path.slice(0, i).join('.')} has no field '${key}'.`);
      }
      value = (value as Record<string, unknown>)[key];
    }
    return value;
  };

  const functions: Record<string, (where: string, ...args: unknown[]) => unknown> = {
    include: (where, name, dot) => {
      const nodes = defines.get(text(name, where));
      if (!nodes) throw new Error(`${where}: no template is defined as "${String(name)}".`);
      return render(nodes, dot);
    },
    printf: (where, format, ...args) => {
      let i = 0;
      return text(format, where).replace(/%[sdv]/g, () => text(args[i++], where));
    },
    trunc: (where, length, value) => text(value, where).slice(0, Number(length)),
    trimSuffix: (where, suffix, value) => {
      const s = text(value, where);
      const end = text(suffix, where);
      return end !== '' && s.endsWith(end) ? s.slice(0, -end.length) : s;
    },
    quote: (where, ...values) =>
      values
        .filter((v) => v !== undefined && v !== null)
        .map((v) => JSON.stringify(text(v, where)))
        .join(' '),
    default: (_where, fallback, value) => (truthy(value) ? value : fallback),
    required: (where, message, value) => {
      if (value === undefined || value === null || value === '') throw new Error(`${where}: ${text(message, where)}`);
      return value;
    },
    not: (_where, value) => !truthy(value),
    contains: (where, part, value) => text(value, where).includes(text(part, where)),
    toYaml: (_where, value) => stringify(value, { lineWidth: 0 }).replace(/\n$/, ''),
    nindent: (where, spaces, value) => `\n${indent(Number(spaces), text(value, where))}`,
    indent: (where, spaces, value) => indent(Number(spaces), text(value, where)),
  };

  const evaluate = (pipeline: Command[], dot: unknown, where: string): unknown => {
    let value: unknown;
    for (const [i, command] of pipeline.entries()) {
      const args = command.args.map((a) => (a.kind === 'literal' ? a.value : field(dot, a.path, where)));
      if (command.fn === undefined) {
        value = args[0];
        continue;
      }
      const fn = functions[command.fn];
      if (!fn) throw new Error(`${where}: the function '${command.fn}' is not supported by this renderer.`);
      value = fn(where, ...args, ...(i > 0 ? [value] : []));
    }
    return value;
  };

  const render = (nodes: TemplateNode[], dot: unknown): string =>
    nodes
      .map((node) => {
        if (node.kind === 'text') return node.text;
        if (node.kind === 'output') return text(evaluate(node.pipeline, dot, node.where), node.where);
        return render(truthy(evaluate(node.pipeline, dot, node.where)) ? node.then : node.otherwise, dot);
      })
      .join('');

  const rendered: Record<string, string> = {};
  for (const [file, nodes] of trees) {
    if (!file.split('/').pop()!.startsWith('_')) rendered[file] = render(nodes, root);
  }
  return rendered;
}
