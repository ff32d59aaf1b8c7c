// The official JavaScript SDK (npm shutterstock-api 1.6.0, CommonJS, superagent underneath), typed
// just enough for the benchmarks.
import { createRequire } from "node:module";

interface Sdk {
  ApiClient: { instance: { basePath: string } };
  setAccessToken(token: string): void;
  ImagesApi: new () => {
    searchImages(params: Record<string, unknown>): Promise<{ data?: ReadonlyArray<unknown> }>;
  };
}

export const officialSdk = (baseUrl: string, token: string) => {
  const sdk = createRequire(import.meta.url)("shutterstock-api") as Sdk;
  sdk.ApiClient.instance.basePath = baseUrl;
  sdk.setAccessToken(token);
  return new sdk.ImagesApi();
};
