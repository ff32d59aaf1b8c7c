// The least a worker calling the API through core's client can bundle: one operation, no proxy. The
// bench compares the proxy's bundle with this to show what the proxy itself adds.
import { Credentials, ImagesOperations, makeShutterstock } from "@shutterkit/core";
import { Effect } from "effect";

export default {
  fetch: async (_request: Request, env: { readonly SHUTTERSTOCK_API_TOKEN: string }) => {
    const client = makeShutterstock({ credentials: Credentials.oauth(env.SHUTTERSTOCK_API_TOKEN) });
    const image = await Effect.runPromise(client.execute(ImagesOperations.getImage, { params: { id: "1" } }));
    return Response.json(image);
  },
};
