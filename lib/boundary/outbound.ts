/**
 * The one policy for requests the server makes on a user's behalf (API destinations of a design
 * run locally, an AWS endpoint override): never to a link-local or metadata address (where a
 * cloud instance's credentials are served), and to this machine or a private network only for a
 * host the user allowed (SWITCHYARD_ALLOWED_OUTBOUND_HOSTS). Names are judged by the addresses
 * they resolve to, checked again as each connection is made (`guardedLookup`), so a name that
 * changes its answer between the check and the call (DNS rebinding) still cannot get through.
 * Redirects are never followed.
 */
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from "node:dns";
import http from "node:http";
import https from "node:https";
import { ValidationError } from "../errors";
import { classifyAddress, ipLiteralOf, NEVER_REACHED, REACHED_WHEN_ALLOWED, type AddressClass } from "./addresses";
import type { HostRule } from "./settings";

/** A request the policy refused: never worth retrying. */
export class OutboundRefusedError extends ValidationError {}

const DESCRIPTION: Record<AddressClass, string> = {
  public: "a public address",
  loopback: "on this machine",
  private: "on a private network",
  "link-local": "a link-local address",
  metadata: "a cloud metadata service address",
  unspecified: "the unspecified address",
  multicast: "a multicast address",
  reserved: "a reserved address",
};

export const defaultPort = (url: URL) => (url.port !== "" ? Number(url.port) : url.protocol === "https:" ? 443 : 80);

/** Whether the user allowed this host (and port) to be on this machine or a private network. */
export function isHostAllowed(rules: readonly HostRule[], hostname: string, port: number): boolean {
  const name = hostname.toLowerCase();
  return rules.some((rule) => rule.hostname === name && (rule.port === undefined || rule.port === port));
}

/** Why `address` may not be reached, or undefined when it may. `via` names the host that led there. */
export function addressRefusal(address: string, hostAllowed: boolean, via?: string): string | undefined {
  const kind = classifyAddress(address);
  const what = via === undefined || ipLiteralOf(via) !== undefined ? address : `${via} (${address})`;
  if (NEVER_REACHED.has(kind)) return `${what} is ${DESCRIPTION[kind]}, which Switchyard never calls`;
  if (REACHED_WHEN_ALLOWED.has(kind) && !hostAllowed) {
    return `${what} is ${DESCRIPTION[kind]}; add the host to SWITCHYARD_ALLOWED_OUTBOUND_HOSTS to allow calls to it`;
  }
  return undefined;
}

export type Resolver = (hostname: string) => Promise<string[]>;

const systemResolver: Resolver = (hostname) =>
  new Promise((resolve, reject) =>
    dnsLookup(hostname, { all: true, verbatim: true }, (error, addresses) => (error ? reject(error) : resolve(addresses.map((a) => a.address)))),
  );

export type OutboundVerdict =
  | { readonly ok: true; readonly host: string; readonly addresses: readonly string[] }
  | { readonly ok: false; readonly host: string; readonly reason: string };

