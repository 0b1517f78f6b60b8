// How a client takes each operation's input: every value it sends has a name of its own.
import type { OpenAPIV3 } from "openapi-types";
import { describe, expect, test } from "vitest";
import { layoutOf } from "../../../tools/codegen/layout.js";

describe("layoutOf", () => {
  test("names a query parameter called body apart from the request body, so neither hides the other", () => {
    const parameters: OpenAPIV3.ParameterObject[] = [
      { name: "body", in: "query", required: true, schema: { type: "string" } },
    ];
    const operation: OpenAPIV3.OperationObject = {
      parameters,
      requestBody: {
        required: true,
        content: {
          "multipart/form-data": {
            schema: { type: "object", properties: { file: { type: "string", format: "binary" } } },
          },
        },
      },
      responses: { "200": { description: "ok" } },
    };

    const layout = layoutOf({
      path: "/import",
      method: "post",
      operationId: "importFile",
      operation,
      parameters,
    });
    const inputs = [...layout.parameters.map((p) => p.input), layout.body?.input];

    expect(new Set(inputs).size).toBe(inputs.length);
    expect(layout.parameters[0]?.input).toBe("queryBody");
  });
});
