// What the stateful mock remembers: per project id, its instances and each instance's image library.
// The number of projects is bounded by forgetting the least recently used one; what one project holds
// is bounded by the caller, which refuses a call past a cap before it stores anything.
import type { components } from "../../generated/image-search.js";

export type InstanceDetails = components["schemas"]["InstanceDetails"];
export type ImageTags = components["schemas"]["ImageTags"];

export interface StoredInstance {
  details: InstanceDetails;
  /** The library: tags by image path, in the order the images were first added. */
  images: Map<string, ImageTags>;
}

export interface Project {
  instances: Map<string, StoredInstance>;
  /** Images held across the project's instances. */
  images: number;
  /** Characters of stored text (see `sizeOf`) held across the project's instances. */
  characters: number;
}

/** The stored size of a value: the length of its JSON, a fair measure of what it costs to keep. */
export function sizeOf(value: unknown): number {
  return JSON.stringify(value).length;
}

export function imageSize(path: string, tags: ImageTags): number {
  return path.length + sizeOf(tags);
}

/** The size an instance takes in its project, its library included. */
export function instanceSize(instance: StoredInstance): number {
  let size = sizeOf(instance.details);
  for (const [path, tags] of instance.images) size += imageSize(path, tags);
  return size;
}

export class ProjectStore {
  // A Map iterates in insertion order: re-inserting a project on use keeps the oldest use first.
  private readonly projects = new Map<string, Project>();

  constructor(private readonly maxProjects: number) {}

  /** The project's state if the mock holds it (a read never creates one), marked as just used. */
  find(projectId: string): Project | undefined {
    const project = this.projects.get(projectId);
    if (project) this.touch(projectId, project);
    return project;
  }

  /** The project's state, created empty if need be; past the cap the least recently used is dropped. */
  open(projectId: string): Project {
    const project = this.find(projectId) ?? { instances: new Map(), images: 0, characters: 0 };
    this.touch(projectId, project);
    for (const oldest of this.projects.keys()) {
      if (this.projects.size <= this.maxProjects) break;
      this.projects.delete(oldest);
    }
    return project;
  }

  /** Forgets one project, or every project. */
  reset(projectId?: string): void {
    if (projectId === undefined) this.projects.clear();
    else this.projects.delete(projectId);
  }

  /** How many projects the mock holds now. */
  get size(): number {
    return this.projects.size;
  }

  private touch(projectId: string, project: Project): void {
    this.projects.delete(projectId);
    this.projects.set(projectId, project);
  }
}
