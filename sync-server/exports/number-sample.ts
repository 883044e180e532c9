// A sample of numbers kept whole, for exact quartiles (the summary report, the codebook).

export type Distribution = {
  n: number;
  min: number;
  q1: number;
  median: number;
  q3: number;
  max: number;
  mean: number;
  sum: number;
};

/** Values per chunk of a NumberSample: 512 KB. */
const CHUNK = 65_536;

/**
 * Every value kept (8 bytes each) so quartiles are exact, not estimated. In chunks, never in
 * one growing array: growing by doubling held up to twice the values, and a worker's share came
 * back as a copy; chunks are filled once and handed over (transferred) whole.
 */
export class NumberSample {
  private readonly full: Float64Array[] = [];
  private current = new Float64Array(CHUNK);
  private filled = 0;
  private count = 0;
  private sum = 0;

  get size(): number {
    return this.count;
  }

  get total(): number {
    return this.sum;
  }

  add(value: number): void {
    if (this.filled === CHUNK) {
      this.full.push(this.current);
      this.current = new Float64Array(CHUNK);
      this.filled = 0;
    }
    this.current[this.filled++] = value;
    this.count++;
    this.sum += value;
  }

  /** Takes the chunks (another sample's `chunks()`, from a worker) as they are, without copying. */
  addAll(chunks: readonly Float64Array[]): void {
    for (const chunk of chunks) {
      this.full.push(chunk);
      this.count += chunk.length;
      for (const value of chunk) this.sum += value;
    }
  }

  /** The values as chunks (views, not copies: to hand over once this sample is done). */
  chunks(): Float64Array[] {
    return this.filled === 0 ? [...this.full] : [...this.full, this.current.subarray(0, this.filled)];
  }

  /** Quartiles as R's quantile() (type 7) and Excel's QUARTILE.INC compute them. */
  distribution(): Distribution | undefined {
    if (this.count === 0) return undefined;
    // One copy, of this question's values only, while its quartiles are found.
    const sorted = new Float64Array(this.count);
    let at = 0;
    for (const chunk of this.chunks()) {
      sorted.set(chunk, at);
      at += chunk.length;
    }
    sorted.sort();
    const quantile = (p: number): number => {
      const h = (sorted.length - 1) * p;
      const lo = Math.floor(h);
      const below = sorted[lo] as number;
      const above = sorted[Math.min(lo + 1, sorted.length - 1)] as number;
      return below + (h - lo) * (above - below);
    };
    return {
      n: this.count,
      min: sorted[0] as number,
      q1: quantile(0.25),
      median: quantile(0.5),
      q3: quantile(0.75),
      max: sorted[sorted.length - 1] as number,
      mean: this.sum / this.count,
      sum: this.sum,
    };
  }
}
