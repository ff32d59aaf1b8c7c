// Entry for Vercel's edge-runtime: a service-worker style fetch listener.
import { handle } from "./handler.ts";

interface FetchEventLike extends Event {
  readonly request: Request;
  respondWith(response: Promise<Response>): void;
}

addEventListener("fetch", (event) => {
  const fetchEvent = event as FetchEventLike;
  fetchEvent.respondWith(handle(fetchEvent.request));
});
