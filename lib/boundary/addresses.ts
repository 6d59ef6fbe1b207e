/**
 * What an IP address is, for the outbound policy: public, this machine, a private network, or a
 * range no request of ours may reach (link-local, where cloud metadata services answer;
 * unspecified, multicast, reserved). IPv6 forms that carry an IPv4 address (mapped
 * `::ffff:a.b.c.d`, compatible `::a.b.c.d`, NAT64 `64:ff9b::/96`, 6to4 `2002::/16`) are judged
 * by the IPv4 address they carry. Host names in other IPv4 spellings (`2130706433`, `0x7f.1`,
 * `017700000001`) are read as the addresses the WHATWG URL parser and `getaddrinfo` make of them.
 */
import { isIPv4, isIPv6 } from "node:net";

export type AddressClass = "public" | "loopback" | "private" | "link-local" | "metadata" | "unspecified" | "multicast" | "reserved";

interface Range {
  readonly base: bigint;
  readonly bits: number;
  readonly size: 32 | 128;
  readonly kind: AddressClass;
}

const range = (cidr: string, kind: AddressClass): Range => {
  const [address, bits] = cidr.split("/");
  const v4 = isIPv4(address);
  return { base: v4 ? ipv4Value(address) : ipv6Value(address), bits: Number(bits), size: v4 ? 32 : 128, kind };
};

// Most specific first: the first range that holds an address names its class.
const IPV4_RANGES: readonly Range[] = [
  // AWS's instance metadata and the ECS task credential endpoint sit in link-local space.
  range("169.254.169.254/32", "metadata"),
  range("169.254.170.2/32", "metadata"),
  // Alibaba Cloud's metadata service, inside the shared address space.
  range("100.100.100.200/32", "metadata"),
  range("0.0.0.0/8", "unspecified"),
  range("127.0.0.0/8", "loopback"),
  range("169.254.0.0/16", "link-local"),
  range("10.0.0.0/8", "private"),
  range("172.16.0.0/12", "private"),
  range("192.168.0.0/16", "private"),
  range("100.64.0.0/10", "private"),
  range("198.18.0.0/15", "private"),
  range("192.0.0.0/24", "reserved"),
  range("224.0.0.0/4", "multicast"),
  range("240.0.0.0/4", "reserved"),
];

const IPV6_RANGES: readonly Range[] = [
  // The IPv6 address of AWS's instance metadata service (Nitro instances).
  range("fd00:ec2::254/128", "metadata"),
  range("::/128", "unspecified"),
  range("::1/128", "loopback"),
  range("fe80::/10", "link-local"),
  range("fc00::/7", "private"),
  range("fec0::/10", "reserved"),
  range("ff00::/8", "multicast"),
  range("100::/64", "reserved"),
  range("2001:db8::/32", "reserved"),
];

/** IPv6 prefixes whose low 32 bits are an IPv4 address. */
const EMBEDS_IPV4: readonly Range[] = [range("::ffff:0:0/96", "public"), range("::/96", "public"), range("64:ff9b::/96", "public")];
const SIX_TO_FOUR = range("2002::/16", "public");

function ipv4Value(address: string): bigint {
  return address.split(".").reduce((value, part) => (value << 8n) | BigInt(Number(part)), 0n);
}

function ipv6Value(address: string): bigint {
  let text = address;
  // A dotted IPv4 tail (::ffff:1.2.3.4) is two groups.
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted !== null) {
    const v4 = ipv4Value(dotted[1]);
    text = `${text.slice(0, dotted.index)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const [head, tail] = text.includes("::") ? text.split("::") : [text, undefined];
  const headGroups = head === "" ? [] : head.split(":");
  const tailGroups = tail === undefined || tail === "" ? [] : tail.split(":");
  const missing = 8 - headGroups.length - tailGroups.length;
  const groups = tail === undefined ? headGroups : [...headGroups, ...Array<string>(missing).fill("0"), ...tailGroups];
  return groups.reduce((value, group) => (value << 16n) | BigInt(parseInt(group, 16)), 0n);
}

const inRange = (value: bigint, r: Range) => value >> BigInt(r.size - r.bits) === r.base >> BigInt(r.size - r.bits);

function classifyIpv4(value: bigint): AddressClass {
  return IPV4_RANGES.find((r) => inRange(value, r))?.kind ?? "public";
}

/** An IP address without brackets or zone (`::1`, `fe80::1%eth0` → `fe80::1`), or undefined for a name. */
export function ipLiteralOf(host: string): string | undefined {
  const bare = host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host;
  const withoutZone = bare.replace(/%.*$/, "");
  if (isIPv4(withoutZone) || isIPv6(withoutZone)) return withoutZone;
  return undefined;
}

/** The class of an IP address (v4 or v6); throws on text that is not one. */
export function classifyAddress(address: string): AddressClass {
  const literal = ipLiteralOf(address);
  if (literal === undefined) throw new Error(`${address} is not an IP address`);
  if (isIPv4(literal)) return classifyIpv4(ipv4Value(literal));
  const value = ipv6Value(literal.toLowerCase());
  if (EMBEDS_IPV4.some((r) => inRange(value, r)) && value > 1n) return classifyIpv4(value & 0xffffffffn);
  if (inRange(value, SIX_TO_FOUR)) return classifyIpv4((value >> 80n) & 0xffffffffn);
  return IPV6_RANGES.find((r) => inRange(value, r))?.kind ?? "public";
}

/** Classes no outbound request reaches, whatever the settings say. */
export const NEVER_REACHED: ReadonlySet<AddressClass> = new Set(["link-local", "metadata", "unspecified", "multicast", "reserved"]);

/** Classes reached only for a host the user allowed (SWITCHYARD_ALLOWED_OUTBOUND_HOSTS). */
export const REACHED_WHEN_ALLOWED: ReadonlySet<AddressClass> = new Set(["loopback", "private"]);
