import type { Code, Signature } from './apply.js';

/** A node of JSONata's abstract syntax tree, as `jsonata(text).ast()` gives it. */
export interface AstNode {
  type: string;
  value?: unknown;
  position?: number;
  steps?: AstNode[];
  stages?: { type: string; expr?: AstNode; value?: string }[];
  predicate?: { type: string; expr: AstNode }[];
  group?: { lhs: [AstNode, AstNode][]; position?: number };
  keepArray?: boolean;
  keepSingletonArray?: boolean;
  consarray?: boolean;
  tuple?: boolean;
  focus?: string;
  index?: string;
  ancestor?: { label: string };
  slot?: { label: string };
  expressions?: AstNode[];
  expression?: AstNode;
  lhs?: AstNode | [AstNode, AstNode][];
  rhs?: AstNode;
  condition?: AstNode;
  then?: AstNode;
  else?: AstNode;
  procedure?: AstNode;
  arguments?: AstNode[];
  body?: AstNode;
  signature?: Signature;
  thunk?: boolean;
  terms?: { descending: boolean; expression: AstNode }[];
  pattern?: AstNode;
  update?: AstNode;
  delete?: AstNode;
}

/** What the compiler needs from its host. */
export interface CompilerOptions {
  /** JSONata's `$string` as the `&` operator uses it (not a replaced one). */
  readonly stringify: (value: unknown) => string | undefined;
  /** The signature of a transform's function (`<(oa):o>`), parsed by JSONata. */
  readonly transformSignature: Signature;
  /** Variables that must not be compiled (e.g. `eval` when the host allows it): the expression falls back. */
  readonly unsupportedNames?: ReadonlySet<string>;
}

/** State of one compilation. */
export interface CompileState {
  readonly options: CompilerOptions;
  /** Names some part of the expression binds (`:=`, parameters, `@$x`, `#$i`, ancestors). */
  readonly bound: ReadonlySet<string>;
  /** Whether the node is inside a function body, where depth is checked. */
  inLambda: boolean;
  /** Compiles a child node (given here so the parts of the compiler need not import each other). */
  readonly compile: (node: AstNode, d: number, st: CompileState) => Code;
}
