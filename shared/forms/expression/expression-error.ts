/** A malformed expression; `position` is the 0-based offset in the source where it goes wrong. */
export class ExpressionError extends Error {
  override readonly name = 'ExpressionError';
  constructor(
    readonly detail: string,
    readonly position: number,
  ) {
    super(`${detail} (at character ${position + 1})`);
  }
}
