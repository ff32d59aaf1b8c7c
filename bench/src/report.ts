// Shared by the benchmarks: medians, percentiles, Markdown tables (all.ts copies the printed tables
// into RESULTS.md as they are) and the quick mode that checks a script runs.

export const median = (values: ReadonlyArray<number>): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};

/** The value below which `share` (0-1) of the values lie, nearest rank. */
export const percentile = (values: ReadonlyArray<number>, share: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(share * sorted.length) - 1))] ?? 0;
};

/**
 * `BENCH_QUICK=1` runs a script with a fraction of its calls, to check that it runs: its figures
 * are not the benchmark's.
 */
export const QUICK = process.env["BENCH_QUICK"] === "1";

export const table = (header: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<string>>): string => {
  const widths = header.map((cell, index) =>
    Math.max(cell.length, ...rows.map((row) => (row[index] ?? "").length)),
  );
  const line = (cells: ReadonlyArray<string>) =>
    `| ${cells.map((cell, index) => (index === 0 ? cell.padEnd(widths[index] ?? 0) : cell.padStart(widths[index] ?? 0))).join(" | ")} |`;
  return [
    line(header),
    `|${widths.map((width, index) => (index === 0 ? "-".repeat(width + 2) : `${"-".repeat(width + 1)}:`)).join("|")}|`,
    ...rows.map(line),
  ].join("\n");
};
