// Shared test plumbing: a real sandbox server on 127.0.0.1:0 and a small fetch wrapper.
import { type SandboxServer, type SandboxServerOptions, startSandboxServer } from "../src/node.ts";

export interface Call {
  readonly method?: string;
  readonly auth?: "basic" | "bearer" | "none" | { readonly bearer: string } | { readonly header: string };
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
  readonly query?: Record<string, string | number | boolean | ReadonlyArray<string | number>>;
}

export interface Answer<T = unknown> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: T;
  readonly text: string;
}

export interface TestSandbox {
  readonly server: SandboxServer;
  readonly url: string;
  call<T = unknown>(path: string, options?: Call): Promise<Answer<T>>;
  close(): Promise<void>;
}

export const basicHeader = (server: SandboxServer): string =>
  `Basic ${btoa(`${server.credentials.clientId}:${server.credentials.clientSecret}`)}`;

export const startTestSandbox = async (options: SandboxServerOptions = {}): Promise<TestSandbox> => {
  const server = await startSandboxServer({ port: 0, host: "127.0.0.1", ...options });
  const call = async <T>(path: string, options: Call = {}): Promise<Answer<T>> => {
    const url = new URL(path, server.url);
    for (const [key, value] of Object.entries(options.query ?? {})) {
      if (Array.isArray(value)) for (const item of value) url.searchParams.append(key, String(item));
      else url.searchParams.set(key, String(value));
    }
    const headers = new Headers(options.headers);
    const auth = options.auth ?? "bearer";
    if (auth === "basic") headers.set("authorization", basicHeader(server));
    else if (auth === "bearer") headers.set("authorization", `Bearer ${server.credentials.accessToken}`);
    else if (typeof auth === "object" && "bearer" in auth)
      headers.set("authorization", `Bearer ${auth.bearer}`);
    else if (typeof auth === "object") headers.set("authorization", auth.header);
    let body: string | undefined;
    if (options.body !== undefined) {
      body = typeof options.body === "string" ? options.body : JSON.stringify(options.body);
      if (!headers.has("content-type")) headers.set("content-type", "application/json");
    }
    const response = await fetch(url, {
      method: options.method ?? (options.body === undefined ? "GET" : "POST"),
      headers,
      redirect: "manual",
      ...(body === undefined ? {} : { body }),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text.length > 0 ? JSON.parse(text) : undefined;
    } catch {
      parsed = text;
    }
    return { status: response.status, headers: response.headers, body: parsed as T, text };
  };
  return { server, url: server.url, call, close: () => server.close() };
};

/** Shapes of the sandbox's info document that tests use. */
export interface SandboxInfo {
  readonly samples: {
    readonly images: string[];
    readonly videos: string[];
    readonly audio: string[];
    readonly sfx: string[];
    readonly editorialImages: string[];
    readonly editorialVideos: string[];
    readonly contributors: string[];
    readonly featuredImageCollections: string[];
    readonly featuredVideoCollections: string[];
    readonly livefeeds: string[];
    readonly contributorCollections: Array<{ contributor_id: string; id: string }>;
    readonly subscriptions: Array<{ id: string; asset_type: string; description: string }>;
  };
}

export const info = async (sandbox: TestSandbox): Promise<SandboxInfo> =>
  (await sandbox.call<SandboxInfo>("/sandbox", { auth: "none" })).body;
