// Every rule the diff judges a change by: its id, its level and the words its lines end with.
//
// Requests and responses are judged the opposite way round. A request rule is breaking when a request
// that was valid may now be refused; a response rule is breaking when a response may now carry what a
// deployed client refuses, since the client checks every response against the spec's schema. Schema
// rules therefore come in pairs, `request-…` and `response-…`, one per direction of the change.

export type Level = "breaking" | "non-breaking" | "info";
/** Where a change goes in a Keep a Changelog entry; info goes in none. */
export type Section = "Added" | "Changed" | "Deprecated" | "Removed";

export interface Rule {
  level: Level;
  section: Section | undefined;
  family: string;
  /** What the change means for clients, the line's last words (none for info). */
  consequence: string | undefined;
}

const REFUSED = "requests that were valid are refused";
const REQUESTS_STAY_VALID = "requests that were valid stay valid";
const CLIENTS_REFUSE = "deployed clients refuse responses that use it";
const RESPONSES_STAY_VALID = "responses stay valid for deployed clients";

function rule(level: Level, section: Section | undefined, family: string, consequence?: string): Rule {
  return { level, section, family, consequence };
}
const breaking = (section: Section, family: string, consequence: string) =>
  rule("breaking", section, family, consequence);
const nonBreaking = (section: Section, family: string, consequence: string) =>
  rule("non-breaking", section, family, consequence);
const info = (family: string) => rule("info", undefined, family);

const OPERATIONS = "operations and paths";
const PARAMETERS = "parameters";
const BODIES = "request bodies";
const RESPONSES = "responses";

