// Every rule of tools/diff/rules.ts, each on a spec change of its own: the fixture's base spec
// against the base with one named change (test/fixtures/diff/mutations.ts), or the other way round
// for the rule that judges the reverse change. Each case goes through the command's own entry point,
// `cli()`, and pins every line the report prints (rule and words), the verdict, the exit code, the
// semver bump, and that the client-types section agrees with the verdict.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import type { Change } from "../../../tools/diff/change.js";
import { cli } from "../../../tools/diff/diff.js";
import type { DiffReport } from "../../../tools/diff/report.js";
import { RULES, type RuleId } from "../../../tools/diff/rules.js";
import { type MutationName, writeMutated } from "../../fixtures/diff/mutations.js";

const work = await mkdtemp(join(tmpdir(), "diff-rules-"));
afterAll(() => rm(work, { recursive: true, force: true }));

interface Case {
  /** The rule the case is for. */
  rule: RuleId;
  /** What the case changes: in the head, or in the base when `reversed`. */
  change: MutationName[];
  reversed?: boolean;
  /** Changes made on both sides first. */
  common?: MutationName[];
  /** Every line of the report, by its rule and words it contains (one entry may match several). */
  lines: [RuleId, string][];
}

const c = (
  rule: RuleId,
  change: MutationName | MutationName[],
  lines: [RuleId, string][],
  more: Partial<Case> = {},
): Case => ({
  rule,
  change: Array.isArray(change) ? change : [change],
  lines,
  ...more,
});
const reversed = { reversed: true };

const operations: Case[] = [
  c("operation-removed", "list-instances-removed", [
    ["operation-removed", "listInstances: GET /v1/{project_id}/service removed (calls to it fail)"],
  ]),
  c(
    "operation-added",
    "list-instances-removed",
    [["operation-added", "listInstances: GET /v1/{project_id}/service added"]],
    reversed,
  ),
  c("operation-removed", "image-path-renamed", [
    ["operation-removed", "addImage: POST /v1/{project_id}/{instance_name}/image removed"],
    ["operation-removed", "modifyImage: PUT /v1/{project_id}/{instance_name}/image removed"],
    ["operation-removed", "deleteImage: DELETE /v1/{project_id}/{instance_name}/image removed"],
    ["operation-added", "addImage: POST /v1/{project_id}/{instance_name}/picture added"],
    ["operation-added", "modifyImage: PUT /v1/{project_id}/{instance_name}/picture added"],
    ["operation-added", "deleteImage: DELETE /v1/{project_id}/{instance_name}/picture added"],
  ]),
  c("operation-id-changed", "modify-image-renamed", [
    ["operation-id-changed", "updateImage: operationId changed modifyImage → updateImage"],
  ]),
  c("deprecated", "modify-image-deprecated", [["deprecated", "modifyImage: deprecated (it still works"]]),
  c(
    "deprecation-withdrawn",
    "modify-image-deprecated",
    [["deprecation-withdrawn", "modifyImage: no longer deprecated"]],
    reversed,
  ),
  c("security-narrowed", "modify-image-without-aksk", [
    ["security-narrowed", "modifyImage: security: AkSk no longer accepted"],
  ]),
  c(
    "security-widened",
    "modify-image-without-aksk",
    [["security-widened", "modifyImage: security: AkSk now accepted"]],
    reversed,
  ),
  c("security-scheme-changed", "token-header-renamed", [
    [
      "security-scheme-changed",
      "listInstances, createInstance, getInstance, deleteInstance, modifyImage, addImage, deleteImage, searchImages, checkImage: security: scheme AuthToken changed: apiKey in header X-Auth-Token → apiKey in header X-Token",
    ],
  ]),
  c("unjudged-change", "modify-image-callback", [
    ["unjudged-change", "modifyImage: callbacks added (no rule judges this change"],
  ]),
];

