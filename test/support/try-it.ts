// The "Try it" lines `npm run mock` prints, read back into requests: each `# operationId: …` comment
// and the curl command under it (method, URL, headers, body), in the order printed.

export interface TryItCall {
  operationId: string;
  url: string;
  init: RequestInit;
}

export function tryItCalls(output: string): TryItCall[] {
  const flow = output.slice(output.indexOf("Try it"));
  const calls: TryItCall[] = [];
  for (const [, operationId = "", command = ""] of flow.matchAll(
    /^# ([^:\n]+):[^\n]*\n(curl (?:[^\n]*\\\n)*[^\n]*)/gm,
  )) {
    const method = /-X (\w+)/.exec(command)?.[1] ?? "GET";
    const url = /'(http[^']+)'/.exec(command)?.[1] ?? "";
    const headers: Record<string, string> = Object.fromEntries(
      [...command.matchAll(/-H '([^:]+): ([^']*)'/g)].map(([, name = "", value = ""]) => [name, value]),
    );
    // curl's -b sends a cookie, -u basic credentials.
    const cookie = /-b '([^']*)'/.exec(command)?.[1];
    if (cookie !== undefined) headers.Cookie = cookie;
    const user = /-u '([^']*)'/.exec(command)?.[1];
    if (user !== undefined) headers.Authorization = `Basic ${btoa(user)}`;
    const body = /-d '([^']*)'/.exec(command)?.[1];
    calls.push({ operationId, url, init: { method, headers, ...(body === undefined ? {} : { body }) } });
  }
  return calls;
}
