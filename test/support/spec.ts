// The spec the suite runs on. Everything else about it is read from the parsed spec itself
// (scripts/contract.ts), so the tests never restate a schema.
export const SPEC_PATH = "spec/image-search.openapi.yaml";
