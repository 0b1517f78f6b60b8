// What `huaweicloud-image-search/v2/operations` exports: each Image Search v2 operation's contract on
// its own, for createImageSearchV2ClientFor (an app that imports some contracts bundles their
// validators and no others); the table of them all, and the spec's servers.
export * from "../../generated/image-search-v2.operations.js";
