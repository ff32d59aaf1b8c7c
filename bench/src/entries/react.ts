export * from "@shutterkit/react";
