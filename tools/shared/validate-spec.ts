// Whether a loaded spec is a valid OpenAPI document: the OpenAPI schema, as SwaggerParser checks it
// (what `npm run generate` and `npm run diff` checked with SwaggerParser.validate), on the loaded
// document alone: it reads nothing, since every reference left in it is internal (and a literal value
// is not followed, external references being off). Loading does not check this, so that lint reports
// it as Spectral's findings; the commands that need a valid document call this after loading.
import SwaggerParser from "@apidevtools/swagger-parser";
import type { OpenAPI } from "openapi-types";
import type { LoadedSpec } from "./load-spec.js";
import { SpecLoadError } from "./spec-load-error.js";

interface SchemaError {
  instancePath?: string;
  message?: string;
}

/** Throws SpecLoadError at the first node at fault when the loaded spec is not a valid OpenAPI document. */
export async function validateSpec(loaded: LoadedSpec): Promise<void> {
  try {
    // A copy: SwaggerParser dereferences what it validates.
    await SwaggerParser.validate(structuredClone(loaded.document) as OpenAPI.Document, {
      resolve: { external: false },
    });
  } catch (error) {
    const [first] = ((error as { details?: SchemaError[] }).details ?? []).filter(
      (d) => d.instancePath !== undefined,
    );
    const message = error instanceof Error ? error.message : String(error);
    const reason = first ? `${first.instancePath || "/"} ${first.message}` : lastLine(message);
    const at = first ? loaded.positionOf(first.instancePath ?? "") : { file: loaded.file };
    throw new SpecLoadError(at, `not a valid OpenAPI document: ${reason}`);
  }
}

function lastLine(message: string): string {
  return message.trim().split("\n").at(-1)?.trim() ?? message;
}
