/** One measured figure of `npm run bench`. */
export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  /** What the figure is compared with, or how it was measured. */
  note?: string;
}
