import {
  BadRequest,
  DecodeError,
  Forbidden,
  InvalidRequest,
  NetworkError,
  NotFound,
  RateLimited,
  ServerError,
  type ShutterstockError,
  Timeout,
  Unauthorized,
} from "@shutterkit/core";
import { describe, expect, it } from "vitest";
import { problemFromError } from "../src/index.ts";

const call = {
  message: "GET /v2/images/{id} failed",
  operationId: "getImage",
  method: "GET",
  route: "/v2/images/{id}",
};

describe("problems from core's errors", () => {
  const cases: ReadonlyArray<[ShutterstockError, number]> = [
    [new InvalidRequest({ ...call, issues: [{ path: "id", message: "bad" }] }), 400],
    [new BadRequest({ ...call, status: 400, errors: [] }), 400],
    [new BadRequest({ ...call, status: 409, errors: [] }), 409],
    [new Unauthorized({ ...call, status: 401 }), 502],
    [new Forbidden({ ...call, status: 403, missingScopes: ["licenses.create"] }), 403],
    [new NotFound({ ...call, status: 404 }), 404],
    [new RateLimited({ ...call, status: 429, retryAfterMs: 2_500 }), 429],
    [new ServerError({ ...call, status: 503 }), 502],
    [new Timeout({ ...call, scope: "total", timeoutMs: 25_000 }), 504],
    [new NetworkError({ ...call, phase: "connect" }), 502],
    [new DecodeError({ ...call, path: "$", issues: [] }), 502],
  ];

  it.each(cases)("%s answers %i", (error, status) => {
    const problem = problemFromError(error);
    expect(problem.status).toBe(status);
    expect(problem.code).toBe(error._tag);
    expect(problem.operationId).toBe("getImage");
  });

  it("carries field issues, missing scopes and Retry-After in seconds", () => {
    expect(problemFromError(cases[0]![0]).errors).toEqual([{ message: "bad", path: "id", code: "invalid" }]);
    expect(problemFromError(cases[4]![0]).errors?.[0]?.message).toContain("licenses.create");
    expect(problemFromError(cases[6]![0]).retryAfter).toBe(3);
  });
});
