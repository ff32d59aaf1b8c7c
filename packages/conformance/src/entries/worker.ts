// Entry for workerd: a module worker.
import { handle } from "./handler.ts";

export default { fetch: (request: Request) => handle(request) };
