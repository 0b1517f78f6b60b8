// What `huaweicloud-image-search/operations` exports: each Image Search operation's contract on its
// own, for createImageSearchClientFor (an app that imports some contracts bundles their validators and
// no others); the table of them all, and the spec's servers.
export * from "../../generated/image-search.operations.js";
