import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { classifyAddress } from "./addresses";
import { checkOutboundUrl, guardedAgents, guardedLookup, OutboundHttp, OutboundRefusedError, type LookupAll, type Resolver } from "./outbound";
import type { HostRule } from "./settings";

const NONE: readonly HostRule[] = [];

describe("classifyAddress", () => {
  it("knows metadata, link-local, loopback, private and public addresses, IPv4 and IPv6", () => {
    const cases: [string, string][] = [
      ["169.254.169.254", "metadata"],
      ["169.254.170.2", "metadata"],
      ["fd00:ec2::254", "metadata"],
      ["169.254.1.1", "link-local"],
      ["fe80::1", "link-local"],
      ["fe80::1%eth0", "link-local"],
      ["127.0.0.1", "loopback"],
      ["127.255.0.9", "loopback"],
      ["::1", "loopback"],
      ["[::1]", "loopback"],
      ["10.1.2.3", "private"],
      ["172.16.0.1", "private"],
      ["172.31.255.255", "private"],
      ["192.168.1.1", "private"],
      ["100.64.0.1", "private"],
      ["fc00::1", "private"],
      ["fd12:3456::1", "private"],
      ["0.0.0.0", "unspecified"],
      ["::", "unspecified"],
      ["224.0.0.1", "multicast"],
      ["ff02::1", "multicast"],
      ["240.0.0.1", "reserved"],
      ["8.8.8.8", "public"],
      ["172.32.0.1", "public"],
      ["2606:4700::1111", "public"],
    ];
    for (const [address, kind] of cases) expect(classifyAddress(address), address).toBe(kind);
  });

  it("judges IPv6 forms that carry an IPv4 address by that address", () => {
    const cases: [string, string][] = [
      ["::ffff:169.254.169.254", "metadata"],
      ["::ffff:a9fe:a9fe", "metadata"],
      ["::ffff:127.0.0.1", "loopback"],
      ["::ffff:7f00:1", "loopback"],
      ["::ffff:10.0.0.1", "private"],
      ["::169.254.169.254", "metadata"],
      ["64:ff9b::a9fe:a9fe", "metadata"],
      ["2002:a9fe:a9fe::1", "metadata"],
      ["2002:0a00:0001::", "private"],
      ["::ffff:8.8.8.8", "public"],
    ];
    for (const [address, kind] of cases) expect(classifyAddress(address), address).toBe(kind);
  });
});

describe("checkOutboundUrl", () => {
  const resolver =
    (answers: Record<string, string[]>): Resolver =>
    async (hostname) =>
      answers[hostname] ?? [];

  it("never calls metadata or link-local addresses, in any spelling, even when the host is allowed", async () => {
    const targets = [
      "http://169.254.169.254/latest/meta-data/",
      "http://[fd00:ec2::254]/latest/",
      "http://[::ffff:169.254.169.254]/",
      "http://[::ffff:a9fe:a9fe]/",
      // Decimal, hex and octal IPv4 spellings, which the URL parser and getaddrinfo both read as 169.254.169.254.
      "http://2852039166/",
      "http://0xa9.0xfe.0xa9.0xfe/",
      "http://0251.0376.0251.0376/",
      "http://0xa9fea9fe/",
      "http://169.254.1.1:8080/",
      "http://[fe80::1]/",
    ];
    for (const target of targets) {
      const verdict = await checkOutboundUrl(target, [{ hostname: new URL(target).hostname }]);
      expect(verdict.ok, target).toBe(false);
      expect(verdict.ok ? "" : verdict.reason, target).toMatch(/never calls/);
    }
  });

  it("calls this machine and private networks only for hosts the user allowed (host, or host:port)", async () => {
    for (const target of ["http://127.0.0.1:4566/", "http://2130706433/", "http://0x7f.1/", "http://[::1]:8080/", "http://10.0.0.7/hook", "http://192.168.1.20/"]) {
      const verdict = await checkOutboundUrl(target, NONE);
      expect(verdict.ok, target).toBe(false);
      expect(verdict.ok ? "" : verdict.reason).toContain("SWITCHYARD_ALLOWED_OUTBOUND_HOSTS");
    }
    expect((await checkOutboundUrl("http://127.0.0.1:4566/", [{ hostname: "127.0.0.1", port: 4566 }])).ok).toBe(true);
    expect((await checkOutboundUrl("http://127.0.0.1:4567/", [{ hostname: "127.0.0.1", port: 4566 }])).ok).toBe(false);
    expect((await checkOutboundUrl("http://10.0.0.7/hook", [{ hostname: "10.0.0.7" }])).ok).toBe(true);
  });

  it("judges a DNS name by every address it resolves to", async () => {
    const dns = resolver({ "hooks.example.com": ["93.184.216.34"], "rebind.example.com": ["93.184.216.34", "10.0.0.5"], "meta.example.com": ["169.254.169.254"] });
    expect(await checkOutboundUrl("https://hooks.example.com/x", NONE, dns)).toMatchObject({ ok: true, addresses: ["93.184.216.34"] });
    expect(await checkOutboundUrl("https://rebind.example.com/x", NONE, dns)).toMatchObject({ ok: false, reason: expect.stringContaining("rebind.example.com (10.0.0.5) is on a private network") });
    expect(await checkOutboundUrl("https://meta.example.com/x", [{ hostname: "meta.example.com" }], dns)).toMatchObject({ ok: false });
    expect(await checkOutboundUrl("https://nowhere.example.com/x", NONE, dns)).toMatchObject({ ok: false, reason: "nowhere.example.com could not be resolved" });
    // The system resolver: localhost is this machine.
    expect((await checkOutboundUrl("http://localhost:9/", NONE)).ok).toBe(false);
    expect((await checkOutboundUrl("http://localhost:9/", [{ hostname: "localhost" }])).ok).toBe(true);
  });

  it("calls only http and https", async () => {
    expect(await checkOutboundUrl("file:///etc/passwd", NONE)).toMatchObject({ ok: false, reason: expect.stringContaining("only http and https") });
    expect(await checkOutboundUrl("not a url", NONE)).toMatchObject({ ok: false });
  });
});

