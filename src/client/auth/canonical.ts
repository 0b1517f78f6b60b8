// The canonical URI and query string of an AK/SK signature, as Huawei Cloud's SDKs build them.

// ignoreBOM keeps a leading U+FEFF, as URL parsing does, instead of dropping it.
const utf8Decoder = new TextDecoder("utf-8", { ignoreBOM: true });

/**
 * The canonical URI: the path decoded, then each `/`-separated segment encoded anew, ending in `/`.
 * The SDK encodes the raw (unencoded) path-parameter values; the wire carries them percent-encoded,
 * so decoding first gives the same string the SDK signs. Exported for tests and for debugging a
 * refused signature.
 */
export function canonicalPath(pathname: string): string {
  const path = percentDecode(pathname).split("/").map(encode).join("/");
  return path.endsWith("/") ? path : `${path}/`;
}

/**
 * The canonical query string: names and values decoded, names sorted, each name's values sorted
 * (both by UTF-16 code units, as the SDK sorts), each encoded anew, joined as `name=value` by `&`.
 */
export function canonicalQuery(searchParams: URLSearchParams): string {
  const byName = new Map<string, string[]>();
  for (const [name, value] of searchParams) {
    const values = byName.get(name);
    if (values) values.push(value);
    else byName.set(name, [value]);
  }
  const pairs: string[] = [];
  for (const name of [...byName.keys()].sort()) {
    const encodedName = encode(name);
    for (const value of (byName.get(name) ?? []).sort()) pairs.push(`${encodedName}=${encode(value)}`);
  }
  return pairs.join("&");
}

/** RFC 3986 encoding: everything but `A-Z a-z 0-9 - . _ ~` as UTF-8 `%XX`, upper-case hex. */
function encode(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** Decodes each run of `%XX` as UTF-8 (malformed bytes become U+FFFD, as URL parsing does). */
function percentDecode(text: string): string {
  if (!text.includes("%")) return text;
  return text.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    const bytes = new Uint8Array(run.length / 3);
    for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(run.slice(3 * i + 1, 3 * i + 3), 16);
    return utf8Decoder.decode(bytes);
  });
}
