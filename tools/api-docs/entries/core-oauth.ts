/**
 * The OAuth sign-in flow of a Shutterstock application.
 *
 * @module @shutterkit/core/oauth
 */
export * from "../../../packages/core/src/oauth.ts";
