// What `huaweicloud-image-search/operations` exports: each operation's contract on its own, named by its
// operationId, for createImageSearchClientFor; and the tables of them all. An app that imports some
// contracts bundles their validators and no others.
export * from "../../generated/image-search.validators.js";
