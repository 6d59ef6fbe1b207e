/** Starter 2: an application publishing its own events (`addProduct` → default bus → `logProduct`). */
import type { Design } from "@/lib/graph";
import { at, defaultBus, design, envelope, verdicts, lambda, rule, sample } from "./build";

const ACCOUNT = "123456789012";
const REGION = "eu-west-1";
const PRODUCT = { userId: "user-123", name: "My First Book", category: "Finance", price: 100, insertedId: 1 };

export function logNewProducts(): Design {
  return design({
    name: "Log every new product",
    description: "POST /product invokes addProduct, which inserts the product into MySQL and puts an add-product event; a rule sends it to logProduct, which writes a log item to DynamoDB.",
    nodes: [
      { id: "product-api", kind: "http-api", position: at(0, 1), name: "products-api", method: "POST", path: "/product", notes: "API Gateway HTTP API; the route's Lambda integration is addProduct." },
      lambda(
        "add-product",
        at(1, 1),
        "addProduct",
        "Inserts the product into the MySQL table Products, then calls PutEvents (source log.addProduct, detail-type add-product, detail {userId, name, category, price, insertedId}) on the default bus. Its role needs events:PutEvents.",
      ),
      { id: "products", kind: "database", position: at(2, 0), engine: "MySQL", name: "Products" },
      defaultBus("default-bus", at(2, 2)),
      rule("log-product", at(3, 2), {
        name: "log-new-product",
        description: "Every product addProduct publishes goes to logProduct",
        pattern: { source: ["log.addProduct"] },
        expectations: [...verdicts(["new-product"], "match"), ...verdicts(["other-source"], "no-match")],
      }),
      lambda(
        "log-product-fn",
        at(4, 2),
        "logProduct",
        "Writes one log item: PK Log#<uuid>, SK Product#Log, ProductId, UserId, Name, Action NEW_PRODUCT.",
      ),
      { id: "product-log", kind: "dynamodb-table", position: at(5, 2), tableName: "ProductLog" },
    ],
    links: [
      ["product-api", "add-product"],
      ["add-product", "products"],
      ["add-product", "default-bus"],
      ["default-bus", "log-product"],
      ["log-product", "log-product-fn"],
      ["log-product-fn", "product-log"],
    ],
    samples: [
      sample(
        "new-product",
        "add-product from addProduct",
        "add-product",
        envelope({ id: "0d5b2a7e-1c3f-4e9a-b6d8-2f4a6c8e0b11", source: "log.addProduct", detailType: "add-product", account: ACCOUNT, region: REGION, time: "2026-03-02T11:04:12Z", detail: PRODUCT }),
      ),
      sample(
        "other-source",
        "The same event from another source (log.importProducts)",
        undefined,
        envelope({ id: "7c1e9f3a-5b2d-4a8c-9e0f-3b5d7f9a1c22", source: "log.importProducts", detailType: "add-product", account: ACCOUNT, region: REGION, time: "2026-03-02T11:05:40Z", detail: PRODUCT }),
      ),
    ],
  });
}
