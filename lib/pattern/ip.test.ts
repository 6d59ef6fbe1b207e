import { describe, expect, it } from "vitest";
import { ipInRange, ipLiteralRange, ipToHex, parseCidr } from "./ip";

describe("ipToHex", () => {
  it("reads IPv4 like Java InetAddress", () => {
    expect(ipToHex("10.0.0.1")).toBe("0A000001");
    expect(ipToHex("255.255.255.255")).toBe("FFFFFFFF");
    expect(ipToHex("010.0.0.1")).toBe("0A000001");
    expect(ipToHex("256.0.0.1")).toBeUndefined();
    expect(ipToHex("1.2.3")).toBeUndefined();
    expect(ipToHex("0001.0002.0003.0004")).toBeUndefined(); // longer than 15 characters
    expect(ipToHex(" 1.2.3.4")).toBeUndefined();
  });
  it("reads IPv6, compressed or not", () => {
    expect(ipToHex("::")).toBe("0".repeat(32));
    expect(ipToHex("::1")).toBe(`${"0".repeat(31)}1`);
    expect(ipToHex("2001:db8::1")).toBe("20010DB8000000000000000000000001");
    expect(ipToHex("2001:0DB8:0:0:0:0:0:1")).toBe("20010DB8000000000000000000000001");
    expect(ipToHex("0002001:db8::1")).toBe("20010DB8000000000000000000000001");
    expect(ipToHex("1:2:3:4:5:6:7:8")).toBe("00010002000300040005000600070008");
    expect(ipToHex("1:::2")).toBeUndefined();
    expect(ipToHex("1::2::3")).toBeUndefined();
    expect(ipToHex("1:2:3:4:5:6:7:8:9")).toBeUndefined();
    expect(ipToHex("1:2:3:4:5:6:7:8::")).toBeUndefined();
    expect(ipToHex("1::2:")).toBeUndefined();
    expect(ipToHex(":1::")).toBeUndefined();
    expect(ipToHex("10000::")).toBeUndefined();
  });
  it("keeps Ruler's regex gate: no mixed notation, no zones, no hostnames", () => {
    expect(ipToHex("::ffff:10.0.0.1")).toBeUndefined();
    expect(ipToHex("fe80::1%eth0")).toBeUndefined();
    expect(ipToHex("localhost")).toBeUndefined();
    expect(ipToHex("")).toBeUndefined();
  });
  it("collapses hex-written IPv4-mapped addresses to IPv4, as InetAddress does", () => {
    expect(ipToHex("::ffff:a00:1")).toBe("0A000001");
  });
});

describe("parseCidr", () => {
  it("builds ranges with host bits cleared", () => {
    expect(parseCidr("10.0.0.0/24")).toEqual({ ok: true, range: { version: 4, first: "0A000000", last: "0A0000FF" } });
    expect(parseCidr("10.0.0.77/24")).toEqual({ ok: true, range: { version: 4, first: "0A000000", last: "0A0000FF" } });
    expect(parseCidr("10.1.2.3/0")).toEqual({ ok: true, range: { version: 4, first: "00000000", last: "FFFFFFFF" } });
    expect(parseCidr("10.1.2.3/31")).toEqual({ ok: true, range: { version: 4, first: "0A010202", last: "0A010203" } });
    expect(parseCidr("2001:db8:1234:1a00::/64")).toEqual({
      ok: true,
      range: { version: 6, first: "20010DB812341A000000000000000000", last: "20010DB812341A00FFFFFFFFFFFFFFFF" },
    });
    expect(parseCidr("10.0.0.0/+8").ok).toBe(true);
    expect(parseCidr("10.0.0.0/8/").ok).toBe(true); // Java's split drops the trailing empty part
  });
  it("gives Ruler's reasons", () => {
    const reason = (text: string): string | undefined => {
      const r = parseCidr(text);
      return r.ok ? undefined : r.reason;
    };
    expect(reason("10.0.0.0")).toBe("Malformed CIDR, one '/' required");
    expect(reason("10.0.0.0/x")).toBe("Malformed CIDR, mask bits must be an integer");
    expect(reason("10.0.0.0/99999999999")).toBe("Malformed CIDR, mask bits must be an integer");
    expect(reason("10.0.0.0/-0")).toBeUndefined();
    expect(reason("10.0.0.0/-3")).toBe("Malformed CIDR, mask bits must not be negative");
    expect(reason("/8")).toBe("Nonstandard IP address: ");
    expect(reason("300.1.1.1/8")).toBe("Invalid IP address: 300.1.1.1");
    expect(reason("10.0.0.0/32")).toBe("IPv4 mask bits must be < 32");
    expect(reason("::/128")).toBe("IPv6 mask bits must be < 128");
    expect(reason("::ffff:a00:0/104")).toBe("IPv4 mask bits must be < 32");
  });
});

describe("ranges", () => {
  it("contain exactly their addresses", () => {
    const r = parseCidr("192.168.0.0/16");
    if (!r.ok) throw new Error(r.reason);
    expect(ipInRange(ipToHex("192.168.255.255") ?? "", r.range)).toBe(true);
    expect(ipInRange(ipToHex("192.169.0.0") ?? "", r.range)).toBe(false);
    const one = ipLiteralRange("10.0.0.1");
    expect(one).toEqual({ version: 4, first: "0A000001", last: "0A000001" });
    expect(ipLiteralRange("not an ip")).toBeUndefined();
  });
  it("compare leading digits, so IPv4 ranges reach IPv6 addresses (Ruler quirk)", () => {
    const v4 = parseCidr("10.0.0.0/8");
    if (!v4.ok) throw new Error("bad test");
    expect(ipInRange(ipToHex("a00:1::") ?? "", v4.range)).toBe(true);
    expect(ipInRange(ipToHex("a00::") ?? "", v4.range)).toBe(true);
    expect(ipInRange(ipToHex("::a00:1") ?? "", v4.range)).toBe(false);
  });
  it("let an IPv4 address into an IPv6 range only strictly inside the bounds' first 8 digits (Ruler quirk)", () => {
    const range = (cidr: string) => {
      const parsed = parseCidr(cidr);
      if (!parsed.ok) throw new Error("bad test");
      return parsed.range;
    };
    const inside = (ip: string, cidr: string) => ipInRange(ipToHex(ip) ?? "", range(cidr));
    expect(inside("10.0.0.1", "::/1")).toBe(true);
    expect(inside("0.0.0.1", "::/1")).toBe(true);
    expect(inside("127.255.255.254", "::/1")).toBe(true);
    expect(inside("0.0.0.0", "::/1")).toBe(false); // on the bottom bound when the address ends
    expect(inside("127.255.255.255", "::/1")).toBe(false); // on the top bound
    expect(inside("128.0.0.1", "::/1")).toBe(false);
    expect(inside("255.255.255.255", "::/0")).toBe(false);
    expect(inside("10.0.0.1", "a00::/8")).toBe(true);
    expect(inside("0.0.0.1", "::/64")).toBe(false);
  });
});
