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
  /** What the change means for clients, the line's last words (none for info). */
  consequence: string | undefined;
}

const REFUSED = "requests that were valid are refused";
const REQUESTS_STAY_VALID = "requests that were valid stay valid";
const CLIENTS_REFUSE = "deployed clients refuse responses that use it";
const RESPONSES_STAY_VALID = "responses stay valid for deployed clients";

function rule(level: Level, section: Section | undefined, consequence?: string): Rule {
  return { level, section, consequence };
}
const breaking = (section: Section, consequence: string) => rule("breaking", section, consequence);
const nonBreaking = (section: Section, consequence: string) => rule("non-breaking", section, consequence);
const info = () => rule("info", undefined);

export const RULES = {
  // Operations and security.
  "operation-removed": breaking("Removed", "calls to it fail"),
  "operation-added": nonBreaking("Added", "nothing that worked changes"),
  "operation-id-changed": nonBreaking(
    "Changed",
    "the same request on the wire; a regenerated client names the method anew",
  ),
  deprecated: nonBreaking("Deprecated", "it still works; clients should move off it"),
  "deprecation-withdrawn": nonBreaking("Changed", "it stays supported"),
  "security-narrowed": breaking("Changed", "clients that authenticate that way are refused"),
  "security-widened": nonBreaking("Changed", "clients may also authenticate that way"),
  "security-scheme-changed": breaking("Changed", "clients send the credential the old way"),

  // Parameters, in path, query, header and cookie.
  "request-parameter-added-required": breaking("Added", "requests without it are refused"),
  "request-parameter-added-optional": nonBreaking("Added", REQUESTS_STAY_VALID),
  "request-parameter-removed": breaking("Removed", "clients that send it lose what it did"),
  "request-parameter-became-required": breaking("Changed", "requests without it are refused"),
  "request-parameter-became-optional": nonBreaking("Changed", REQUESTS_STAY_VALID),
  "request-parameter-style-changed": breaking("Changed", "clients serialize it the old way"),
  "request-parameter-explode-changed": breaking("Changed", "clients serialize it the old way"),

  // Request bodies.
  "request-body-added-required": breaking("Added", "requests without a body are refused"),
  "request-body-added-optional": nonBreaking("Added", REQUESTS_STAY_VALID),
  "request-body-removed": breaking("Removed", "clients that send a body lose what it did"),
  "request-body-became-required": breaking("Changed", "requests without a body are refused"),
  "request-body-became-optional": nonBreaking("Changed", REQUESTS_STAY_VALID),
  "request-media-type-removed": breaking("Removed", "requests in that media type are refused"),
  "request-media-type-added": nonBreaking("Added", REQUESTS_STAY_VALID),

  // Request schemas: the fields of a request body, and the schemas of parameters.
  "request-property-added-required": breaking("Added", "requests without it are refused"),
  "request-property-added-optional": nonBreaking("Added", REQUESTS_STAY_VALID),
  "request-property-removed": breaking("Removed", "clients that send it lose what it did"),
  "request-property-became-required": breaking("Changed", "requests without it are refused"),
  "request-property-became-optional": nonBreaking("Changed", REQUESTS_STAY_VALID),
  "request-type-changed": breaking("Changed", REFUSED),
  "request-type-narrowed": breaking("Changed", REFUSED),
  "request-type-widened": nonBreaking("Changed", REQUESTS_STAY_VALID),
  "request-nullable-removed": breaking("Changed", "requests that send null are refused"),
  "request-nullable-added": nonBreaking("Changed", REQUESTS_STAY_VALID),
  "request-enum-added": breaking("Changed", REFUSED),
  "request-enum-removed": nonBreaking("Changed", REQUESTS_STAY_VALID),
  "request-enum-value-removed": breaking("Changed", "requests that send it are refused"),
  "request-enum-value-added": nonBreaking("Changed", REQUESTS_STAY_VALID),
  "request-pattern-added": breaking("Changed", REFUSED),
  "request-pattern-changed": breaking("Changed", REFUSED),
  "request-pattern-removed": nonBreaking("Changed", REQUESTS_STAY_VALID),
  "request-constraint-tightened": breaking("Changed", REFUSED),
  "request-constraint-loosened": nonBreaking("Changed", REQUESTS_STAY_VALID),
  "request-additional-properties-narrowed": breaking("Changed", REFUSED),
  "request-additional-properties-widened": nonBreaking("Changed", REQUESTS_STAY_VALID),
  "request-alternative-removed": breaking("Changed", REFUSED),
  "request-alternative-added": nonBreaking("Changed", REQUESTS_STAY_VALID),
  "request-default-changed": breaking("Changed", "clients that leave it out get another value"),
  "request-default-added": nonBreaking("Changed", REQUESTS_STAY_VALID),

  // Responses and their headers.
  "response-success-status-added": breaking("Added", "deployed clients refuse a status they do not know"),
  "response-success-status-removed": breaking("Removed", "clients built to read it never get it"),
  "response-error-status-added": nonBreaking(
    "Added",
    "deployed clients report it as an unexpected response, as any undocumented error",
  ),
  "response-error-status-removed": nonBreaking("Removed", RESPONSES_STAY_VALID),
  "response-body-removed": breaking("Removed", "deployed clients refuse an answer without a body"),
  "response-body-added": nonBreaking("Added", RESPONSES_STAY_VALID),
  "response-media-type-added": breaking("Added", "deployed clients refuse a body they cannot read"),
  "response-media-type-removed": nonBreaking("Removed", RESPONSES_STAY_VALID),
  "response-header-removed": breaking("Removed", "clients that read it find it gone"),
  "response-header-added": nonBreaking("Added", RESPONSES_STAY_VALID),
  "response-header-became-optional": breaking("Changed", "clients that read it may find it gone"),
  "response-header-became-required": nonBreaking("Changed", RESPONSES_STAY_VALID),

  // Response schemas: the fields of a response body, and the schemas of response headers.
  "response-property-removed": breaking("Removed", "clients that read it find it gone"),
  "response-property-added": nonBreaking("Added", RESPONSES_STAY_VALID),
  "response-property-added-to-closed-schema": breaking(
    "Added",
    "deployed clients refuse a property their schema forbids",
  ),
  "response-property-became-optional": breaking("Changed", "deployed clients refuse responses without it"),
  "response-property-became-required": nonBreaking("Changed", RESPONSES_STAY_VALID),
  "response-type-changed": breaking("Changed", CLIENTS_REFUSE),
  "response-type-widened": breaking("Changed", CLIENTS_REFUSE),
  "response-type-narrowed": nonBreaking("Changed", RESPONSES_STAY_VALID),
  "response-nullable-added": breaking("Changed", "deployed clients refuse responses that carry null"),
  "response-nullable-removed": nonBreaking("Changed", RESPONSES_STAY_VALID),
  "response-enum-removed": breaking("Changed", CLIENTS_REFUSE),
  "response-enum-added": nonBreaking("Changed", RESPONSES_STAY_VALID),
  "response-enum-value-added": breaking("Changed", "deployed clients refuse responses that carry it"),
  "response-enum-value-removed": nonBreaking("Changed", RESPONSES_STAY_VALID),
  "response-pattern-removed": breaking("Changed", CLIENTS_REFUSE),
  "response-pattern-changed": breaking("Changed", CLIENTS_REFUSE),
  "response-pattern-added": nonBreaking("Changed", RESPONSES_STAY_VALID),
  "response-constraint-loosened": breaking("Changed", CLIENTS_REFUSE),
  "response-constraint-tightened": nonBreaking("Changed", RESPONSES_STAY_VALID),
  "response-additional-properties-widened": breaking("Changed", CLIENTS_REFUSE),
  "response-additional-properties-narrowed": nonBreaking("Changed", RESPONSES_STAY_VALID),
  "response-alternative-added": breaking("Changed", CLIENTS_REFUSE),
  "response-alternative-removed": nonBreaking("Changed", RESPONSES_STAY_VALID),
  "response-default-changed": nonBreaking("Changed", RESPONSES_STAY_VALID),

  // What no other rule judges, and the components no operation uses.
  "unjudged-change": breaking(
    "Changed",
    "no rule judges this change, so the gate cannot call it safe: review it",
  ),

  "component-edited": nonBreaking(
    "Changed",
    "no operation uses it: no request or response changes, only the generated types",
  ),

  // Documentation: info, never in the changelog.
  "description-edited": info(),
  "example-edited": info(),
  "extension-edited": info(),
  "document-edited": info(),
} as const satisfies Record<string, Rule>;

export type RuleId = keyof typeof RULES;

/** Which way a request's or a response's data travel, and so which way its changes are judged. */
export type Direction = "request" | "response";