function parseTarget(target: string | URL): URL {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    throw new OutboundRefusedError(`${String(target)} is not a URL`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new OutboundRefusedError(`${url.protocol} URLs are not called; only http and https`);
  return url;
}

/**
 * Whether a request to `target` would be allowed now: every address its host resolves to is
 * checked (one forbidden answer refuses it). For showing and testing the policy; the call itself
 * checks again as it connects.
 */
export async function checkOutboundUrl(target: string | URL, rules: readonly HostRule[], resolve: Resolver = systemResolver): Promise<OutboundVerdict> {
  let url: URL;
  try {
    url = parseTarget(target);
  } catch (error) {
    return { ok: false, host: String(target), reason: (error as Error).message };
  }
  const host = url.host;
  const allowed = isHostAllowed(rules, url.hostname, defaultPort(url));
  const literal = ipLiteralOf(url.hostname);
  let addresses: string[];
  try {
    addresses = literal === undefined ? await resolve(url.hostname) : [literal];
  } catch {
    return { ok: false, host, reason: `${url.hostname} could not be resolved` };
  }
  if (addresses.length === 0) return { ok: false, host, reason: `${url.hostname} could not be resolved` };
  for (const address of addresses) {
    const reason = addressRefusal(address, allowed, url.hostname);
    if (reason !== undefined) return { ok: false, host, reason };
  }
  return { ok: true, host, addresses };
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;
/** `dns.lookup` with `all: true`: every address of a name. */
export type LookupAll = (hostname: string, options: LookupOptions & { all: true }, callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void) => void;

/**
 * A `lookup` for sockets (net, http, https agents) that refuses to connect when any address the
 * name resolves to is refused by `refusal`: the check and the connection use the same answer.
 */
export function guardedLookup(refusal: (address: string, hostname: string) => string | undefined, lookupAll: LookupAll = dnsLookup) {
  return (hostname: string, options: LookupOptions | number, callback: LookupCallback): void => {
    const asked: LookupOptions = typeof options === "number" ? { family: options } : options;
    lookupAll(hostname, { ...asked, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      for (const { address } of addresses) {
        const reason = refusal(address, hostname);
        if (reason !== undefined) return callback(new OutboundRefusedError(reason), []);
      }
      if (asked.all) return callback(null, addresses);
      const first = addresses[0];
      if (first === undefined) return callback(Object.assign(new Error(`${hostname} could not be resolved`), { code: "ENOTFOUND" }), []);
      callback(null, first.address, first.family);
    });
  };
}

/** Throws when a URL whose host is an IP literal (which sockets connect to without a lookup) is refused. */
function refuseLiteral(url: URL, hostAllowed: boolean): void {
  const literal = ipLiteralOf(url.hostname);
  if (literal === undefined) return;
  const reason = addressRefusal(literal, hostAllowed);
  if (reason !== undefined) throw new OutboundRefusedError(reason);
}

/**
 * HTTP agents that hold an AWS SDK client to the policy when it uses an endpoint override: never
 * a link-local or metadata address. (Which names an override may use is the caller's rule.)
 */
export function guardedAgents(lookupAll?: LookupAll): { httpAgent: http.Agent; httpsAgent: https.Agent } {
  const lookup = guardedLookup((address, hostname) => addressRefusal(address, true, hostname), lookupAll);
  return { httpAgent: new http.Agent({ keepAlive: true, lookup }), httpsAgent: new https.Agent({ keepAlive: true, lookup }) };
}

export interface OutboundRequest {
  readonly method: string;
  readonly headers: Headers;
  readonly body?: string;
  readonly timeoutMs: number;
  /** The answer's body is read up to this many bytes. */
  readonly maxResponseBytes: number;
}

export interface OutboundAnswer {
  readonly status: number;
  readonly text: string;
}

/**
 * HTTP calls under the policy, over kept-alive connections: one pool for hosts the user allowed
 * (loopback and private addresses reachable) and one for every other host (public only). A pool
 * checks each connection's addresses as it opens it; a 3xx is answered as it is, never followed.
 */
export class OutboundHttp {
  private readonly pools: Record<"allowed" | "public", { http: http.Agent; https: https.Agent }>;

  constructor(
    private readonly rules: readonly HostRule[],
    lookupAll?: LookupAll,
  ) {
    const pool = (hostAllowed: boolean) => {
      const lookup = guardedLookup((address, hostname) => addressRefusal(address, hostAllowed, hostname), lookupAll);
      return { http: new http.Agent({ keepAlive: true, lookup }), https: new https.Agent({ keepAlive: true, lookup }) };
    };
    this.pools = { allowed: pool(true), public: pool(false) };
  }

  request(target: string, request: OutboundRequest): Promise<OutboundAnswer> {
    return new Promise((resolve, reject) => {
      const url = parseTarget(target);
      const allowed = isHostAllowed(this.rules, url.hostname, defaultPort(url));
      refuseLiteral(url, allowed);
      const pool = this.pools[allowed ? "allowed" : "public"];
      const call = (url.protocol === "https:" ? https : http).request(url, {
        method: request.method,
        headers: Object.fromEntries(request.headers),
        agent: url.protocol === "https:" ? pool.https : pool.http,
        signal: AbortSignal.timeout(request.timeoutMs),
      });
      call.on("error", reject);
      call.on("response", (response) => {
        const chunks: Buffer[] = [];
        let kept = 0;
        response.on("data", (chunk: Buffer) => {
          if (kept >= request.maxResponseBytes) return;
          chunks.push(chunk.subarray(0, request.maxResponseBytes - kept));
          kept += chunk.length;
          if (kept >= request.maxResponseBytes) response.destroy();
        });
        const finish = () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") });
        response.on("end", finish);
        response.on("close", finish);
        response.on("error", finish);
      });
      call.end(request.body);
    });
  }

  /** Closes the kept-alive connections. */
  close(): void {
    for (const pool of Object.values(this.pools)) {
      pool.http.destroy();
      pool.https.destroy();
    }
  }
}
