import { useInfiniteSearchImages } from "@shutterkit/react";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { ImageGrid } from "./ImageGrid.tsx";
import { Empty, ErrorMessage, Loading } from "./Status.tsx";

type Orientation = "" | "horizontal" | "vertical";
type ImageType = "" | "photo" | "illustration" | "vector";
type Sort = "relevance" | "popular" | "newest" | "random";

interface Filters {
  readonly query: string;
  readonly orientation: Orientation;
  readonly imageType: ImageType;
  readonly color: string;
  readonly sort: Sort;
}

const initial: Filters = { query: "", orientation: "", imageType: "", color: "", sort: "relevance" };

/**
 * Calls `onVisible` while the returned element is on screen. The observer is renewed whenever
 * `generation` changes (a page arrived), because an element that never left the screen reports
 * no new intersection: a first page too short to scroll would otherwise never load the second.
 */
const useOnVisible = (onVisible: () => void, generation: unknown) => {
  const ref = useRef<HTMLDivElement>(null);
  const callback = useRef(onVisible);
  callback.current = onVisible;
  // biome-ignore lint/correctness/useExhaustiveDependencies: generation is the re-observe trigger
  useEffect(() => {
    const element = ref.current;
    if (element === null) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) callback.current();
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [generation]);
  return ref;
};

export const SearchPage = () => {
  const [draft, setDraft] = useState<Filters>(initial);
  const [applied, setApplied] = useState<Filters>();
  const search = useInfiniteSearchImages(
    {
      query: applied?.query ?? "",
      per_page: 24,
      sort: applied?.sort,
      orientation: applied?.orientation || undefined,
      image_type: applied?.imageType ? [applied.imageType] : undefined,
      color: applied?.color ? applied.color.replace(/^#/, "").toUpperCase() : undefined,
    },
    { enabled: applied !== undefined },
  );
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = search;
  const sentinel = useOnVisible(
    () => {
      if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
    },
    `${search.data?.pages.length ?? 0}:${isFetchingNextPage}`,
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setApplied(draft);
  };
  const images = search.data?.pages.flatMap((page) => page.data) ?? [];
  const total = search.data?.pages[0]?.total_count;

  return (
    <section aria-labelledby="search-title">
      <h2 id="search-title">Search</h2>
      <search>
        <form className="search" onSubmit={submit}>
          <label className="grow">
            <span className="visually-hidden">Keywords</span>
            <input
              type="search"
              name="query"
              placeholder="Keywords, e.g. beach"
              value={draft.query}
              onChange={(event) => setDraft({ ...draft, query: event.currentTarget.value })}
            />
          </label>
          <label>
            Orientation
            <select
              name="orientation"
              value={draft.orientation}
              onChange={(event) =>
                setDraft({ ...draft, orientation: event.currentTarget.value as Orientation })
              }
            >
              <option value="">Any</option>
              <option value="horizontal">Horizontal</option>
              <option value="vertical">Vertical</option>
            </select>
          </label>
          <label>
            Type
            <select
              name="image_type"
              value={draft.imageType}
              onChange={(event) => setDraft({ ...draft, imageType: event.currentTarget.value as ImageType })}
            >
              <option value="">Any</option>
              <option value="photo">Photo</option>
              <option value="illustration">Illustration</option>
              <option value="vector">Vector</option>
            </select>
          </label>
          <label>
            Color
            <span className="color">
              <input
                type="color"
                name="color"
                value={draft.color || "#000000"}
                onChange={(event) => setDraft({ ...draft, color: event.currentTarget.value })}
              />
              {draft.color !== "" && (
                <button type="button" onClick={() => setDraft({ ...draft, color: "" })}>
                  Any
                </button>
              )}
            </span>
          </label>
          <label>
            Sort
            <select
              name="sort"
              value={draft.sort}
              onChange={(event) => setDraft({ ...draft, sort: event.currentTarget.value as Sort })}
            >
              <option value="relevance">Relevance</option>
              <option value="popular">Popular</option>
              <option value="newest">Newest</option>
              <option value="random">Random</option>
            </select>
          </label>
          <button type="submit">Search</button>
        </form>
      </search>

      {applied === undefined && <Empty>Type a keyword and press Search.</Empty>}
      {search.isLoading && <Loading label="Searching…" />}
      {search.isError && <ErrorMessage error={search.error} onRetry={() => void search.refetch()} />}
      {search.isSuccess &&
        (images.length === 0 ? (
          <Empty>No images match these filters.</Empty>
        ) : (
          <>
            <p className="count" aria-live="polite">
              Showing {images.length} of {total ?? images.length}
            </p>
            <ImageGrid images={images} label="Search results" />
          </>
        ))}
      <div ref={sentinel} className="sentinel" />
      {isFetchingNextPage && <Loading label="Loading more…" />}
      {hasNextPage && !isFetchingNextPage && (
        <button type="button" className="more" onClick={() => void fetchNextPage()}>
          Load more
        </button>
      )}
    </section>
  );
};
