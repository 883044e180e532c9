// The expression language of XLSForm relevant / constraint / calculation columns (an XPath subset).
export { collectReferences, type Expr } from './ast';
export type { EvalEnv } from './context';
export type { UtcOffset } from './dates';
export { evaluateExpression } from './evaluate';
export { ExpressionError } from './expression-error';
export { parseExpression } from './parser';
export { toBoolean, toNumber, toText, type Value } from './values';
