// A request's body as JSON, read once for everything that needs it (the policy's checks, the stateful
// mock, Prism's request): strict UTF-8, and refused unparsed past the nesting depth the client also
// bounds, so that a body nested millions deep costs one quick scan, not seconds of parsing. Runs in
// browsers (the MSW handlers): no Node built-ins.
import { JsonDepth } from "../client/json-depth.js";

/** A body read as JSON: its value, or why it is not JSON the mocks accept. */
export type JsonReading = { ok: true; value: unknown } | { ok: false; reason: "depth" | "utf-8" | "syntax" };

/** The labels the WHATWG Encoding Standard reads as UTF-8 that clients send. */
const UTF_8_LABELS = new Set(["utf-8", "utf8"]);
const READINGS = new WeakMap<Uint8Array, JsonReading>();

/** The body as JSON, parsed at most once per body. */
export function readJson(body: Uint8Array): JsonReading {
  let reading = READINGS.get(body);
  if (!reading) {
    reading = parse(body);
    READINGS.set(body, reading);
  }
  return reading;
}

function parse(body: Uint8Array): JsonReading {
  if (!new JsonDepth().accepts(body)) return { ok: false, reason: "depth" };
  let text: string;
  try {
    // ignoreBOM keeps a byte-order mark, which JSON does not allow, so that JSON.parse refuses it.
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    return { ok: false, reason: "utf-8" };
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, reason: "syntax" };
  }
}

/** Whether a Content-Type names a charset other than UTF-8, the only one JSON allows (RFC 8259). */
export function namesOtherCharset(contentType: string | undefined): boolean {
  for (const parameter of (contentType ?? "").split(";").slice(1)) {
    const [name, value = ""] = parameter.split("=");
    if (name?.trim().toLowerCase() !== "charset") continue;
    if (!UTF_8_LABELS.has(value.trim().replace(/^"|"$/g, "").toLowerCase())) return true;
  }
  return false;
}

const FORM_TYPES = /^(?:application\/x-www-form-urlencoded|multipart\/form-data)$/i;

/** Whether a media type (without parameters) is one a form is sent as. */
export function isFormMediaType(mediaType: string): boolean {
  return FORM_TYPES.test(mediaType);
}

/**
 * A form body's fields by name, each as text (a repeated name as a list, a file as its file name), as
 * fetch's own reader reads the media type; `undefined` when the body is not a form of that type.
 */
export async function readForm(
  body: Uint8Array,
  contentType: string,
): Promise<Record<string, unknown> | undefined> {
  let form: FormData;
  try {
    const bytes = body as Uint8Array<ArrayBuffer>;
    form = await new Response(bytes, { headers: { "content-type": contentType } }).formData();
  } catch {
    return undefined;
  }
  const fields: Record<string, unknown> = {};
  for (const [name, entry] of form) {
    const text = typeof entry === "string" ? entry : entry.name;
    const earlier = fields[name];
    fields[name] = earlier === undefined ? text : [...(Array.isArray(earlier) ? earlier : [earlier]), text];
  }
  return fields;
}

/** A call's form body read, when its Content-Type names a form; `undefined` otherwise. */
export function formOf(
  body: Uint8Array,
  contentType: string | undefined,
): Promise<Record<string, unknown> | undefined> {
  const mediaType = (contentType ?? "").split(";")[0]?.trim() ?? "";
  return isFormMediaType(mediaType) && body.length > 0
    ? readForm(body, contentType as string)
    : Promise.resolve(undefined);
}
