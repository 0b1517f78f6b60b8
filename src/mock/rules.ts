// The stateful mock's rules where the provider's pages are silent: which documented error answers
// each case the state decides, and how much state the mock keeps. This table is their one home:
// stateful.ts answers by it, docs/stateful-mock.md quotes it. Every entry is the mock's choice.

/** One case the state decides, answered with a named 400 example of the operation's spec. */
export interface StatefulRule {
  /** The name of the 400 example that answers it (its code and message come from the spec). */
  example: string;
  /** Whether the provider's pages pair this case with this code ("Inferred" when not). */
  inferred: boolean;
  /** Why this code: the page that documents it, or why it fits best. */
  basis: string;
}

export const STATEFUL_RULES = {
  unknownInstance: {
    example: "instance-name-invalid",
    inferred: true,
    basis:
      "A call on an instance the project does not hold (never created, or deleted): IS.0007 'Invalid " +
      "instance name' is the code table's only code about instance names.",
  },
  instanceExists: {
    example: "instance-name-invalid",
    inferred: true,
    basis:
      "createInstance with the name of an instance the project already holds: the name is not one a new " +
      "instance may take, and IS.0007 is the code about instance names.",
  },
  pathMissing: {
    example: "path-null",
    inferred: false,
    basis:
      "checkImage or deleteImage without `path` (the schema lets it be absent): the check page's own " +
      "400 example answers a request without it with IS.0003.",
  },
  imageNotFound: {
    example: "path-invalid",
    inferred: true,
    basis:
      "modifyImage or deleteImage of a path the instance's library does not hold: IS.0016 'The path is " +
      "invalid' is the code table's only code about an image's path.",
  },
  nothingToSearchBy: {
    example: "parameter-missing",
    inferred: true,
    basis:
      "searchImages with none of `file`, `path` and `tags` (or only empty ones): IS.0001 'The request " +
      "parameter is missing or empty'.",
  },
  capReached: {
    example: "method-not-permitted",
    inferred: true,
    basis:
      "A call that would take the project past one of the mock's caps (STATEFUL_LIMITS): IS.0011 'The " +
      "user is not allowed to use the request method' is the code table's only code that refuses a user " +
      "a call the request itself gets right.",
  },
} as const satisfies Record<string, StatefulRule>;

export type RuleName = keyof typeof STATEFUL_RULES;

/** How much state the mock keeps, so that its memory stays bounded under any load. */
export interface StatefulLimits {
  /** Projects held at once; beyond it the least recently used project is forgotten. */
  projects: number;
  /** Instances one project may hold (createInstance past it gets `capReached`). */
  instancesPerProject: number;
  /** Images one project may hold across its instances (addImage past it gets `capReached`). */
  imagesPerProject: number;
  /** Characters of stored text (instance details, image paths and tags) one project may hold. */
  charactersPerProject: number;
}

/** The mock's caps, not the provider's: the provider documents no quota for instances or images. */
export const STATEFUL_LIMITS: Readonly<StatefulLimits> = {
  projects: 64,
  instancesPerProject: 20,
  imagesPerProject: 1000,
  charactersPerProject: 1024 * 1024,
};