const parameters: Case[] = [
  c("request-parameter-added-required", "list-required-region", [
    [
      "request-parameter-added-required",
      "listInstances: query parameter region: added as required (requests without it are refused)",
    ],
  ]),
  c(
    "request-parameter-removed",
    "list-required-region",
    [["request-parameter-removed", "listInstances: query parameter region: removed"]],
    reversed,
  ),
  c("request-parameter-added-optional", "list-optional-trace-header", [
    ["request-parameter-added-optional", "listInstances: header parameter X-Trace: added as optional"],
  ]),
  c("request-parameter-became-required", "list-limit-required", [
    ["request-parameter-became-required", "listInstances: query parameter limit: became required"],
  ]),
  c(
    "request-parameter-became-optional",
    "list-limit-required",
    [["request-parameter-became-optional", "listInstances: query parameter limit: became optional"]],
    reversed,
  ),
  c("request-parameter-became-required", "list-request-id-required", [
    ["request-parameter-became-required", "listInstances: header parameter X-Request-Id: became required"],
  ]),
  c("request-parameter-style-changed", "list-name-space-delimited", [
    [
      "request-parameter-style-changed",
      "listInstances: query parameter name: style changed form → spaceDelimited",
    ],
  ]),
  c("request-parameter-explode-changed", "list-status-not-exploded", [
    [
      "request-parameter-explode-changed",
      "listInstances: query parameter status: explode changed true → false",
    ],
  ]),
  c("request-pattern-added", "instance-name-pattern", [
    [
      "request-pattern-added",
      "getInstance, deleteInstance, modifyImage, addImage, deleteImage, searchImages, checkImage: path parameter instance_name: pattern ^[a-z][a-z0-9_-]*$ added (requests that were valid are refused)",
    ],
  ]),
  c(
    "request-pattern-removed",
    "instance-name-pattern",
    [
      [
        "request-pattern-removed",
        "getInstance, deleteInstance, modifyImage, addImage, deleteImage, searchImages, checkImage: path parameter instance_name: pattern ^[a-z][a-z0-9_-]*$ removed",
      ],
    ],
    reversed,
  ),
  c("request-constraint-tightened", "list-limit-maximum-50", [
    [
      "request-constraint-tightened",
      "listInstances: query parameter limit: maximum lowered 100 → 50 (requests that were valid are refused)",
    ],
  ]),
  c(
    "request-constraint-loosened",
    "list-limit-maximum-50",
    [["request-constraint-loosened", "listInstances: query parameter limit: maximum raised 50 → 100"]],
    reversed,
  ),
  c("request-constraint-tightened", "list-request-id-max-32", [
    [
      "request-constraint-tightened",
      "listInstances: header parameter X-Request-Id: maxLength lowered 64 → 32",
    ],
  ]),
  c("request-enum-value-removed", "list-status-abnormal-removed", [
    ["request-enum-value-removed", 'listInstances: query parameter status: enum value "ABNORMAL" removed'],
  ]),
  c(
    "request-enum-value-added",
    "list-status-abnormal-removed",
    [["request-enum-value-added", 'listInstances: query parameter status: enum value "ABNORMAL" added']],
    reversed,
  ),
  c("request-type-changed", "list-limit-string", [
    ["request-type-changed", "listInstances: query parameter limit: type changed integer (int32) → string"],
  ]),
  c("request-enum-added", "list-name-enum", [
    ["request-enum-added", 'listInstances: query parameter name: restricted to the values "test-instance"'],
  ]),
  c(
    "request-enum-removed",
    "list-name-enum",
    [
      [
        "request-enum-removed",
        "listInstances: query parameter name: no longer restricted to a list of values",
      ],
    ],
    reversed,
  ),
  c("deprecated", "list-offset-deprecated", [
    ["deprecated", "listInstances: query parameter offset: deprecated"],
  ]),
  c("unjudged-change", "list-name-allows-empty", [
    ["unjudged-change", "listInstances: query parameter name: allowEmptyValue added"],
  ]),
];

