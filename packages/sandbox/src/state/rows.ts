// The state as rows of one table: every collection, licence, token, upload... is its own row
// (section, key) with a JSON body, so a commit writes only the entities it changed and another
// process catches up by reading only rows newer than the last revision it saw.
import type { MediaKind, SandboxState } from "./model.ts";

export interface StateRow {
  readonly section: string;
  readonly key: string;
  /** Position inside an array section (subscriptions, licences); 0 elsewhere. */
  readonly ord: number;
  readonly body: string;
}

type RecordSection = "catalogCollections" | "catalogItems" | "uploads" | "renders" | "tokens" | "authCodes";
type Scalar = "version" | "seed" | "secret" | "counter";

const MEDIA_KINDS: ReadonlyArray<MediaKind> = ["images", "videos", "audio"];
const RECORD_SECTIONS: ReadonlyArray<RecordSection> = [
  "catalogCollections",
  "catalogItems",
  "uploads",
  "renders",
  "tokens",
  "authCodes",
];
const SCALARS: ReadonlyArray<Scalar> = ["version", "seed", "secret", "counter"];

/** Row identity inside a map: section and key joined by a character neither contains. */
export const rowId = (section: string, key: string): string => `${section}\u0000${key}`;

/** Every entity of the state as a row, keyed by `rowId`. */
export const explode = (state: SandboxState): Map<string, StateRow> => {
  const rows = new Map<string, StateRow>();
  const add = (section: string, key: string, ord: number, value: unknown) => {
    rows.set(rowId(section, key), { section, key, ord, body: JSON.stringify(value) });
  };
  for (const scalar of SCALARS) add("meta", scalar, 0, state[scalar]);
  for (const kind of MEDIA_KINDS) {
    for (const [key, value] of Object.entries(state.collections[kind]))
      add(`collections/${kind}`, key, 0, value);
  }
  for (const section of RECORD_SECTIONS) {
    for (const [key, value] of Object.entries(state[section])) add(section, key, 0, value);
  }
  for (const [key, value] of Object.entries(state.refreshTokens)) add("refreshTokens", key, 0, value);
  for (const [ord, value] of state.subscriptions.entries()) add("subscriptions", value.id, ord, value);
  for (const [ord, value] of state.licenses.entries()) add("licenses", value.id, ord, value);
  return rows;
};

/** The state the rows describe; throws on a row no version of the sandbox writes. */
export const assemble = (rows: Iterable<StateRow>): SandboxState => {
  const state: SandboxState = {
    version: 1,
    seed: 0,
    secret: "",
    counter: 0,
    collections: { images: {}, videos: {}, audio: {} },
    catalogCollections: {},
    catalogItems: {},
    subscriptions: [],
    licenses: [],
    uploads: {},
    renders: {},
    tokens: {},
    authCodes: {},
    refreshTokens: {},
  };
  const arrays: Record<"subscriptions" | "licenses", Array<[number, string]>> = {
    subscriptions: [],
    licenses: [],
  };
  const target = state as unknown as Record<string, Record<string, unknown>>;
  for (const row of rows) {
    const [head, kind] = row.section.split("/");
    if (row.section === "meta" && (SCALARS as ReadonlyArray<string>).includes(row.key)) {
      (state as unknown as Record<string, unknown>)[row.key] = JSON.parse(row.body);
    } else if (head === "collections" && (MEDIA_KINDS as ReadonlyArray<string>).includes(kind ?? "")) {
      state.collections[kind as MediaKind][row.key] = JSON.parse(row.body);
    } else if (row.section === "subscriptions" || row.section === "licenses") {
      arrays[row.section].push([row.ord, row.body]);
    } else if (
      row.section === "refreshTokens" ||
      (RECORD_SECTIONS as ReadonlyArray<string>).includes(row.section)
    ) {
      const section = target[row.section];
      if (section !== undefined) section[row.key] = JSON.parse(row.body);
    } else {
      throw new Error(`unknown state row ${row.section}/${row.key}`);
    }
  }
  const ordered = (entries: Array<[number, string]>) =>
    entries.sort((a, b) => a[0] - b[0]).map(([, body]) => JSON.parse(body));
  state.subscriptions = ordered(arrays.subscriptions);
  state.licenses = ordered(arrays.licenses);
  return state;
};
