import type { ItemOf } from "@shutterkit/core";
import type { searchImages } from "@shutterkit/core/images";
import { href } from "../route.ts";

export type GridImage = ItemOf<typeof searchImages>;

const thumbnail = (image: GridImage) =>
  image.assets?.large_thumb ?? image.assets?.preview ?? image.assets?.small_thumb;

/** A thumbnail that opens the image's detail view. */
export const ImageLink = ({ image }: { image: GridImage }) => {
  const thumb = thumbnail(image);
  return (
    <a href={href({ page: "image", id: image.id })} aria-label={image.description ?? `Image ${image.id}`}>
      {thumb === undefined ? (
        <span className="placeholder">{image.id}</span>
      ) : (
        <img src={thumb.url} width={thumb.width} height={thumb.height} alt="" loading="lazy" />
      )}
    </a>
  );
};

export const ImageGrid = ({ images, label }: { images: ReadonlyArray<GridImage>; label: string }) => (
  <ul className="grid" aria-label={label}>
    {images.map((image) => (
      <li key={image.id} className="tile">
        <ImageLink image={image} />
      </li>
    ))}
  </ul>
);