const requestBodies: Case[] = [
  c("request-body-added-required", "delete-instance-required-body", [
    [
      "request-body-added-required",
      "deleteInstance: request body: added (requests without a body are refused)",
    ],
  ]),
  c(
    "request-body-removed",
    "delete-instance-required-body",
    [["request-body-removed", "deleteInstance: request body: removed"]],
    reversed,
  ),
  c("request-body-added-optional", "delete-instance-optional-body", [
    ["request-body-added-optional", "deleteInstance: request body: added"],
  ]),
  c("request-body-became-optional", "modify-image-body-optional", [
    ["request-body-became-optional", "modifyImage: request body: became optional"],
  ]),
  c(
    "request-body-became-required",
    "modify-image-body-optional",
    [["request-body-became-required", "modifyImage: request body: became required"]],
    reversed,
  ),
  c("request-media-type-added", "modify-image-form-body", [
    [
      "request-media-type-added",
      "modifyImage: request body: media type application/x-www-form-urlencoded added",
    ],
  ]),
  c(
    "request-media-type-removed",
    "modify-image-form-body",
    [
      [
        "request-media-type-removed",
        "modifyImage: request body: media type application/x-www-form-urlencoded removed",
      ],
    ],
    reversed,
  ),
  c("request-property-added-required", "modify-note-required", [
    [
      "request-property-added-required",
      "modifyImage: request body field note: added as required (requests without it are refused)",
    ],
  ]),
  c("request-property-added-optional", "modify-note-optional", [
    [
      "request-property-added-optional",
      "modifyImage: request body field note: added as optional (requests that were valid stay valid)",
    ],
  ]),
  c("request-property-removed", "search-is-crop-removed", [
    ["request-property-removed", "searchImages: request body field is_crop: removed"],
  ]),
  c("request-property-removed", "modify-path-schema-dropped", [
    ["request-property-removed", "modifyImage: request body field path: removed"],
  ]),
  c("request-property-became-required", "search-limit-required", [
    ["request-property-became-required", "searchImages: request body field limit: became required"],
  ]),
  c("request-property-became-optional", "modify-path-optional", [
    ["request-property-became-optional", "modifyImage: request body field path: became optional"],
  ]),
  c("request-type-changed", "search-limit-string", [
    ["request-type-changed", "searchImages: request body field limit: type changed integer (int32) → string"],
    ["example-edited", "schema SearchImagesRequest field limit: example edited"],
  ]),
  c("request-type-widened", "search-limit-int64", [
    ["request-type-widened", "searchImages: request body field limit: format widened int32 → int64"],
  ]),
  c(
    "request-type-narrowed",
    "search-limit-int64",
    [["request-type-narrowed", "searchImages: request body field limit: format narrowed int64 → int32"]],
    reversed,
  ),
  c("request-nullable-added", "search-path-nullable", [
    ["request-nullable-added", "searchImages: request body field path: became nullable"],
  ]),
  c(
    "request-nullable-removed",
    "search-path-nullable",
    [
      [
        "request-nullable-removed",
        "searchImages: request body field path: no longer nullable (requests that send null are refused)",
      ],
    ],
    reversed,
  ),
  c("request-enum-added", "create-model-enum", [
    [
      "request-enum-added",
      'createInstance: request body field model: restricted to the values "common-search", "image-recommend"',
    ],
  ]),
  c(
    "request-enum-value-removed",
    "create-model-recommend-removed",
    [
      [
        "request-enum-value-removed",
        'createInstance: request body field model: enum value "image-recommend" removed',
      ],
    ],
    { common: ["create-model-enum"] },
  ),
  c(
    "request-enum-value-added",
    "create-model-recommend-removed",
    [
      [
        "request-enum-value-added",
        'createInstance: request body field model: enum value "image-recommend" added',
      ],
    ],
    { common: ["create-model-enum"], reversed: true },
  ),
  c("request-pattern-added", "modify-path-pattern", [
    [
      "request-pattern-added",
      "modifyImage: request body field path: pattern ^https?:// added (requests that were valid are refused)",
    ],
  ]),
  c(
    "request-pattern-removed",
    "modify-path-pattern",
    [["request-pattern-removed", "modifyImage: request body field path: pattern ^https?:// removed"]],
    reversed,
  ),
  c("request-pattern-changed", "create-name-pattern-digits", [
    [
      "request-pattern-changed",
      "createInstance: request body field name: pattern changed ^[a-z][a-z0-9_-]*$ → ^[a-z][a-z0-9]*$",
    ],
  ]),
  c("request-constraint-tightened", "search-limit-maximum-50", [
    [
      "request-constraint-tightened",
      "searchImages: request body field limit: maximum lowered 100 → 50 (requests that were valid are refused)",
    ],
  ]),
  c("request-constraint-tightened", "search-offset-minimum-1", [
    ["request-constraint-tightened", "searchImages: request body field offset: minimum raised 0 → 1"],
  ]),
  c("request-constraint-tightened", "create-name-max-8", [
    ["request-constraint-tightened", "createInstance: request body field name: maxLength lowered 16 → 8"],
  ]),
  c(
    "request-constraint-loosened",
    "create-name-max-8",
    [["request-constraint-loosened", "createInstance: request body field name: maxLength raised 8 → 16"]],
    reversed,
  ),
  c("request-additional-properties-narrowed", "modify-request-closed", [
    [
      "request-additional-properties-narrowed",
      "modifyImage: request body: additionalProperties narrowed: allowed → forbidden",
    ],
  ]),
  c(
    "request-additional-properties-widened",
    "modify-request-closed",
    [
      [
        "request-additional-properties-widened",
        "modifyImage: request body: additionalProperties widened: forbidden → allowed",
      ],
    ],
    reversed,
  ),
  c(
    "request-alternative-removed",
    "search-box-text-dropped",
    [["request-alternative-removed", "searchImages: request body field box: oneOf alternative #2 removed"]],
    { common: ["search-box-or-text"] },
  ),
  c(
    "request-alternative-added",
    "search-box-text-dropped",
    [["request-alternative-added", "searchImages: request body field box: oneOf alternative #2 added"]],
    { common: ["search-box-or-text"], reversed: true },
  ),
  c("request-alternative-added", "search-box-or-text", [
    ["request-alternative-added", "searchImages: request body field box: oneOf alternative #2 added"],
  ]),
  c(
    "request-alternative-removed",
    "search-box-or-text",
    [["request-alternative-removed", "searchImages: request body field box: oneOf alternative #2 removed"]],
    reversed,
  ),
  c("request-default-changed", "search-limit-default-20", [
    [
      "request-default-changed",
      "searchImages: request body field limit: default changed 10 → 20 (clients that leave it out get another value)",
    ],
  ]),
  c("request-default-added", "create-description-default", [
    ["request-default-added", 'createInstance: request body field description: default "" added'],
  ]),
  c("unjudged-change", "modify-path-read-only", [
    ["unjudged-change", "modifyImage: request body field path: readOnly added"],
  ]),
  c(
    "request-pattern-added",
    ["modify-path-pattern", "modify-note-optional"],
    [
      ["request-pattern-added", "modifyImage: request body field path: pattern ^https?:// added"],
      ["request-property-added-optional", "modifyImage: request body field note: added as optional"],
    ],
  ),
];