describe("guardedLookup", () => {
  const answering =
    (address: string, family = 4): LookupAll =>
    (_hostname, _options, callback) =>
      callback(null, [{ address, family }]);

  it("refuses to connect when the name resolves to a forbidden address at connection time", async () => {
    const refuse = (address: string) => (classifyAddress(address) === "public" ? undefined : `no ${address}`);
    const lookup = (address: string) =>
      new Promise<unknown>((resolve) => guardedLookup(refuse, answering(address))("rebind.test", { all: true }, (error, addresses) => resolve(error ?? addresses)));
    expect(await lookup("93.184.216.34")).toEqual([{ address: "93.184.216.34", family: 4 }]);
    expect(await lookup("10.0.0.5")).toBeInstanceOf(OutboundRefusedError);
  });

  it("holds an AWS SDK client's endpoint override to the policy: never a metadata address", async () => {
    const { httpAgent } = guardedAgents(answering("169.254.169.254"));
    const failure = await new Promise<Error>((resolve) => {
      http.get("http://metadata.rebind.test/latest/meta-data/", { agent: httpAgent }, () => resolve(new Error("connected"))).on("error", resolve);
    });
    httpAgent.destroy();
    expect(failure).toBeInstanceOf(OutboundRefusedError);
    expect(failure.message).toBe("metadata.rebind.test (169.254.169.254) is a cloud metadata service address, which Switchyard never calls");
  });
});

describe("OutboundHttp", () => {
  let server: http.Server;
  let port: number;
  const seen: string[] = [];
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      seen.push(req.url ?? "");
      if (req.url === "/redirect") {
        res.writeHead(302, { location: "http://169.254.169.254/latest/meta-data/iam/security-credentials/" });
        res.end();
        return;
      }
      res.writeHead(200, { "content-type": "text/plain" });
      res.end("x".repeat(10_000));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const request = { method: "POST", headers: new Headers({ "content-type": "application/json" }), body: "{}", timeoutMs: 2000, maxResponseBytes: 100 };
  const outboundRequest = async (target: string, rules: readonly HostRule[]) => {
    const client = new OutboundHttp(rules);
    try {
      return await client.request(target, request);
    } finally {
      client.close();
    }
  };

  it("calls an allowed host and keeps at most maxResponseBytes of the answer", async () => {
    const answer = await outboundRequest(`http://127.0.0.1:${port}/hook`, [{ hostname: "127.0.0.1" }]);
    expect(answer.status).toBe(200);
    expect(answer.text).toBe("x".repeat(100));
  });

  it("refuses this machine unless allowed, by address or by a name that resolves to it", async () => {
    const before = seen.length;
    await expect(outboundRequest(`http://127.0.0.1:${port}/hook`, NONE)).rejects.toBeInstanceOf(OutboundRefusedError);
    await expect(outboundRequest(`http://localhost:${port}/hook`, NONE)).rejects.toThrow(/SWITCHYARD_ALLOWED_OUTBOUND_HOSTS/);
    await expect(outboundRequest(`http://localhost:${port}/hook`, [{ hostname: "127.0.0.1" }])).rejects.toBeInstanceOf(OutboundRefusedError);
    expect(seen.length).toBe(before);
    expect((await outboundRequest(`http://localhost:${port}/hook`, [{ hostname: "localhost", port }])).status).toBe(200);
  });

  it("keeps an allowed host's connections to that host: one client still refuses other names for the same address", async () => {
    const client = new OutboundHttp([{ hostname: "localhost", port }]);
    try {
      expect((await client.request(`http://localhost:${port}/hook`, request)).status).toBe(200);
      await expect(client.request(`http://127.0.0.1:${port}/hook`, request)).rejects.toBeInstanceOf(OutboundRefusedError);
      expect((await client.request(`http://localhost:${port}/hook`, request)).status).toBe(200);
    } finally {
      client.close();
    }
  });

  it("never follows a redirect (to a metadata address or anywhere)", async () => {
    const before = seen.length;
    const answer = await outboundRequest(`http://127.0.0.1:${port}/redirect`, [{ hostname: "127.0.0.1" }]);
    expect(answer.status).toBe(302);
    expect(seen.slice(before)).toEqual(["/redirect"]);
  });

  it("refuses metadata addresses before any connection", async () => {
    await expect(outboundRequest("http://169.254.169.254/latest/meta-data/", [{ hostname: "169.254.169.254" }])).rejects.toThrow(/never calls/);
    await expect(outboundRequest("http://[::ffff:169.254.169.254]/", NONE)).rejects.toThrow(/never calls/);
  });
});
