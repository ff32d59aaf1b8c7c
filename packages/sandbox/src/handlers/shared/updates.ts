// The time window of the "updated" feeds of images and videos: explicit dates, or the last `interval`.
import { DAY_MS, parseDateTime, parseInterval } from "../../search/common.ts";

export const updatedWindow = (
  params: {
    readonly start_date?: string | undefined;
    readonly end_date?: string | undefined;
    readonly interval?: string | undefined;
  },
  now: Date,
): { from: number; to: number } => {
  if (params.start_date !== undefined || params.end_date !== undefined) {
    const from = params.start_date === undefined ? 0 : parseDateTime("start_date", params.start_date);
    const to =
      params.end_date === undefined
        ? now.getTime()
        : /T/.test(params.end_date)
          ? parseDateTime("end_date", params.end_date)
          : parseDateTime("end_date", params.end_date) + DAY_MS;
    return { from, to };
  }
  return { from: now.getTime() - parseInterval(params.interval ?? "1 HOUR"), to: now.getTime() };
};
