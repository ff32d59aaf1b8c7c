export * from "@shutterkit/core";
