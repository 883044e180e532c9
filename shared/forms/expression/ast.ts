import type { FunctionName } from './functions';

export type BinaryOperator =
  '=' | '!=' | '<' | '<=' | '>' | '>=' | 'and' | 'or' | '+' | '-' | '*' | 'div' | 'mod';

/** A parsed expression. `pos` is the 0-based offset of the node in its source, for messages. */
export type Expr =
  | { kind: 'literal'; value: string | number; pos: number }
  /** ${name}, or ../name (resolved like ${name}: names are unique in a form). */
  | { kind: 'ref'; name: string; pos: number }
  | { kind: 'current'; pos: number }
  /** `..`, `../..`: only as the argument of position(). */
  | { kind: 'parent'; levels: number; pos: number }
  | { kind: 'negate'; operand: Expr; pos: number }
  | { kind: 'binary'; op: BinaryOperator; left: Expr; right: Expr; pos: number }
  | { kind: 'call'; name: FunctionName; args: Expr[]; pos: number };

/** The question names an expression refers to with ${name}, each once, in order of appearance. */
export function collectReferences(expr: Expr): string[] {
  const names = new Set<string>();
  const walk = (e: Expr): void => {
    switch (e.kind) {
      case 'ref':
        names.add(e.name);
        return;
      case 'negate':
        walk(e.operand);
        return;
      case 'binary':
        walk(e.left);
        walk(e.right);
        return;
      case 'call':
        e.args.forEach(walk);
        return;
      case 'literal':
      case 'current':
      case 'parent':
        return;
    }
  };
  walk(expr);
  return [...names];
}
