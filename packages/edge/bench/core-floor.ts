// The least a worker calling the API through core's client can bundle: one operation, no proxy. The
// bench compares the proxy's bundle with this to show what the proxy itself adds.
import { Credentials, createClient } from "@shutterkit/core";
import { getImage } from "@shutterkit/core/images";

export default {
  fetch: async (_request: Request, env: { readonly SHUTTERSTOCK_API_TOKEN: string }) => {
    const client = createClient({ credentials: Credentials.oauth(env.SHUTTERSTOCK_API_TOKEN) });
    const image = await client.send(getImage, { id: "1" });
    return Response.json(image);
  },
};
