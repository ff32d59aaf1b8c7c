/** The proxy's configuration is incomplete or wrong. Names the variables or options at fault, never their values. */
export class ProxyConfigError extends Error {
  override readonly name = "ProxyConfigError";
  /** Environment variables at fault, when the configuration came from the environment. */
  readonly variables: ReadonlyArray<string>;

  constructor(message: string, variables: ReadonlyArray<string> = []) {
    super(message);
    this.variables = variables;
  }
}
