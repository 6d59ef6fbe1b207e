/** NextToken / Limit paging through the SDK (EventBridge's SDK has no paginators: callers loop). */
import { EventBridgeClient, ListRulesCommand, PutRuleCommand } from "@aws-sdk/client-eventbridge";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestEndpoint, type TestEndpoint } from "../test-endpoint";

let endpoint: TestEndpoint;
let eb: EventBridgeClient;
const names = Array.from({ length: 7 }, (_, i) => `rule-${i}`);

beforeAll(async () => {
  endpoint = await startTestEndpoint();
  eb = endpoint.eventBridgeClient();
  for (const name of names) await eb.send(new PutRuleCommand({ Name: name, EventPattern: '{"source":["x"]}' }));
});

afterAll(() => endpoint.close());

describe("pagination", () => {
  it("pages by Limit with NextToken until the end", async () => {
    const first = await eb.send(new ListRulesCommand({ Limit: 3 }));
    expect(first.Rules?.map((r) => r.Name)).toEqual(names.slice(0, 3));
    const second = await eb.send(new ListRulesCommand({ Limit: 3, NextToken: first.NextToken }));
    expect(second.Rules?.map((r) => r.Name)).toEqual(names.slice(3, 6));
    const last = await eb.send(new ListRulesCommand({ Limit: 3, NextToken: second.NextToken }));
    expect(last.Rules?.map((r) => r.Name)).toEqual(names.slice(6));
    expect(last.NextToken).toBeUndefined();
  });

  it("pages a name prefix's matches", async () => {
    await eb.send(new PutRuleCommand({ Name: "other", EventPattern: '{"source":["x"]}' }));
    const seen: string[] = [];
    let token: string | undefined;
    do {
      const page = await eb.send(new ListRulesCommand({ NamePrefix: "rule-", Limit: 2, NextToken: token }));
      seen.push(...(page.Rules ?? []).map((r) => r.Name ?? ""));
      token = page.NextToken;
    } while (token !== undefined);
    expect(seen).toEqual(names);
  });
});
