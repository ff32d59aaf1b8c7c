// A sandbox server per test file, with a client factory and the control routes.
import {
  Credentials,
  createShutterstock,
  type GroupedShutterstockClient,
  type ShutterstockConfig,
} from "@shutterkit/core";
import { type SandboxServer, type SandboxServerOptions, startSandboxServer } from "@shutterkit/sandbox/node";
import { type SandboxControl, sandboxControl } from "../../src/control.ts";

export interface TestSandbox {
  readonly server: SandboxServer;
  readonly url: string;
  readonly control: SandboxControl;
  readonly client: (overrides?: ShutterstockConfig) => GroupedShutterstockClient;
  /** Ids of the first `count` images of a search, distinct. */
  readonly imageIds: (count: number) => Promise<string[]>;
  readonly close: () => Promise<void>;
}

export const startTestSandbox = async (options: SandboxServerOptions = {}): Promise<TestSandbox> => {
  const server = await startSandboxServer({ port: 0, host: "127.0.0.1", seed: 1, ...options });
  const client = (overrides: ShutterstockConfig = {}) =>
    createShutterstock({
      baseUrl: server.url,
      credentials: Credentials.oauth(server.credentials.accessToken),
      retry: { baseDelay: 1, maxDelay: 20 },
      ...overrides,
    });
  return {
    server,
    url: server.url,
    control: sandboxControl(server.url),
    client,
    imageIds: async (count) => {
      const ids: string[] = [];
      for await (const image of client().images.searchImages.all({ per_page: 100 }, { maxItems: count }))
        ids.push(image.id);
      return ids;
    },
    close: () => server.close(),
  };
};

/** Collects unhandled rejections while a test runs. */
export const watchUnhandled = () => {
  const seen: unknown[] = [];
  const listener = (reason: unknown) => seen.push(reason);
  process.on("unhandledRejection", listener);
  return {
    seen,
    stop: () => {
      process.off("unhandledRejection", listener);
    },
  };
};
