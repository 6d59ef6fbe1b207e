/** Steps the specs share: a fresh design opened in the editor, and replacing a CodeMirror editor's text. */
import { expect, type APIRequestContext, type Locator, type Page } from "@playwright/test";

/** Creates an empty design through the API and opens it in the editor; answers its id. */
export async function openNewDesign(page: Page, request: APIRequestContext, name: string): Promise<string> {
  const created = await request.post("/api/designs", { data: { name } });
  expect(created.status()).toBe(201);
  const { design } = (await created.json()) as { design: { id: string } };
  await page.goto(`/designs/${design.id}`);
  await expect(page.getByTestId("design-editor")).toBeVisible();
  return design.id;
}

/**
 * Creates a design with the Designs page's "New design" form, which opens it on the canvas, then
 * goes back to the list; answers its row there.
 */
export async function createDesignFromList(page: Page, name: string): Promise<Locator> {
  await page.getByLabel("Name of the new design").fill(name);
  await page.getByRole("button", { name: "New design" }).click();
  await page.waitForURL(/\/designs\/[^/]+$/);
  await expect(page.getByLabel("Design name")).toHaveValue(name);
  await expect(page.getByTestId("design-editor")).toBeVisible();
  await page.getByRole("link", { name: "← Designs" }).click();
  await page.waitForURL(/\/designs$/);
  const row = page.getByTestId("design-row").filter({ hasText: name });
  await expect(row).toBeVisible();
  return row;
}

/** Focuses a CodeMirror editor and replaces its whole text, as a user pasting over it. */
export async function replaceEditorText(page: Page, editor: Locator, text: string): Promise<void> {
  await editor.click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText(text);
}

/** Replaces the text of the inspector's CodeMirror editor labelled `label`. */
export function setInspectorCode(page: Page, label: string, text: string): Promise<void> {
  return replaceEditorText(page, page.getByTestId("inspector").getByRole("textbox", { name: label }), text);
}
