// A request body sent as a form (application/x-www-form-urlencoded or multipart/form-data), read into
// its fields for the body's validator: each field's text, a field sent more than once as a list. A
// file's bytes are read as text, one character per byte, as a binary string schema takes them. Runs in
// browsers (the MSW handlers): no Node built-ins.

export type FormFields = Record<string, string | string[]>;

const URLENCODED = /^application\/x-www-form-urlencoded$/i;
const MULTIPART = /^multipart\/form-data$/i;

/** Whether the media type is one of the two form types. */
export function isFormMediaType(mediaType: string): boolean {
  return URLENCODED.test(mediaType) || MULTIPART.test(mediaType);
}

/** The form's fields, or `undefined` when the body is no form of the type its Content-Type names. */
export function readForm(body: Uint8Array, contentType: string): FormFields | undefined {
  const mediaType = contentType.split(";")[0]?.trim() ?? "";
  const text = new TextDecoder("latin1").decode(body);
  if (URLENCODED.test(mediaType)) return fieldsOf(new URLSearchParams(text));
  const boundary = /;\s*boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (!MULTIPART.test(mediaType) || !boundary) return undefined;
  const entries: [string, string][] = [];
  const parts = text.split(`--${boundary}`);
  // Before the first boundary is a preamble, after the last (`--boundary--`) an epilogue.
  if (parts.length < 3 || !parts.at(-1)?.startsWith("--")) return undefined;
  for (const part of parts.slice(1, -1)) {
    const split = part.indexOf("\r\n\r\n");
    if (split === -1) return undefined;
    const name = /\bname="([^"]*)"/i.exec(part.slice(0, split))?.[1];
    if (name === undefined) return undefined;
    entries.push([name, part.slice(split + 4).replace(/\r\n$/, "")]);
  }
  return fieldsOf(entries);
}

function fieldsOf(entries: Iterable<[string, string]>): FormFields {
  const fields: FormFields = {};
  for (const [name, value] of entries) {
    const known = fields[name];
    fields[name] = known === undefined ? value : [...(Array.isArray(known) ? known : [known]), value];
  }
  return fields;
}

/**
 * The readings of the form's fields a validator may accept, each field's text first typed (`5`,
 * `true`), else as sent, else as a list of one: a form carries text only, so which field is a number
 * or a list is the schema's to say. `accepts` is asked of each reading; the last one tried is returned.
 */
export function formReading(
  fields: FormFields,
  retyped: (value: unknown) => unknown,
  accepts: (value: Record<string, unknown>) => string | undefined,
): { value: Record<string, unknown>; ok: boolean } {
  const value: Record<string, unknown> = Object.fromEntries(
    Object.entries(fields).map(([name, text]) => [name, retyped(text)]),
  );
  const tried = new Set<string>();
  for (let field = accepts(value); field !== undefined; field = accepts(value)) {
    const sent = fields[field];
    const next = [sent, [sent].flat()].find((reading) => !tried.has(`${field}\0${JSON.stringify(reading)}`));
    if (sent === undefined || next === undefined) return { value, ok: false };
    tried.add(`${field}\0${JSON.stringify(next)}`);
    value[field] = next;
  }
  return { value, ok: true };
}
