import { expect, test, type Locator, type Page } from "@playwright/test";

/**
 * One colour scheme for the whole app: chosen in the header, kept in localStorage, applied as the
 * `dark` class on <html> by an inline script before the body is parsed (so no light flash).
 */

/** Perceived lightness 0–255 of an element's computed CSS property, whatever colour syntax it uses. */
async function lightness(locator: Locator, property: "backgroundColor" | "color"): Promise<number> {
  return locator.evaluate((element, prop) => {
    const canvas = document.createElement("canvas");
    canvas.width = canvas.height = 1;
    const context = canvas.getContext("2d")!;
    context.fillStyle = getComputedStyle(element)[prop];
    context.fillRect(0, 0, 1, 1);
    const [r, g, b, a] = context.getImageData(0, 0, 1, 1).data;
    if (a === 0) throw new Error(`${prop} is transparent`);
    return 0.299 * r + 0.587 * g + 0.114 * b;
  }, property);
}

async function expectDark(page: Page, background: Locator, text: Locator) {
  await expect(page.locator("html")).toHaveClass(/(^|\s)dark(\s|$)/);
  expect(await lightness(page.locator("body"), "backgroundColor")).toBeLessThan(60);
  expect(await lightness(page.locator("header"), "backgroundColor")).toBeLessThan(60);
  expect(await lightness(background, "backgroundColor")).toBeLessThan(60);
  expect(await lightness(text, "color")).toBeGreaterThan(180);
}

test("dark chosen on the Designs page holds on every page, survives a reload without a light flash, and light undoes it", async ({ page, request }) => {
  const created = await request.post("/api/designs", { data: { name: `Dark e2e ${Date.now()}` } });
  expect(created.status()).toBe(201);
  const { design } = (await created.json()) as { design: { id: string } };
  // The class the inline script adds must not upset hydration (React's error #418 in production).
  const hydrationErrors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" && /hydrat|#418|#425/i.test(message.text())) hydrationErrors.push(message.text());
  });
  page.on("pageerror", (error) => {
    if (/hydrat|#418|#425/i.test(error.message)) hydrationErrors.push(error.message);
  });

  // Records whether <html> was dark when the body started: before any paint and before React.
  await page.addInitScript(() => {
    const observer = new MutationObserver(() => {
      if (!document.body) return;
      (window as unknown as { darkAtFirstBody: boolean }).darkAtFirstBody = document.documentElement.classList.contains("dark");
      observer.disconnect();
    });
    observer.observe(document, { childList: true, subtree: true });
  });
  const darkAtFirstBody = () => page.evaluate(() => (window as unknown as { darkAtFirstBody?: boolean }).darkAtFirstBody);

  await page.goto("/designs");
  const scheme = page.getByRole("group", { name: "Color scheme" });
  await expect(scheme.getByRole("button", { name: "System" })).toHaveAttribute("aria-pressed", "true");
  await expect(page.locator("html")).not.toHaveClass(/dark/);
  expect(await lightness(page.getByRole("list", { name: "Designs" }), "backgroundColor")).toBeGreaterThan(200);

  await scheme.getByRole("button", { name: "Dark" }).click();
  await expect(scheme.getByRole("button", { name: "Dark" })).toHaveAttribute("aria-pressed", "true");
  await expectDark(page, page.getByRole("list", { name: "Designs" }), page.getByRole("heading", { name: "Designs", level: 1 }));

  const nav = page.getByRole("navigation", { name: "Main" });
  await nav.getByRole("link", { name: "Events" }).click();
  await expect(page).toHaveURL(/\/events$/);
  await expectDark(page, page.locator("main form").first(), page.getByRole("heading", { name: "Events", level: 1 }));

  await nav.getByRole("link", { name: "Settings" }).click();
  await expect(page).toHaveURL(/\/settings$/);
  await expectDark(page, page.locator("body"), page.getByRole("heading", { name: "Settings", level: 1 }));

  await nav.getByRole("link", { name: "Lab" }).click();
  await expectDark(page, page.getByTestId("lab-page"), page.getByRole("heading", { name: "Pattern lab" }));

  // A full load of the designer: dark before the body is parsed, and the canvas follows (React Flow's colorMode).
  await page.goto(`/designs/${design.id}`);
  expect(await darkAtFirstBody()).toBe(true);
  await expect(page.getByTestId("design-editor")).toBeVisible();
  await expect(page.locator(".react-flow")).toHaveClass(/dark/);
  await expectDark(page, page.locator(".react-flow"), page.getByLabel("Design name"));

  // Reload: the server's HTML carries the inline script in <head>, so the class is there at first paint.
  const html = await (await request.get("/designs")).text();
  const head = html.slice(0, html.indexOf("<body"));
  expect(head).toContain("switchyard-color-scheme");
  await page.goto("/designs", { waitUntil: "domcontentloaded" });
  expect(await darkAtFirstBody()).toBe(true);
  expect(await page.evaluate(() => document.documentElement.classList.contains("dark"))).toBe(true);
  await page.reload({ waitUntil: "domcontentloaded" });
  expect(await darkAtFirstBody()).toBe(true);
  await expectDark(page, page.getByRole("list", { name: "Designs" }), page.getByRole("heading", { name: "Designs", level: 1 }));

  // Light removes it, here and on the next page load.
  await page.getByRole("group", { name: "Color scheme" }).getByRole("button", { name: "Light" }).click();
  await expect(page.locator("html")).not.toHaveClass(/dark/);
  expect(await lightness(page.locator("header"), "backgroundColor")).toBeGreaterThan(200);
  await page.goto("/events", { waitUntil: "domcontentloaded" });
  expect(await darkAtFirstBody()).toBe(false);
  await expect(page.locator("html")).not.toHaveClass(/dark/);
  expect(await lightness(page.locator("body"), "backgroundColor")).toBeGreaterThan(200);
  expect(hydrationErrors).toEqual([]);
});

test("with no choice the system's dark setting decides, before first paint", async ({ browser }) => {
  const context = await browser.newContext({ colorScheme: "dark" });
  const page = await context.newPage();
  await page.goto("/designs", { waitUntil: "domcontentloaded" });
  expect(await page.evaluate(() => document.documentElement.classList.contains("dark"))).toBe(true);
  await expect(page.getByRole("group", { name: "Color scheme" }).getByRole("button", { name: "System" })).toHaveAttribute("aria-pressed", "true");
  // The page was taken at domcontentloaded: a click before React hydrates the toggle does nothing, so click until it takes.
  await expect(async () => {
    await page.getByRole("group", { name: "Color scheme" }).getByRole("button", { name: "Light" }).click();
    await expect(page.locator("html")).not.toHaveClass(/dark/, { timeout: 1000 });
  }).toPass();
  await context.close();
});
