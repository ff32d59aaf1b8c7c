export * from "@shutterkit/node";
