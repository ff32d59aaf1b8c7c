// A download progress bar on stderr. On a terminal it redraws one line; forced onto a pipe
// (`--progress`) it prints a line at every quarter so logs stay readable.
import { bytes } from "./format.ts";
import type { OutputStream } from "./io.ts";

export interface Progress {
  readonly update: (received: number, total: number | undefined) => void;
  /** Ends the bar's line; call once, on success or failure. */
  readonly done: () => void;
}

const BAR_WIDTH = 24;
const REDRAW_MS = 80;

export const noProgress: Progress = { update: () => undefined, done: () => undefined };

export const progressBar = (stream: OutputStream, label: string): Progress => {
  const tty = stream.isTTY === true;
  let lastDraw = 0;
  let lastQuarter = -1;
  let drawn = false;
  let last: [number, number | undefined] = [0, undefined];

  const render = (received: number, total: number | undefined) => {
    if (total === undefined || total === 0) return `${label}  ${bytes(received)}`;
    const ratio = Math.min(1, received / total);
    const filled = Math.round(ratio * BAR_WIDTH);
    const percent = `${Math.floor(ratio * 100)}%`.padStart(4);
    return `${label}  [${"█".repeat(filled)}${"░".repeat(BAR_WIDTH - filled)}] ${percent}  ${bytes(received)} / ${bytes(total)}`;
  };

  return {
    update: (received, total) => {
      last = [received, total];
      if (tty) {
        const now = Date.now();
        const finished = total !== undefined && received >= total;
        if (!finished && now - lastDraw < REDRAW_MS) return;
        lastDraw = now;
        stream.write(`\r${render(received, total)}\x1b[K`);
        drawn = true;
        return;
      }
      const quarter = total === undefined || total === 0 ? 0 : Math.floor((received / total) * 4);
      if (quarter === lastQuarter) return;
      lastQuarter = quarter;
      stream.write(`${render(received, total)}\n`);
    },
    done: () => {
      if (!tty) return;
      if (!drawn) stream.write(render(...last));
      stream.write("\n");
    },
  };
};