const responses: Case[] = [
  c("response-success-status-added", "list-answers-202", [
    [
      "response-success-status-added",
      "listInstances: 202 response: added (deployed clients refuse a status they do not know)",
    ],
  ]),
  c(
    "response-success-status-removed",
    "list-answers-202",
    [["response-success-status-removed", "listInstances: 202 response: removed"]],
    reversed,
  ),
  c("response-success-status-added", "modify-image-answers-201", [
    ["response-success-status-added", "modifyImage: 201 response: added"],
    ["response-success-status-removed", "modifyImage: 200 response: removed"],
  ]),
  c("response-error-status-added", "get-instance-404", [
    ["response-error-status-added", "getInstance: 404 response: added"],
  ]),
  c(
    "response-error-status-removed",
    "get-instance-404",
    [["response-error-status-removed", "getInstance: 404 response: removed"]],
    reversed,
  ),
  c("response-body-removed", "delete-instance-no-body", [
    ["response-body-removed", "deleteInstance: 200 response: body removed"],
  ]),
  c(
    "response-body-added",
    "delete-instance-no-body",
    [["response-body-added", "deleteInstance: 200 response: body added"]],
    reversed,
  ),
  c("response-media-type-added", "get-instance-xml", [
    ["response-media-type-added", "getInstance: 200 response: media type application/xml added"],
  ]),
  c(
    "response-media-type-removed",
    "get-instance-xml",
    [["response-media-type-removed", "getInstance: 200 response: media type application/xml removed"]],
    reversed,
  ),
  c("response-header-removed", "list-total-count-removed", [
    ["response-header-removed", "listInstances: 200 response header X-Total-Count: removed"],
  ]),
  c(
    "response-header-added",
    "list-total-count-removed",
    [["response-header-added", "listInstances: 200 response header X-Total-Count: added"]],
    reversed,
  ),
  c("response-header-became-optional", "list-total-count-optional", [
    ["response-header-became-optional", "listInstances: 200 response header X-Total-Count: became optional"],
  ]),
  c("response-header-became-required", "list-request-id-header-required", [
    ["response-header-became-required", "listInstances: 200 response header X-Request-Id: became required"],
  ]),
  c("response-type-changed", "list-total-count-string", [
    [
      "response-type-changed",
      "listInstances: 200 response header X-Total-Count: type changed integer → string",
    ],
  ]),
  c("response-property-removed", "sim-renamed-similarity", [
    [
      "response-property-removed",
      "searchImages: 200 response field result[].sim: removed (clients that read it find it gone)",
    ],
    ["response-property-added", "searchImages: 200 response field result[].similarity: added as optional"],
  ]),
  c("response-property-added", "match-score-added", [
    [
      "response-property-added",
      "searchImages: 200 response field result[].score: added as optional (responses stay valid",
    ],
  ]),
  c(
    "response-property-removed",
    "match-score-added",
    [["response-property-removed", "searchImages: 200 response field result[].score: removed"]],
    reversed,
  ),
  c(
    "response-property-added-to-closed-schema",
    "modify-result-request-id",
    [
      [
        "response-property-added-to-closed-schema",
        "modifyImage: 200 response field request_id: added as optional (deployed clients refuse",
      ],
    ],
    { common: ["modify-result-closed"] },
  ),
  c("response-property-became-optional", "modify-result-optional", [
    [
      "response-property-became-optional",
      "modifyImage: 200 response field result: became optional (deployed clients refuse responses without it)",
    ],
  ]),
  c("response-property-became-required", "instance-name-required", [
    [
      "response-property-became-required",
      "listInstances: 200 response field instances[].instanceName; createInstance, getInstance: 200 response field instanceName: became required",
    ],
  ]),
  c("response-type-changed", "modify-result-integer", [
    ["response-type-changed", "modifyImage: 200 response field result: type changed string → integer"],
    ["example-edited", "schema ModifyImageResult field result: example edited"],
  ]),
  c("response-type-widened", "instance-level-number", [
    [
      "response-type-widened",
      "listInstances: 200 response field instances[].level; createInstance, getInstance: 200 response field level: type widened integer (int32) → number",
    ],
  ]),
  c(
    "response-type-narrowed",
    "instance-level-number",
    [
      [
        "response-type-narrowed",
        "listInstances: 200 response field instances[].level; createInstance, getInstance: 200 response field level: type narrowed number → integer (int32)",
      ],
    ],
    reversed,
  ),
  c("response-nullable-added", "instance-desc-nullable", [
    [
      "response-nullable-added",
      "listInstances: 200 response field instances[].desc; createInstance, getInstance: 200 response field desc: became nullable (deployed clients refuse responses that carry null)",
    ],
  ]),
  c(
    "response-nullable-removed",
    "instance-desc-nullable",
    [
      [
        "response-nullable-removed",
        "listInstances: 200 response field instances[].desc; createInstance, getInstance: 200 response field desc: no longer nullable",
      ],
    ],
    reversed,
  ),
  c("response-enum-value-added", "instance-status-paused", [
    [
      "response-enum-value-added",
      'getInstance: 200 response field status: enum value "PAUSED" added (deployed clients refuse responses that carry it)',
    ],
    ["response-enum-value-added", 'enum value "PAUSED" added'],
  ]),
  c(
    "response-enum-value-removed",
    "instance-status-paused",
    [
      ["response-enum-value-removed", 'response field status: enum value "PAUSED" removed'],
      ["response-enum-value-removed", "instances[].status"],
    ],
    reversed,
  ),
  c("response-enum-removed", "check-exist-any-string", [
    [
      "response-enum-removed",
      "checkImage: 200 response field exist: no longer restricted to a list of values",
    ],
  ]),
  c(
    "response-enum-added",
    "check-exist-any-string",
    [
      [
        "response-enum-added",
        'checkImage: 200 response field exist: restricted to the values "true", "false"',
      ],
    ],
    reversed,
  ),
  c("response-pattern-added", "instance-name-response-pattern", [
    ["response-pattern-added", "response field instanceName: pattern ^[a-z][a-z0-9_-]*$ added"],
    ["response-pattern-added", "instances[].instanceName"],
  ]),
  c(
    "response-pattern-removed",
    "instance-name-response-pattern",
    [
      ["response-pattern-removed", "response field instanceName: pattern ^[a-z][a-z0-9_-]*$ removed"],
      ["response-pattern-removed", "instances[].instanceName"],
    ],
    reversed,
  ),
  c(
    "response-pattern-changed",
    "instance-name-response-pattern-lax",
    [
      [
        "response-pattern-changed",
        "response field instanceName: pattern changed ^[a-z][a-z0-9_-]*$ → ^[a-z]",
      ],
      ["response-pattern-changed", "instances[].instanceName"],
    ],
    { common: ["instance-name-response-pattern"] },
  ),
  c("response-constraint-loosened", "list-count-unbounded", [
    ["response-constraint-loosened", "listInstances: 200 response field count: minimum removed (was 0)"],
  ]),
  c(
    "response-constraint-tightened",
    "list-count-unbounded",
    [["response-constraint-tightened", "listInstances: 200 response field count: minimum set to 0"]],
    reversed,
  ),
  c("response-additional-properties-narrowed", "modify-result-closed", [
    [
      "response-additional-properties-narrowed",
      "modifyImage: 200 response: additionalProperties narrowed: allowed → forbidden",
    ],
  ]),
  c(
    "response-additional-properties-widened",
    "modify-result-closed",
    [
      [
        "response-additional-properties-widened",
        "modifyImage: 200 response: additionalProperties widened: forbidden → allowed",
      ],
    ],
    reversed,
  ),
  c(
    "response-alternative-added",
    "match-tags-or-text-or-list",
    [
      [
        "response-alternative-added",
        "searchImages: 200 response field result[].tags: oneOf alternative #3 added",
      ],
    ],
    { common: ["match-tags-or-text"] },
  ),
  c(
    "response-alternative-removed",
    "match-tags-or-text-or-list",
    [
      [
        "response-alternative-removed",
        "searchImages: 200 response field result[].tags: oneOf alternative #3 removed",
      ],
    ],
    { common: ["match-tags-or-text"], reversed: true },
  ),
  c("response-default-changed", "instance-level-default", [
    ["response-default-changed", "response field level: default 30000000 added"],
    ["response-default-changed", "instances[].level"],
  ]),
  c("unjudged-change", "instance-level-write-only", [
    ["unjudged-change", "response field level: writeOnly added"],
    ["unjudged-change", "instances[].level"],
  ]),
];

