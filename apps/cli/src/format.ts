// Plain-text rendering: aligned tables that fit the terminal, sizes, and one-line text.

export interface Column<Row> {
  readonly header: string;
  readonly value: (row: Row) => string;
  /** Columns that may shrink to fit the width; the last flexible one shrinks first. */
  readonly flexible?: boolean;
  readonly align?: "left" | "right";
}

const ELLIPSIS = "…";

export const oneLine = (text: string | undefined): string => (text ?? "").replace(/\s+/g, " ").trim();

export const truncate = (text: string, width: number): string =>
  text.length <= width ? text : width <= 1 ? text.slice(0, width) : `${text.slice(0, width - 1)}${ELLIPSIS}`;

const pad = (text: string, width: number, align: "left" | "right" = "left") =>
  align === "right" ? text.padStart(width) : text.padEnd(width);

/** Renders rows as a table no wider than `maxWidth`, shrinking flexible columns (never below 8). */
export const table = <Row>(
  rows: ReadonlyArray<Row>,
  columns: ReadonlyArray<Column<Row>>,
  maxWidth = 120,
): string => {
  const cells = rows.map((row) => columns.map((column) => oneLine(column.value(row))));
  const widths = columns.map((column, index) =>
    Math.max(column.header.length, ...cells.map((row) => (row[index] ?? "").length)),
  );
  const gap = 2;
  const total = () => widths.reduce((sum, width) => sum + width, 0) + gap * (columns.length - 1);
  for (let index = columns.length - 1; index >= 0 && total() > maxWidth; index--) {
    if (!columns[index]?.flexible) continue;
    const excess = total() - maxWidth;
    widths[index] = Math.max(8, (widths[index] ?? 0) - excess);
  }
  const line = (values: ReadonlyArray<string>) =>
    values
      .map((value, index) =>
        pad(truncate(value, widths[index] ?? 0), widths[index] ?? 0, columns[index]?.align),
      )
      .join(" ".repeat(gap))
      .trimEnd();
  const header = line(columns.map((column) => column.header.toUpperCase()));
  return [header, ...cells.map(line)].join("\n");
};

/** `key: value` lines with the keys aligned; undefined values are skipped. */
export const fields = (entries: ReadonlyArray<readonly [string, string | number | undefined]>): string => {
  const present = entries.filter(
    (entry): entry is readonly [string, string | number] => entry[1] !== undefined,
  );
  const width = Math.max(0, ...present.map(([key]) => key.length));
  return present.map(([key, value]) => `${`${key}:`.padEnd(width + 1)} ${value}`).join("\n");
};

export const bytes = (count: number): string => {
  if (count < 1024) return `${count} B`;
  const units = ["KB", "MB", "GB"];
  let value = count / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
};

export const json = (value: unknown): string => JSON.stringify(value, null, 2);
