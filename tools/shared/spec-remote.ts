// A spec document fetched over http(s), when remote references are allowed: only from a public address.
// The host name is resolved here and every address it has is checked (an IPv4 address inside IPv6 as
// the IPv4 one), inside the connection's own look-up, so that the address checked is the one connected
// to; a host written as an address is checked as written. A redirect is refused, not followed, and the
// body is read up to the size limit within a time limit.
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { get as httpGet, type IncomingMessage } from "node:http";
import { get as httpsGet } from "node:https";
import { isIP, type LookupFunction } from "node:net";
import ipaddr from "ipaddr.js";

export const REMOTE_TIMEOUT_MS = 10_000;

/** Whether `address` is a public unicast address: not loopback, private, link-local, reserved … */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  return ipaddr.process(address).range() === "unicast";
}

/**
 * The text at `url` (http or https), at most `maxBytes` long. Rejects with a message saying why:
 * an address that is not public, a redirect, a status other than 200, a body too large, a timeout.
 */
export async function fetchSpecText(
  url: string,
  maxBytes: number,
  isAllowed: (address: string) => boolean = isPublicAddress,
): Promise<string> {
  const { hostname, protocol } = new URL(url);
  const host = hostname.replace(/^\[(.*)\]$/, "$1");
  if (isIP(host) && !isAllowed(host)) throw new Error(notPublic(host, [host]));
  const get = protocol === "https:" ? httpsGet : httpGet;
  const signal = AbortSignal.timeout(REMOTE_TIMEOUT_MS);
  try {
    const response = await new Promise<IncomingMessage>((resolve, reject) => {
      get(url, { lookup: checkedLookup(host, isAllowed), signal }, resolve).once("error", reject);
    });
    return await readBody(response, maxBytes);
  } catch (error) {
    if (signal.aborted) throw new Error(`not read within ${REMOTE_TIMEOUT_MS} ms`);
    throw error;
  }
}

function checkedLookup(host: string, isAllowed: (address: string) => boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { all: true, family: options.family ?? 0 }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, "", 0);
      const refused = addresses.filter(({ address }) => !isAllowed(address));
      if (addresses.length === 0 || refused.length > 0) {
        const all = addresses.map(({ address }) => address);
        return callback(new Error(notPublic(host, all)), "", 0);
      }
      if (options.all) return callback(null, addresses);
      const [first] = addresses as [LookupAddress];
      callback(null, first.address, first.family);
    });
  };
}

function notPublic(host: string, addresses: string[]): string {
  return `${host} is at ${addresses.join(", ") || "no address"}: references are fetched from public addresses only`;
}

async function readBody(response: IncomingMessage, maxBytes: number): Promise<string> {
  const { statusCode = 0, headers } = response;
  if (statusCode !== 200) {
    response.resume();
    const where =
      statusCode >= 300 && statusCode < 400 ? `, a redirect to ${headers.location}: not followed` : "";
    throw new Error(`the server answered ${statusCode}${where}`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) {
      response.destroy();
      throw new Error(`over the limit of ${maxBytes} bytes per file`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}
