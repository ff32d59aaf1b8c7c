import { useSimilarImages, useUploadImage } from "@shutterkit/react";
import { type DragEvent, useEffect, useId, useState } from "react";
import { ImageGrid } from "./ImageGrid.tsx";
import { Empty, ErrorMessage, Loading } from "./Status.tsx";

const accepted = ["image/jpeg", "image/png"];

export const SimilarPage = () => {
  const inputId = useId();
  const upload = useUploadImage();
  const similar = useSimilarImages(upload.data?.upload_id, { per_page: 24, view: "full" });
  const [preview, setPreview] = useState<string>();
  const [dragging, setDragging] = useState(false);
  const [rejected, setRejected] = useState<string>();

  useEffect(() => () => (preview === undefined ? undefined : URL.revokeObjectURL(preview)), [preview]);

  const choose = (file: File | undefined) => {
    if (file === undefined) return;
    if (!accepted.includes(file.type)) {
      setRejected(`${file.name} is not a JPEG or PNG picture.`);
      return;
    }
    setRejected(undefined);
    setPreview(URL.createObjectURL(file));
    upload.mutate(file);
  };

  const onDrop = (event: DragEvent<HTMLLabelElement>) => {
    event.preventDefault();
    setDragging(false);
    choose(event.dataTransfer.files[0]);
  };

  return (
    <section aria-labelledby="similar-title">
      <h2 id="similar-title">Find similar images</h2>
      <label
        htmlFor={inputId}
        className={dragging ? "dropzone dragging" : "dropzone"}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        {preview === undefined ? (
          <span>Drop a JPEG or PNG here, or choose one</span>
        ) : (
          <img src={preview} alt="What you uploaded" className="upload-preview" />
        )}
        <input
          id={inputId}
          type="file"
          accept={accepted.join(",")}
          onChange={(event) => choose(event.currentTarget.files?.[0])}
        />
      </label>
      {rejected !== undefined && <ErrorMessage error={new Error(rejected)} />}
      {upload.isPending && <Loading label="Uploading…" />}
      {upload.isError && <ErrorMessage error={upload.error} />}
      {similar.isLoading && <Loading label="Looking for similar images…" />}
      {similar.isError && <ErrorMessage error={similar.error} onRetry={() => void similar.refetch()} />}
      {similar.isSuccess &&
        (similar.data.data.length === 0 ? (
          <Empty>No similar images found.</Empty>
        ) : (
          <ImageGrid images={similar.data.data} label="Similar images" />
        ))}
    </section>
  );
};
