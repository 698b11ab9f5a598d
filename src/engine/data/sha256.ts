/**
 * SHA-256 through WebCrypto (`crypto.subtle`), available in browsers, Web Workers and Node ≥ 19.
 * Note: browsers only expose `crypto.subtle` in secure contexts (https or localhost).
 */

/** Lowercase hex SHA-256 of `bytes`. */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) throw new Error('cannot verify downloads: this browser offers no WebCrypto (crypto.subtle); open the page over https');
  const digest = await subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  const view = new Uint8Array(digest);
  let hex = '';
  for (let i = 0; i < view.length; i++) hex += view[i].toString(16).padStart(2, '0');
  return hex;
}
