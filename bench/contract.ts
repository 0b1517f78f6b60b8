// The contract step of the pipeline, for any spec: the mock serves every operation's documented
// responses (the default 200, and each named example of each status through `Prefer`), sent with the
// raw openapi-fetch client, and each body is validated against its schema compiled from the spec.

import createClient from "openapi-fetch";
import type { OpenAPIV3 } from "openapi-types";
import { freePort, startMock } from "../scripts/mock.js";
import { compileSchema, loadSpec } from "../test/support/spec.js";

const METHODS = ["get", "put", "post", "delete", "patch"] as const;

interface Case {
  method: string;
  path: string;
  prefer: string | undefined;
  status: number;
  media: OpenAPIV3.MediaTypeObject;
  parameters: OpenAPIV3.ParameterObject[];
  body: unknown;
}

function casesOf(api: OpenAPIV3.Document): Case[] {
  const cases: Case[] = [];
  for (const [path, item] of Object.entries(api.paths)) {
    for (const method of METHODS) {
      const op = item?.[method];
      if (!op) continue;
      const request = (op.requestBody as OpenAPIV3.RequestBodyObject | undefined)?.content[
        "application/json"
      ];
      const requestExample = Object.values(request?.examples ?? {})[0] as OpenAPIV3.ExampleObject | undefined;
      const base = {
        method,
        path,
        parameters: (op.parameters ?? []) as OpenAPIV3.ParameterObject[],
        body: requestExample?.value ?? request?.example,
      };
      for (const [status, response] of Object.entries(op.responses)) {
        const media = (response as OpenAPIV3.ResponseObject).content?.["application/json"];
        if (!media) continue;
        const names = Object.keys(media.examples ?? {});
        if (status === "200") cases.push({ ...base, prefer: undefined, status: 200, media });
        for (const name of names)
          cases.push({ ...base, prefer: `code=${status}, example=${name}`, status: Number(status), media });
      }
    }
  }
  return cases;
}

/** Runs every case against a fresh mock of `specFile`; resolves with the wall time in ms. */
export async function runContractCases(specFile: string): Promise<number> {
  const started = performance.now();
  const api = await loadSpec(specFile);
  const cases = casesOf(api);
  const mock = await startMock({ spec: specFile, port: await freePort() });
  try {
    const client = createClient<Record<string, never>>({ baseUrl: mock.url });
    const request = client.request as unknown as (
      m: string,
      p: string,
      init: object,
    ) => Promise<{ response: Response; data?: unknown; error?: unknown }>;
    const validators = new Map<OpenAPIV3.MediaTypeObject, ReturnType<typeof compileSchema>>();
    await Promise.all(
      cases.map(async (c) => {
        const params: Record<string, Record<string, string>> = { path: {}, header: {} };
        for (const p of c.parameters)
          if (p.in === "path" || (p.in === "header" && p.required))
            (params[p.in] as Record<string, string>)[p.name] = "x";
        const { response, data, error } = await request(c.method, c.path, {
          params,
          ...(c.body === undefined ? {} : { body: c.body }),
          ...(c.prefer ? { headers: { Prefer: c.prefer } } : {}),
        });
        if (response.status !== c.status)
          throw new Error(`${c.method} ${c.path} ${c.prefer ?? ""}: got ${response.status}`);
        const validate = validators.get(c.media) ?? compileSchema(c.media);
        validators.set(c.media, validate);
        if (!validate(data ?? error))
          throw new Error(`${c.method} ${c.path} ${c.prefer ?? ""}: ${JSON.stringify(validate.errors)}`);
      }),
    );
  } finally {
    await mock.stop();
  }
  return performance.now() - started;
}
