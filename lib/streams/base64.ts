/** Base64 (standard alphabet) of UTF-8 text and back, in the browser and in Node. */

export function encodeBase64Utf8(text: string): string {
  let binary = "";
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** Throws when `base64` is not base64 or does not decode to UTF-8. */
export function decodeBase64Utf8(base64: string): string {
  const binary = atob(base64);
  const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
  return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
}

/** UTF-8 bytes of `text`, as Kafka header values arrive in Lambda's MSK event. */
export function utf8Bytes(text: string): number[] {
  return [...new TextEncoder().encode(text)];
}
