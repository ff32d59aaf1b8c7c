// The search page both benchmarks use: images shaped like the API's, as JSON text.

const image = (id: number) => ({
  id: String(id),
  media_type: "image",
  description: `A generated picture number ${id}`,
  contributor: { id: "42" },
  aspect: 1.5,
  image_type: "photo",
  has_model_release: false,
  assets: {
    preview: { url: `http://127.0.0.1/preview/${id}.jpg`, width: 450, height: 300 },
    small_thumb: { url: `http://127.0.0.1/thumb/${id}.jpg`, width: 100, height: 67 },
    large_thumb: { url: `http://127.0.0.1/large/${id}.jpg`, width: 150, height: 100 },
  },
  keywords: ["generated", "picture", "bench"],
});

/** A first search page of `size` images out of 100,000, as the server would send it. */
export const searchPageJson = (size: number): string =>
  JSON.stringify({
    data: Array.from({ length: size }, (_, index) => image(index + 1)),
    page: 1,
    per_page: size,
    total_count: 100_000,
    search_id: "bench",
  });
