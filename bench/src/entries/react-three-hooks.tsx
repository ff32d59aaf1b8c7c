// A front end with three hooks of @shutterkit/react (search, image details, similar images) under
// its provider, as issue 20's React row asks. React and TanStack Query are external. The hooks are
// today's names; packages/react's rewrite (query-option factories per operation) may rename them.
import { ShutterkitProvider, useImageDetails, useSearchImages, useSimilarImages } from "@shutterkit/react";
import { useState } from "react";

/** What the gallery reads of an image (annotated, so the entry type-checks against either hook version). */
interface Shown {
  readonly id: string;
  readonly description?: string | undefined;
}

const Gallery = () => {
  const [selected, setSelected] = useState<string | undefined>(undefined);
  const search = useSearchImages({ query: "cat", per_page: 20 });
  const details = useImageDetails(selected);
  const similar = useSimilarImages(selected);
  return (
    <main>
      <ul>
        {search.data?.data.map((image: Shown) => (
          <li key={image.id}>
            <button type="button" onClick={() => setSelected(image.id)}>
              {image.description}
            </button>
          </li>
        ))}
      </ul>
      <p>{details.data?.description}</p>
      <p>{similar.data?.data.length ?? 0} similar</p>
    </main>
  );
};

/** The app, talking to an edge proxy of the API that holds the credentials. */
export const App = () => (
  <ShutterkitProvider config={{ baseUrl: "/api/shutterstock" }}>
    <Gallery />
  </ShutterkitProvider>
);