const documentation: Case[] = [
  c("description-edited", "modify-image-description", [
    ["description-edited", "modifyImage: description edited"],
  ]),
  c("example-edited", "modify-image-example-edited", [
    ["example-edited", 'modifyImage: request body: example "page-example" edited'],
  ]),
  c("extension-edited", "modify-image-verification-dropped", [
    ["extension-edited", "modifyImage: extension x-provider-verification removed"],
  ]),
  c("document-edited", "servers-moved", [["document-edited", "document: servers edited"]]),
  c("component-edited", "unused-schema-added", [
    ["component-edited", "components: schema Unused added (no operation uses it"],
  ]),
];

const families = { operations, parameters, "request bodies": requestBodies, responses, documentation };
const cases = Object.values(families).flat();

interface Run {
  code: number;
  report: DiffReport;
  stderr: string;
}

async function run(item: Case, index: number): Promise<Run> {
  const common = item.common ?? [];
  const [before, after] = item.reversed
    ? [[...common, ...item.change], common]
    : [common, [...common, ...item.change]];
  const base = await writeMutated(join(work, String(index), "base"), ...before);
  const head = await writeMutated(join(work, String(index), "head"), ...after);
  let stdout = "";
  let stderr = "";
  const args = [
    "--json",
    "--base",
    join(base, "image-search.openapi.yaml"),
    "--spec",
    join(head, "image-search.openapi.yaml"),
  ];
  const code = await cli(args, {
    cwd: process.cwd(),
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
  });
  return { code, stderr, report: JSON.parse(stdout || "{}") as DiffReport };
}

