export * from "@shutterkit/sandbox";
