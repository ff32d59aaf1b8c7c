// Answers of the API that the tests' servers send: the smallest an operation's schema accepts.

/** An image as `getImage` answers it. */
export const image = (id: string) => ({
  id,
  media_type: "image",
  description: `image ${id}`,
  contributor: { id: "1" },
  aspect: 1.5,
  image_type: "photo",
  has_model_release: false,
  assets: {},
});
