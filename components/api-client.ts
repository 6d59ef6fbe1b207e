/**
 * The browser's one way to call the app's JSON API: failures become Errors carrying the server's
 * message (lib/errors.ts gives every error body the shape `{ error: { message } }`).
 */
export async function requestJson<T>(url: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(url, { ...init, headers: { "content-type": "application/json", ...init.headers } });
  if (response.status === 204) return undefined as T;
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const message =
      typeof body === "object" && body !== null && "error" in body
        ? String((body as { error: { message?: unknown } }).error.message)
        : `Request failed with status ${response.status}`;
    throw new Error(message);
  }
  return body as T;
}
