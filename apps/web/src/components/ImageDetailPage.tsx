import { useImageDetails, useSimilarImages } from "@shutterkit/react";
import { AddToCollection } from "./AddToCollection.tsx";
import { ImageGrid } from "./ImageGrid.tsx";
import { Empty, ErrorMessage, Loading } from "./Status.tsx";

export const ImageDetailPage = ({ id }: { id: string }) => {
  const details = useImageDetails(id, { view: "full" });
  const similar = useSimilarImages(id, { per_page: 12 });

  if (details.isLoading) return <Loading label="Loading image…" />;
  if (details.isError) return <ErrorMessage error={details.error} onRetry={() => void details.refetch()} />;
  const image = details.data;
  if (image === undefined) return null;
  const preview = image.assets?.preview_1000 ?? image.assets?.preview;

  return (
    <article className="detail" aria-labelledby="detail-title">
      <div className="detail-media">
        {preview !== undefined && (
          <img
            src={preview.url}
            width={preview.width}
            height={preview.height}
            alt={image.description ?? ""}
          />
        )}
      </div>
      <div className="detail-info">
        <h2 id="detail-title">{image.description ?? `Image ${image.id}`}</h2>
        <dl>
          <dt>ID</dt>
          <dd>{image.id}</dd>
          {image.image_type !== undefined && (
            <>
              <dt>Type</dt>
              <dd>{image.image_type}</dd>
            </>
          )}
          {image.aspect !== undefined && (
            <>
              <dt>Aspect</dt>
              <dd>{image.aspect.toFixed(2)}</dd>
            </>
          )}
          <dt>Contributor</dt>
          <dd>{image.contributor.id}</dd>
        </dl>
        {image.keywords !== undefined && image.keywords.length > 0 && (
          <ul className="keywords" aria-label="Keywords">
            {image.keywords.slice(0, 20).map((keyword) => (
              <li key={keyword}>{keyword}</li>
            ))}
          </ul>
        )}
        <AddToCollection imageId={image.id} />
      </div>
      <section className="detail-similar" aria-labelledby="more-title">
        <h3 id="more-title">More like this</h3>
        {similar.isLoading && <Loading />}
        {similar.isError && <ErrorMessage error={similar.error} />}
        {similar.isSuccess &&
          (similar.data.data.length === 0 ? (
            <Empty>Nothing similar.</Empty>
          ) : (
            <ImageGrid images={similar.data.data.filter((item) => item.id !== id)} label="More like this" />
          ))}
      </section>
    </article>
  );
};
