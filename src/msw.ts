// MSW request handlers that answer like the Prism mock, from the spec's named examples, for frontend
// tests and Storybook with no mock process. Entry `huaweicloud-image-search/msw`; it needs msw 2 and
// openapi-msw, which the client itself never imports.
import type { HttpHandler } from "msw";
import { createOpenApiHttp } from "openapi-msw";
import { examples } from "../generated/image-search.examples.js";
import type { paths } from "../generated/image-search.js";
import { type OperationContract, operations } from "../generated/image-search.validators.js";

export interface HandlerOptions {
  /** Origin (and path prefix) of the API, e.g. `https://imagesearch.ap-southeast-1.myhuaweicloud.com`; default: any. */
  baseUrl?: string;
  /** A `Prefer` value for requests that carry none, e.g. `"code=400, example=token-empty"` to force a scenario. */
  prefer?: string;
}

type ModifyImageExamples = typeof examples.modifyImage.responses;

/** The name of each 400 example in the spec: the error states `Prefer: code=400, example=NAME` selects. */
export type ErrorScenario = keyof ModifyImageExamples["400"];

interface Preference {
  code?: string;
  example?: string;
}

/**
 * One handler per operation. Like Prism: a valid request gets the first 200 example, or the example
 * `Prefer: code=STATUS, example=NAME` names; a request the spec forbids gets the first 400 example,
 * or the 400 example named with `code=400`.
 */
export function createImageSearchHandlers(options: HandlerOptions = {}): HttpHandler[] {
  const http = createOpenApiHttp<paths>({ baseUrl: options.baseUrl ?? "*" });
  const { responses } = examples.modifyImage;
  return [
    http.put("/v1/{project_id}/{instance_name}/image", async ({ request, params, response }) => {
      const prefer = parsePrefer(request.headers.get("prefer") ?? options.prefer);
      if (!(await isValidRequest(operations.modifyImage, request, params))) {
        return response(400).json(pick(responses[400], prefer.code === "400" ? prefer.example : undefined));
      }
      const status = prefer.code ?? "200";
      if (status === "200") return response(200).json(pick(responses[200], prefer.example));
      if (status === "400") return response(400).json(pick(responses[400], prefer.example));
      // MSW turns a thrown error into a 500 that names it: a scenario that cannot exist is a bug in the caller.
      throw new Error(`modifyImage documents no status ${status}`);
    }),
  ];
}

/** `code=400, example=token-empty` → `{ code: "400", example: "token-empty" }`. */
function parsePrefer(header: string | undefined): Preference {
  const preference: Preference = {};
  for (const part of (header ?? "").split(",")) {
    const [key, value] = part.split("=").map((s) => s.trim());
    if (!value) continue;
    if (key?.toLowerCase() === "code") preference.code = value;
    if (key?.toLowerCase() === "example") preference.example = value;
  }
  return preference;
}

function pick<T>(named: Readonly<Record<string, T>>, name: string | undefined): T {
  const [first] = Object.values(named);
  const value = name === undefined ? first : named[name];
  if (value === undefined) {
    throw new Error(`no example "${name}"; the spec names: ${Object.keys(named).join(", ")}`);
  }
  return value;
}

/** Checks the request against the same compiled validators the client uses. */
async function isValidRequest(
  contract: OperationContract,
  request: Request,
  params: Record<string, string | readonly string[] | undefined>,
): Promise<boolean> {
  const url = new URL(request.url);
  for (const parameter of contract.parameters) {
    const value =
      parameter.in === "path"
        ? params[parameter.name]
        : parameter.in === "header"
          ? request.headers.get(parameter.name)
          : parameter.in === "query"
            ? url.searchParams.get(parameter.name)
            : undefined;
    if (value === undefined || value === null) {
      if (parameter.required) return false;
    } else if (!parameter.validate(value)) {
      return false;
    }
  }
  if (!contract.requestBody) return true;
  const text = await request.text();
  if (text === "") return !contract.requestBody.required;
  if (!/^application\/json\s*(;|$)/i.test(request.headers.get("content-type") ?? "")) return false;
  try {
    return contract.requestBody.validate(JSON.parse(text));
  } catch {
    return false;
  }
}
