import { expect, test } from "@playwright/test";
import { createDesignFromList } from "./editor";

test.describe("Designs page", () => {
  test("shows the app shell and the designs list", async ({ page }) => {
    await page.goto("/");
    await expect(page).toHaveURL(/\/designs$/);
    await expect(page.getByRole("heading", { name: "Designs", level: 1 })).toBeVisible();
    const nav = page.getByRole("navigation", { name: "Main" });
    for (const label of ["Designs", "Lab", "Events", "AWS", "Settings"]) {
      await expect(nav.getByRole("link", { name: label })).toBeVisible();
    }
    await nav.getByRole("link", { name: "Lab" }).click();
    await expect(page.getByRole("heading", { name: "Pattern lab" })).toBeVisible();
  });

  test("creates a design, which opens on the canvas, and renames it; both survive a reload", async ({ page }) => {
    const name = `Orders flow ${Date.now()}`;
    await page.goto("/designs");
    await createDesignFromList(page, name);

    await page.reload();
    await expect(page.getByTestId("design-row").filter({ hasText: name })).toHaveCount(1);

    const renamed = `${name} (renamed)`;
    await page.getByRole("button", { name: `Rename ${name}` }).click();
    const input = page.getByLabel(`New name for ${name}`);
    await input.fill(renamed);
    await input.press("Enter");
    await expect(page.getByTestId("design-row").filter({ hasText: renamed })).toBeVisible();
    await expect(page.getByTestId("design-row").filter({ hasText: "version 2" }).filter({ hasText: renamed })).toBeVisible();

    await page.reload();
    await expect(page.getByTestId("design-row").filter({ hasText: renamed })).toBeVisible();
    await expect(page.getByText(name, { exact: true })).toHaveCount(0);
  });

  test("deleting asks first, and cancelling keeps the design", async ({ page }) => {
    const name = `Doomed ${Date.now()}`;
    await page.goto("/designs");
    await createDesignFromList(page, name);

    await page.getByRole("button", { name: `Delete ${name}` }).click();
    const dialog = page.getByRole("alertdialog");
    await expect(dialog).toContainText(`Delete “${name}”?`);
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(dialog).toHaveCount(0);
    await page.reload();
    await expect(page.getByTestId("design-row").filter({ hasText: name })).toBeVisible();

    await page.getByRole("button", { name: `Delete ${name}` }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Delete design" }).click();
    await expect(page.getByTestId("design-row").filter({ hasText: name })).toHaveCount(0);
    await page.reload();
    await expect(page.getByTestId("design-row").filter({ hasText: name })).toHaveCount(0);
  });
});

test.describe("Designs API", () => {
  test("rejects an invalid body with a 4xx that says what is wrong", async ({ request }) => {
    const missingName = await request.post("/api/designs", { data: { description: 42 } });
    expect(missingName.status()).toBe(422);
    const body = await missingName.json();
    expect(body.error.code).toBe("validation");
    expect(body.error.message).toContain("name");
    expect(body.error.message).toContain("description");
    expect(body.error.issues.map((i: { path: string }) => i.path).sort()).toEqual(["description", "name"]);

    const notJson = await request.post("/api/designs", { data: Buffer.from("{not json"), headers: { "content-type": "application/json" } });
    expect(notJson.status()).toBe(422);
    expect((await notJson.json()).error.message).toMatch(/not valid JSON/);

    const unknownField = await request.post("/api/designs", { data: { name: "x", colour: "red" } });
    expect(unknownField.status()).toBe(422);
    expect((await unknownField.json()).error.message).toContain("colour");
  });

  test("refuses a stale rename and reports a missing design", async ({ request }) => {
    const created = await request.post("/api/designs", { data: { name: "Concurrency" } });
    expect(created.status()).toBe(201);
    const { design } = await created.json();

    const first = await request.patch(`/api/designs/${design.id}`, { data: { name: "First", version: 1 } });
    expect(first.status()).toBe(200);
    expect((await first.json()).design.version).toBe(2);

    const stale = await request.patch(`/api/designs/${design.id}`, { data: { name: "Second", version: 1 } });
    expect(stale.status()).toBe(409);
    expect((await stale.json()).error.message).toMatch(/changed by someone else/);

    const missing = await request.get("/api/designs/dsn_doesnotexist");
    expect(missing.status()).toBe(404);
  });

  test("health reports the database", async ({ request }) => {
    const health = await request.get("/api/health");
    expect(health.status()).toBe(200);
    const body = await health.json();
    expect(body.status).toBe("ok");
    expect(body.database.ok).toBe(true);
  });
});
