// The client's credentials on a call of `raw` too: the openapi-fetch middleware that adds to a request
// for a documented operation the credentials the client holds for it and the request does not carry.
// A method's request carries them already (its call loop asked for them), and is left as it is.
import type { Middleware } from "openapi-fetch";
import type { OperationContract } from "../../generated/shared-types.js";
import { type ChosenCredential, chosenCredentials, credentialValues } from "./credentials.js";
import type { Settings } from "./settings.js";

export function credentialMiddleware(
  settings: Settings,
  contracts: readonly OperationContract[],
): Middleware {
  const sources = { auth: settings.auth, token: settings.token, signs: settings.sign !== undefined };
  const chosen = new Map(
    contracts.map((c) => [`${c.method.toUpperCase()} ${c.path}`, chosenCredentials(c, sources)] as const),
  );
  return {
    async onRequest({ request, schemaPath }) {
      const wanted = chosen.get(`${request.method} ${schemaPath}`) ?? [];
      const missing = wanted.filter((c) => !carries(request, c));
      if (missing.length === 0) return undefined;
      const values = await credentialValues(
        missing,
        { refresh: false, refused: undefined },
        () => request.signal,
        "raw",
      );
      const url = new URL(request.url);
      for (const [name, value] of Object.entries(values.query)) url.searchParams.set(name, value);
      const next = new Request(url, request);
      for (const [name, value] of Object.entries(values.header)) next.headers.set(name, value);
      if (values.cookie.length > 0) {
        next.headers.set("cookie", [next.headers.get("cookie"), ...values.cookie].filter(Boolean).join("; "));
      }
      return next;
    },
  };
}

function carries(request: Request, { credential }: ChosenCredential): boolean {
  if (credential.in === "header") return request.headers.has(credential.name);
  if (credential.in === "query") return new URL(request.url).searchParams.has(credential.name);
  return (request.headers.get("cookie") ?? "").split(/;\s*/).some((c) => c.startsWith(`${credential.name}=`));
}
