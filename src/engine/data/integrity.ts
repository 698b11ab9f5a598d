/**
 * Checks a downloaded or cached file against its manifest entry: first the byte length, then the
 * SHA-256. A mismatch is a DataIntegrityError whose message names the file and what was wrong.
 */
import type { FileEntry } from './manifest';
import { sha256Hex } from './sha256';

/** A data file whose bytes do not match the manifest (damaged, truncated or stale). */
export class DataIntegrityError extends Error {
  override name = 'DataIntegrityError';
  constructor(
    message: string,
    /** The manifest's name of the file. */
    readonly file: string,
  ) {
    super(message);
  }
}

/** The file name without its checksum part: "train-00.3fa2c1d9e0b1.images.bin" → "train-00.images.bin". */
export function displayName(file: string): string {
  return file.replace(/\.[0-9a-f]{12}(?=\.[a-z]+\.bin$)/, '');
}

/** Resolves if `bytes` is exactly the file the manifest describes; throws DataIntegrityError otherwise. */
export async function verifyFile(entry: FileEntry, bytes: Uint8Array): Promise<void> {
  const name = displayName(entry.file);
  if (bytes.byteLength !== entry.bytes) {
    throw new DataIntegrityError(`${name} is corrupt or truncated (expected ${entry.bytes} bytes, got ${bytes.byteLength})`, entry.file);
  }
  const actual = await sha256Hex(bytes);
  if (actual !== entry.sha256) {
    throw new DataIntegrityError(
      `${name} is corrupt (its SHA-256 is ${actual.slice(0, 12)}…, expected ${entry.sha256.slice(0, 12)}…)`,
      entry.file,
    );
  }
}

/** True when `bytes` matches the entry; never throws for a mismatch. */
export async function matches(entry: FileEntry, bytes: Uint8Array): Promise<boolean> {
  return bytes.byteLength === entry.bytes && (await sha256Hex(bytes)) === entry.sha256;
}
