// The wire facts the retry rule rests on: which methods repeat without repeating an effect, and what
// a pooled connection closed by the far side while idle looks like when it is reused. The client's
// retry plan and the Node transport's immediate re-send both read them here.

/** Methods whose repetition has the same effect as one call. A POST may be a purchase. */
export const IDEMPOTENT_METHODS: ReadonlySet<string> = new Set(["GET", "HEAD", "PUT", "DELETE", "OPTIONS"]);

/**
 * A reused pooled connection that the server had closed while it sat idle meets a reset before any
 * response byte, with one of these system or fetch codes.
 */
export const STALE_CONNECTION_CODES: ReadonlySet<string> = new Set(["ECONNRESET", "EPIPE", "UND_ERR_SOCKET"]);
