// Entry for runtimes with a command line (Node, Deno, Bun): `<runtime> cli.mjs <sandbox url> <token>`.
// Prints one line `@@conformance <json results>` for the matrix runner to read.
import { runSuite } from "../scenarios.ts";

interface Globals {
  readonly Deno?: { readonly args: ReadonlyArray<string> };
  readonly process?: { readonly argv: ReadonlyArray<string> };
}

const globals = globalThis as Globals;
const args = globals.Deno?.args ?? globals.process?.argv.slice(2) ?? [];
const [baseUrl, token] = args;
if (baseUrl === undefined || token === undefined) throw new Error("usage: cli.mjs <sandbox url> <token>");
const results = await runSuite({ baseUrl, token });
console.log(`@@conformance ${JSON.stringify(results)}`);
