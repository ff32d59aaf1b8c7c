// The page both sides render: the server into HTML with prefetched data, the browser by hydrating
// that HTML from the dehydrated cache. Same tree, same keys, so hydration needs no request.
import type { ShutterstockClient } from "@shutterkit/core";
import { type DehydratedState, HydrationBoundary, type QueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { ShutterkitProvider, useImageDetails, useInfiniteSearchImages } from "../../src/index.ts";

export const SEARCH = { query: "circle", per_page: 3 } as const;

const Results = () => {
  const search = useInfiniteSearchImages(SEARCH);
  const images = search.data?.pages.flatMap((page) => page.data) ?? [];
  return (
    <section>
      <ul aria-label="Results">
        {images.map((image) => (
          <li key={image.id}>{image.description}</li>
        ))}
      </ul>
      <button type="button" disabled={!search.hasNextPage} onClick={() => void search.fetchNextPage()}>
        Load more
      </button>
    </section>
  );
};

const Details = ({ id }: { id: string }) => {
  const details = useImageDetails(id);
  return <h1 id="title">{details.data?.description ?? "…"}</h1>;
};

export interface PageProps {
  readonly client: ShutterstockClient;
  readonly queryClient: QueryClient;
  readonly state: DehydratedState;
  readonly imageId: string;
  /** Called once the tree is live (after hydration in the browser). */
  readonly onReady?: () => void;
}

const Ready = ({ onReady }: { onReady: (() => void) | undefined }) => {
  useEffect(() => onReady?.(), [onReady]);
  return null;
};

export const Page = ({ client, queryClient, state, imageId, onReady }: PageProps) => (
  <ShutterkitProvider client={client} queryClient={queryClient}>
    <HydrationBoundary state={state}>
      <Details id={imageId} />
      <Results />
      <Ready onReady={onReady} />
    </HydrationBoundary>
  </ShutterkitProvider>
);
