export * from "@shutterkit/edge";
