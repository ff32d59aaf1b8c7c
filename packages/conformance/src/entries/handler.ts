// What the fetch-handler runtimes (workerd, edge-runtime) run: POST `{ baseUrl, token }`, get the
// results as JSON.
import { runSuite } from "../scenarios.ts";

export const handle = async (request: Request): Promise<Response> => {
  const { baseUrl, token } = (await request.json()) as { baseUrl: string; token: string };
  const results = await runSuite({ baseUrl, token });
  return new Response(JSON.stringify(results), { headers: { "content-type": "application/json" } });
};
