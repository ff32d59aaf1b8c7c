// `pnpm --filter @shutterkit/example-web start`: sandbox + edge proxy + Vite, one origin.
import { startStack } from "./stack.ts";

const port = Number(process.env["PORT"] ?? 5173);
const stack = await startStack({ mode: "dev", port });
console.log(`shutterkit example: ${stack.url}  (sandbox API at ${stack.sandboxUrl}, proxied under /v2)`);
console.log("Ctrl+C to stop.");

const stop = () => {
  stack.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
