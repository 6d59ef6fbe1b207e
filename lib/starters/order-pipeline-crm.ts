/**
 * A stand-in for the Order pipeline's CRM, for tests: answers the customer lookup (the pipe's
 * enrichment) with the order, its total and the customer, on a loopback port; keeps the bodies
 * it was sent.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface CustomerLookup {
  /** The lookup's URL, e.g. http://127.0.0.1:41234/customers/lookup. */
  readonly url: string;
  readonly requests: string[];
  close(): Promise<void>;
}

/** Listens on `port` of 127.0.0.1 (0: any free one). */
export async function startCustomerLookup(port = 0): Promise<CustomerLookup> {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    req.on("end", () => {
      requests.push(body);
      const order = JSON.parse(body) as { orderId: string; customerId: string; total: number };
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ orderId: order.orderId, total: order.total, customer: { id: order.customerId, tier: "gold" } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/customers/lookup`,
    requests,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
