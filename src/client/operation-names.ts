// The input and result types by name, as callers import them (docs/client.md). Derived from the
// generated types; an operation the spec adds is typed through OperationInput<Id> and
// OperationResult<Id> without a name here.
import type { OperationInput, OperationResult } from "./image-search.js";

export type CreateInstanceInput = OperationInput<"createInstance">;
export type CreateInstanceResult = OperationResult<"createInstance">;
export type GetInstanceInput = OperationInput<"getInstance">;
export type GetInstanceResult = OperationResult<"getInstance">;
export type DeleteInstanceInput = OperationInput<"deleteInstance">;
export type DeleteInstanceResult = OperationResult<"deleteInstance">;
export type AddImageInput = OperationInput<"addImage">;
export type AddImageResult = OperationResult<"addImage">;
export type SearchImagesInput = OperationInput<"searchImages">;
export type SearchImagesResult = OperationResult<"searchImages">;
export type CheckImageInput = OperationInput<"checkImage">;
export type CheckImageResult = OperationResult<"checkImage">;
export type ModifyImageInput = OperationInput<"modifyImage">;
export type ModifyImageResult = OperationResult<"modifyImage">;
export type DeleteImageInput = OperationInput<"deleteImage">;
export type DeleteImageResult = OperationResult<"deleteImage">;
