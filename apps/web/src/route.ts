// Hash routes keep the app a static bundle that any file server can host.
import { useEffect, useState } from "react";

export type Route =
  | { readonly page: "similar" }
  | { readonly page: "search" }
  | { readonly page: "collections"; readonly id?: string }
  | { readonly page: "image"; readonly id: string };

export const parseRoute = (hash: string): Route => {
  const [page, id] = hash.replace(/^#\/?/, "").split("/");
  if (page === "search") return { page: "search" };
  if (page === "collections") return id === undefined || id === "" ? { page } : { page, id };
  if (page === "image" && id !== undefined && id !== "") return { page, id };
  return { page: "similar" };
};

export const href = (route: Route): string =>
  route.page === "image"
    ? `#/image/${route.id}`
    : route.page === "collections" && route.id !== undefined
      ? `#/collections/${route.id}`
      : `#/${route.page}`;

export const useRoute = (): Route => {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener("hashchange", onChange);
    return () => window.removeEventListener("hashchange", onChange);
  }, []);
  return route;
};
