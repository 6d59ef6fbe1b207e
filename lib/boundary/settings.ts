/**
 * The boundary's settings, read from the environment:
 *
 *   HOST                               the interface the server binds to; its name is always allowed in `Host`
 *   SWITCHYARD_ALLOWED_HOSTS           more names the app may be reached under (`switchyard.internal,10.0.0.5`)
 *   SWITCHYARD_ALLOWED_OUTBOUND_HOSTS  loopback or private hosts outbound requests may reach
 *                                      (`localhost:4566,10.0.0.7`): a host alone allows every port
 *
 * `localhost`, `127.0.0.1` and `[::1]` are always allowed in `Host`.
 */

/** A host outbound requests may reach although it is on this machine or a private network. */
export interface HostRule {
  /** As the URL parser writes it: lower case, IPv6 in brackets. */
  readonly hostname: string;
  /** Any port when absent. */
  readonly port?: number;
}

export interface BoundarySettings {
  /** Names (as the URL parser writes them) the app answers to in the `Host` header. */
  readonly allowedHosts: ReadonlySet<string>;
  readonly allowedOutboundHosts: readonly HostRule[];
}

const ALWAYS_ALLOWED_HOSTS = ["localhost", "127.0.0.1", "[::1]"];

/** `host` or `host:port` as the URL parser reads it; undefined when it is not a host. */
export function parseHostAndPort(text: string): HostRule | undefined {
  const trimmed = text.trim();
  if (trimmed === "" || /[/?#@\s]/.test(trimmed)) return undefined;
  try {
    const url = new URL(`http://${trimmed}`);
    return url.port === "" ? { hostname: url.hostname } : { hostname: url.hostname, port: Number(url.port) };
  } catch {
    return undefined;
  }
}

/** A comma-separated list of `host` or `host:port`; throws naming the variable `name` when an item is not one. */
export function parseHostList(name: string, text: string | undefined): HostRule[] {
  if (text === undefined || text.trim() === "") return [];
  return text
    .split(",")
    .filter((item) => item.trim() !== "")
    .map((item) => {
      const rule = parseHostAndPort(item);
      if (rule === undefined) throw new Error(`${name}: "${item.trim()}" is not a host name, IP address or host:port`);
      return rule;
    });
}

/** Throws one readable error naming the variable whose list is malformed. */
export function readBoundarySettings(source: Readonly<Record<string, string | undefined>> = process.env): BoundarySettings {
  const bind = parseHostAndPort(source.HOST || "127.0.0.1");
  const names = [...ALWAYS_ALLOWED_HOSTS, ...(bind ? [bind.hostname] : []), ...parseHostList("SWITCHYARD_ALLOWED_HOSTS", source.SWITCHYARD_ALLOWED_HOSTS).map((rule) => rule.hostname)];
  return {
    allowedHosts: new Set(names),
    allowedOutboundHosts: parseHostList("SWITCHYARD_ALLOWED_OUTBOUND_HOSTS", source.SWITCHYARD_ALLOWED_OUTBOUND_HOSTS),
  };
}

let cached: BoundarySettings | undefined;

/** This process's settings, read once. */
export function boundarySettings(): BoundarySettings {
  return (cached ??= readBoundarySettings());
}