function changesOf(report: DiffReport): Change[] {
  return report.specs.flatMap((spec) => [...spec.breaking, ...spec.nonBreaking, ...spec.info]);
}

describe("npm run diff, rule by rule", () => {
  for (const [family, list] of Object.entries(families)) {
    describe(family, () => {
      test.each(
        list.map((item, i) => ({
          ...item,
          index: cases.indexOf(item),
          name: `${item.rule}${item.reversed ? " (reversed)" : ""} on ${item.change.join(" + ")}`,
          i,
        })),
      )(
        "$name",
        async (item) => {
          const { code, report, stderr } = await run(item, item.index);
          expect(stderr).toBe("");
          const changes = changesOf(report);
          // Every line is one that is expected, and every expected line is there.
          for (const change of changes) {
            expect(
              item.lines.some(([rule, words]) => change.rule === rule && change.message.includes(words)),
              change.message,
            ).toBe(true);
          }
          for (const [rule, words] of item.lines) {
            expect(
              changes.some((change) => change.rule === rule && change.message.includes(words)),
              `${rule}: ${words}`,
            ).toBe(true);
          }
          const breaking = item.lines.some(([rule]) => RULES[rule].level === "breaking");
          expect({ code, breaking: report.breaking }).toEqual({ code: breaking ? 1 : 0, breaking });
          const [spec] = report.specs;
          const nonBreaking = item.lines.some(([rule]) => RULES[rule].level === "non-breaking");
          expect(spec?.bump).toBe(breaking ? "major" : nonBreaking ? "minor" : "patch");
          // The client types change only with the contract.
          if ((spec?.types.length ?? 0) > 0) expect(breaking || nonBreaking).toBe(true);
          for (const change of changes) {
            expect(change.level).toBe(RULES[change.rule].level);
            // The line names every operation the change reaches, the first one first.
            if (change.operation) expect(change.message.startsWith(change.operation)).toBe(true);
            for (const place of change.places)
              expect(change.message).toContain(place.operation ?? place.location);
            expect(change.line).toBeGreaterThan(0);
            expect(change.pointer).toMatch(/^\//);
          }
        },
        // Each case parses, validates and generates the types of two specs: slow beside other work.
        120_000,
      );
    });
  }

  test("docs/spec-changes.md lists every rule with its level, and no other", async () => {
    const page = await readFile("docs/spec-changes.md", "utf8");
    const rows = [...page.matchAll(/^\| `([a-z-]+)` +\| ([a-z-]+) +\|/gm)].map(([, rule, level]) => [
      rule,
      level,
    ]);
    expect(rows).toEqual(Object.entries(RULES).map(([rule, { level }]) => [rule, level]));
  });

  test("has a case for every rule", () => {
    expect(Object.keys(RULES).filter((rule) => !cases.some((item) => item.rule === rule))).toEqual([]);
  });
});
