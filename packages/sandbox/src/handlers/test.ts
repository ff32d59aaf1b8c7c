// The API's test endpoints: an echo, and a request that only validates its parameters.
import type { HandlersOf } from "../world.ts";

export const testHandlers = {
  echo: ({ params }) => ({ text: params.text ?? "ok" }),
  validate: ({ params }) => ({
    query: { id: params.id, ...(params.tag === undefined ? {} : { tag: [...params.tag] }) },
    header: params["user-agent"] === undefined ? {} : { "user-agent": params["user-agent"] },
  }),
} satisfies HandlersOf<"test">;