export const RULES = {
  "operation-removed": breaking("Removed", OPERATIONS, "calls to it fail"),
  "operation-added": nonBreaking("Added", OPERATIONS, "nothing that worked changes"),
  "operation-id-changed": nonBreaking(
    "Changed",
    OPERATIONS,
    "the same request on the wire; a regenerated client names the method anew",
  ),
  deprecated: nonBreaking("Deprecated", OPERATIONS, "it still works; clients should move off it"),
  "deprecation-withdrawn": nonBreaking("Changed", OPERATIONS, "it stays supported"),
  "security-narrowed": breaking("Changed", OPERATIONS, "clients that authenticate that way are refused"),
  "security-widened": nonBreaking("Changed", OPERATIONS, "clients may also authenticate that way"),
  "security-scheme-changed": breaking("Changed", OPERATIONS, "clients send the credential the old way"),

  "request-parameter-added-required": breaking("Added", PARAMETERS, "requests without it are refused"),
  "request-parameter-added-optional": nonBreaking("Added", PARAMETERS, REQUESTS_STAY_VALID),
  "request-parameter-removed": breaking("Removed", PARAMETERS, "clients that send it lose what it did"),
  "request-parameter-became-required": breaking("Changed", PARAMETERS, "requests without it are refused"),
  "request-parameter-became-optional": nonBreaking("Changed", PARAMETERS, REQUESTS_STAY_VALID),
  "request-parameter-style-changed": breaking("Changed", PARAMETERS, "clients serialize it the old way"),
  "request-parameter-explode-changed": breaking("Changed", PARAMETERS, "clients serialize it the old way"),

  "request-body-added-required": breaking("Added", BODIES, "requests without a body are refused"),
  "request-body-added-optional": nonBreaking("Added", BODIES, REQUESTS_STAY_VALID),
  "request-body-removed": breaking("Removed", BODIES, "clients that send a body lose what it did"),
  "request-body-became-required": breaking("Changed", BODIES, "requests without a body are refused"),
  "request-body-became-optional": nonBreaking("Changed", BODIES, REQUESTS_STAY_VALID),
  "request-media-type-removed": breaking("Removed", BODIES, "requests in that media type are refused"),
  "request-media-type-added": nonBreaking("Added", BODIES, REQUESTS_STAY_VALID),

  "request-property-added-required": breaking("Added", BODIES, "requests without it are refused"),
  "request-property-added-optional": nonBreaking("Added", BODIES, REQUESTS_STAY_VALID),
  "request-property-removed": breaking("Removed", BODIES, "clients that send it lose what it did"),
  "request-property-became-required": breaking("Changed", BODIES, "requests without it are refused"),
  "request-property-became-optional": nonBreaking("Changed", BODIES, REQUESTS_STAY_VALID),
  "request-type-changed": breaking("Changed", BODIES, REFUSED),
  "request-type-narrowed": breaking("Changed", BODIES, REFUSED),
  "request-type-widened": nonBreaking("Changed", BODIES, REQUESTS_STAY_VALID),
  "request-nullable-removed": breaking("Changed", BODIES, "requests that send null are refused"),
  "request-nullable-added": nonBreaking("Changed", BODIES, REQUESTS_STAY_VALID),
  "request-enum-added": breaking("Changed", BODIES, REFUSED),
  "request-enum-removed": nonBreaking("Changed", BODIES, REQUESTS_STAY_VALID),
  "request-enum-value-removed": breaking("Changed", BODIES, "requests that send it are refused"),
  "request-enum-value-added": nonBreaking("Changed", BODIES, REQUESTS_STAY_VALID),
  "request-pattern-added": breaking("Changed", BODIES, REFUSED),
  "request-pattern-changed": breaking("Changed", BODIES, REFUSED),
  "request-pattern-removed": nonBreaking("Changed", BODIES, REQUESTS_STAY_VALID),
  "request-constraint-tightened": breaking("Changed", BODIES, REFUSED),
  "request-constraint-loosened": nonBreaking("Changed", BODIES, REQUESTS_STAY_VALID),
  "request-additional-properties-narrowed": breaking("Changed", BODIES, REFUSED),
  "request-additional-properties-widened": nonBreaking("Changed", BODIES, REQUESTS_STAY_VALID),
  "request-alternative-removed": breaking("Changed", BODIES, REFUSED),
  "request-alternative-added": nonBreaking("Changed", BODIES, REQUESTS_STAY_VALID),
  "request-default-changed": breaking("Changed", BODIES, "clients that leave it out get another value"),
  "request-default-added": nonBreaking("Changed", BODIES, REQUESTS_STAY_VALID),

  "response-success-status-added": breaking(
    "Added",
    RESPONSES,
    "deployed clients refuse a status they do not know",
  ),
  "response-success-status-removed": breaking("Removed", RESPONSES, "clients built to read it never get it"),
  "response-error-status-added": nonBreaking(
    "Added",
    RESPONSES,
    "deployed clients report it as an unexpected response, as any undocumented error",
  ),
  "response-error-status-removed": nonBreaking("Removed", RESPONSES, RESPONSES_STAY_VALID),
  "response-body-removed": breaking("Removed", RESPONSES, "deployed clients refuse an answer without a body"),
  "response-body-added": nonBreaking("Added", RESPONSES, RESPONSES_STAY_VALID),
  "response-media-type-added": breaking(
    "Added",
    RESPONSES,
    "deployed clients refuse a body they cannot read",
  ),
  "response-media-type-removed": nonBreaking("Removed", RESPONSES, RESPONSES_STAY_VALID),
  "response-header-removed": breaking("Removed", RESPONSES, "clients that read it find it gone"),
  "response-header-added": nonBreaking("Added", RESPONSES, RESPONSES_STAY_VALID),
  "response-header-became-optional": breaking("Changed", RESPONSES, "clients that read it may find it gone"),
  "response-header-became-required": nonBreaking("Changed", RESPONSES, RESPONSES_STAY_VALID),

  "response-property-removed": breaking("Removed", RESPONSES, "clients that read it find it gone"),
  "response-property-added": nonBreaking("Added", RESPONSES, RESPONSES_STAY_VALID),
  "response-property-added-to-closed-schema": breaking(
    "Added",
    RESPONSES,
    "deployed clients refuse a property their schema forbids",
  ),
  "response-property-became-optional": breaking(
    "Changed",
    RESPONSES,
    "deployed clients refuse responses without it",
  ),
  "response-property-became-required": nonBreaking("Changed", RESPONSES, RESPONSES_STAY_VALID),
  "response-type-changed": breaking("Changed", RESPONSES, CLIENTS_REFUSE),
  "response-type-widened": breaking("Changed", RESPONSES, CLIENTS_REFUSE),
  "response-type-narrowed": nonBreaking("Changed", RESPONSES, RESPONSES_STAY_VALID),
  "response-nullable-added": breaking(
    "Changed",
    RESPONSES,
    "deployed clients refuse responses that carry null",
  ),
  "response-nullable-removed": nonBreaking("Changed", RESPONSES, RESPONSES_STAY_VALID),
  "response-enum-removed": breaking("Changed", RESPONSES, CLIENTS_REFUSE),
  "response-enum-added": nonBreaking("Changed", RESPONSES, RESPONSES_STAY_VALID),
  "response-enum-value-added": breaking(
    "Changed",
    RESPONSES,
    "deployed clients refuse responses that carry it",
  ),
  "response-enum-value-removed": nonBreaking("Changed", RESPONSES, RESPONSES_STAY_VALID),
  "response-pattern-removed": breaking("Changed", RESPONSES, CLIENTS_REFUSE),
  "response-pattern-changed": breaking("Changed", RESPONSES, CLIENTS_REFUSE),
  "response-pattern-added": nonBreaking("Changed", RESPONSES, RESPONSES_STAY_VALID),
  "response-constraint-loosened": breaking("Changed", RESPONSES, CLIENTS_REFUSE),
  "response-constraint-tightened": nonBreaking("Changed", RESPONSES, RESPONSES_STAY_VALID),
  "response-additional-properties-widened": breaking("Changed", RESPONSES, CLIENTS_REFUSE),
  "response-additional-properties-narrowed": nonBreaking("Changed", RESPONSES, RESPONSES_STAY_VALID),
  "response-alternative-added": breaking("Changed", RESPONSES, CLIENTS_REFUSE),
  "response-alternative-removed": nonBreaking("Changed", RESPONSES, RESPONSES_STAY_VALID),
  "response-default-changed": nonBreaking("Changed", RESPONSES, RESPONSES_STAY_VALID),

  "unjudged-change": breaking(
    "Changed",
    "any",
    "no rule judges this change, so the gate cannot call it safe: review it",
  ),

  "component-edited": nonBreaking(
    "Changed",
    "components",
    "no operation uses it: no request or response changes, only the generated types",
  ),

  "description-edited": info("documentation"),
  "example-edited": info("documentation"),
  "extension-edited": info("documentation"),
  "document-edited": info("documentation"),
} as const satisfies Record<string, Rule>;

export type RuleId = keyof typeof RULES;

/** The schema rules' names without their direction: `request-${SchemaRule}` and `response-${SchemaRule}`. */
export type Direction = "request" | "response";
