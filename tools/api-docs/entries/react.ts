/**
 * TanStack Query v5 bindings: query-option factories for every GET operation, hooks, mutations and Suspense variants.
 *
 * @module @shutterkit/react
 * @document ../../../packages/react/README.md
 */
export * from "../../../packages/react/src/index.ts";
