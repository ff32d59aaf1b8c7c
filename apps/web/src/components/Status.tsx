import type { ShutterstockError } from "@shutterkit/core";

export const Loading = ({ label = "Loading…" }: { label?: string }) => (
  <p className="status" role="status" aria-live="polite">
    <span className="spinner" aria-hidden="true" />
    {label}
  </p>
);

export const Empty = ({ children }: { children: string }) => (
  <p className="status empty" role="status">
    {children}
  </p>
);

const explain = (error: ShutterstockError): string => {
  switch (error._tag) {
    case "Unauthorized":
    case "Forbidden":
      return "This needs a signed-in Shutterstock user; the proxy did not provide one.";
    case "NotFound":
      return "Not found.";
    case "RateLimited":
      return "Too many requests; wait a moment and try again.";
    case "NetworkError":
    case "Timeout":
      return "The service could not be reached.";
    default:
      return error.message;
  }
};

export const ErrorMessage = ({
  error,
  onRetry,
}: {
  error: ShutterstockError | Error;
  onRetry?: () => void;
}) => (
  <div className="status error" role="alert">
    <p>
      <strong>{"_tag" in error ? error._tag : "Error"}</strong>:{" "}
      {"_tag" in error ? explain(error) : error.message}
    </p>
    {onRetry !== undefined && (
      <button type="button" onClick={onRetry}>
        Try again
      </button>
    )}
  </div>
);
