// What each operation does to the stateful mock's state, and what it answers: a 200 body, or the
// rule (rules.ts) that refuses the call. The answers' fixed parts (result strings, an instance's
// status, domain and default level) come from the spec's named 200 examples, through generated/.

import { examples } from "../../generated/image-search.examples.js";
import type { components } from "../../generated/image-search.js";
import type { RuleName, StatefulLimits } from "./rules.js";
import { hasSearchTerms, searchLibrary } from "./search.js";
import {
  type ImageTags,
  type InstanceDetails,
  imageSize,
  instanceSize,
  type Project,
  type ProjectStore,
  type StoredInstance,
  sizeOf,
} from "./store.js";

type Schemas = components["schemas"];

/** A request the shared policy found valid, as the stateful mock needs it. */
export interface StatefulRequest {
  operationId: string;
  projectId: string;
  /** Path parameters by name, decoded. */
  params: Readonly<Record<string, string>>;
  /** The parsed JSON body, if the operation has one. */
  body: unknown;
}

export type Outcome = { status: "200"; body: unknown } | { rule: RuleName };

export interface State {
  store: ProjectStore;
  limits: StatefulLimits;
  now: () => number;
}

type Handler = (state: State, request: StatefulRequest) => Outcome;

/** `expiredDate` of an instance that never expires, as the spec documents it. */
const NEVER_EXPIRES = -1;

const ok = (body: unknown): Outcome => ({ status: "200", body });
/** The first named 200 example of an operation: the fixed answer of a call that changed the state. */
const success = (operationId: keyof typeof examples): unknown =>
  Object.values(examples[operationId].responses["200"] ?? {})[0];

/** The instance's details once created, from the request and the create example's fixed fields. */
function detailsOf(body: Schemas["CreateInstanceRequest"], now: number): InstanceDetails {
  const template = success("createInstance") as InstanceDetails;
  const level = body.level ?? template.level;
  return {
    instanceName: body.name,
    ...(template.domain === undefined ? {} : { domain: template.domain }),
    ...(body.description === undefined ? {} : { desc: body.description }),
    registerDate: now,
    expiredDate: NEVER_EXPIRES,
    ...(level === undefined ? {} : { level }),
    ...(body.tags === undefined ? {} : { tags: [...body.tags] }),
    ...(template.status === undefined ? {} : { status: template.status }),
  };
}

function createInstance(state: State, { projectId, body }: StatefulRequest): Outcome {
  const request = body as Schemas["CreateInstanceRequest"];
  const project = state.store.open(projectId);
  if (project.instances.has(request.name)) return { rule: "instanceExists" };
  if (project.instances.size >= state.limits.instancesPerProject) return { rule: "capReached" };
  const details = detailsOf(request, state.now());
  const size = sizeOf(details);
  if (project.characters + size > state.limits.charactersPerProject) return { rule: "capReached" };
  project.instances.set(request.name, { details, images: new Map() });
  project.characters += size;
  return ok(details);
}

function getInstance(state: State, { projectId, params }: StatefulRequest): Outcome {
  const found = lookup(state, projectId, params);
  return found ? ok(found.instance.details) : { rule: "unknownInstance" };
}

function deleteInstance(state: State, { projectId, params }: StatefulRequest): Outcome {
  const found = lookup(state, projectId, params);
  if (!found) return { rule: "unknownInstance" };
  const { project, instance, name } = found;
  project.instances.delete(name);
  project.images -= instance.images.size;
  project.characters -= instanceSize(instance);
  return ok(success("deleteInstance"));
}

/** Adds the image, or (inferred) replaces the tags of one the library already holds by that path. */
function addImage(state: State, request: StatefulRequest): Outcome {
  const found = lookup(state, request.projectId, request.params);
  if (!found) return { rule: "unknownInstance" };
  const { path, tags = {} } = request.body as Schemas["AddImageRequest"];
  const isNew = !found.instance.images.has(path);
  if (isNew && found.project.images >= state.limits.imagesPerProject) return { rule: "capReached" };
  return storeImage(state, found, path, tags) ?? ok(success("addImage"));
}

function modifyImage(state: State, request: StatefulRequest): Outcome {
  const found = lookup(state, request.projectId, request.params);
  if (!found) return { rule: "unknownInstance" };
  const { path, tags } = request.body as Schemas["ModifyImageRequest"];
  if (!found.instance.images.has(path)) return { rule: "imageNotFound" };
  return storeImage(state, found, path, tags) ?? ok(success("modifyImage"));
}

function deleteImage(state: State, request: StatefulRequest): Outcome {
  const found = lookup(state, request.projectId, request.params);
  if (!found) return { rule: "unknownInstance" };
  const { path } = request.body as Schemas["ImagePathRequest"];
  if (!path) return { rule: "pathMissing" };
  const { project, instance } = found;
  const previous = instance.images.get(path);
  if (previous === undefined) return { rule: "imageNotFound" };
  instance.images.delete(path);
  project.images -= 1;
  project.characters -= imageSize(path, previous);
  return ok(success("deleteImage"));
}

function checkImage(state: State, request: StatefulRequest): Outcome {
  const found = lookup(state, request.projectId, request.params);
  if (!found) return { rule: "unknownInstance" };
  const { path } = request.body as Schemas["ImagePathRequest"];
  if (!path) return { rule: "pathMissing" };
  return ok({ exist: found.instance.images.has(path) ? "true" : "false" });
}

function searchImages(state: State, request: StatefulRequest): Outcome {
  const found = lookup(state, request.projectId, request.params);
  if (!found) return { rule: "unknownInstance" };
  const query = request.body as Schemas["SearchImagesRequest"];
  if (!hasSearchTerms(query)) return { rule: "nothingToSearchBy" };
  return ok(searchLibrary(found.instance.images, query));
}

/** The operations the stateful mock answers, by operationId; any other is left to the examples. */
export const HANDLERS: Readonly<Record<string, Handler>> = {
  createInstance,
  getInstance,
  deleteInstance,
  addImage,
  checkImage,
  modifyImage,
  deleteImage,
  searchImages,
};

function lookup(
  state: State,
  projectId: string,
  params: Readonly<Record<string, string>>,
): { project: Project; instance: StoredInstance; name: string } | undefined {
  const name = params.instance_name ?? "";
  const project = state.store.find(projectId);
  const instance = project?.instances.get(name);
  return project && instance ? { project, instance, name } : undefined;
}

/** Stores an image's tags, new or replacing; refuses (and stores nothing) past the text cap. */
function storeImage(
  state: State,
  { project, instance }: { project: Project; instance: StoredInstance },
  path: string,
  tags: ImageTags,
): Outcome | undefined {
  const previous = instance.images.get(path);
  const growth = imageSize(path, tags) - (previous === undefined ? 0 : imageSize(path, previous));
  if (project.characters + growth > state.limits.charactersPerProject) return { rule: "capReached" };
  if (previous === undefined) project.images += 1;
  instance.images.set(path, { ...tags });
  project.characters += growth;
  return undefined;
}
