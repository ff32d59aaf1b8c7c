// `Credentials` is both the type of a client's credentials and the namespace of their
// constructors (`Credentials.oauth(token)`). The constructors are separate exports of one module,
// so a bundler keeps the kinds an app makes and drops the others (the refresher with them), which
// it would not do for the properties of one object.
import * as CredentialKinds from "./credential-kinds.ts";
import type { Credentials as CredentialsType } from "./credentials.ts";

export type Credentials = CredentialsType;
export { CredentialKinds as Credentials };
