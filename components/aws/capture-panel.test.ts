import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { CapturePanel } from "./capture-panel";

describe("CapturePanel", () => {
  it("renders its first state: archives loading, no consent, capture disabled", () => {
    const html = renderToStaticMarkup(createElement(CapturePanel));
    expect(html).toContain("Capture events into Switchyard");
    expect(html).toContain("Listing archives…");
    expect(html).toMatch(/<input[^>]*type="checkbox"[^>]*disabled=""/);
    expect(html).toMatch(/<button type="submit" disabled=""[^>]*>Capture<\/button>/);
  });
});
