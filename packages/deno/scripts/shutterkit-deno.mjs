#!/usr/bin/env node
// `shutterkit-deno <deno args…>`: the pinned Deno with the repository's guards (see run-deno.mjs).
import { runDeno } from "./run-deno.mjs";

process.exitCode = await runDeno(process.argv.slice(2));
