/**
 * A model's weights as a NumPy `.npz` file: an uncompressed ZIP ("stored" entries) of `.npy` files (NPY format 1.0,
 * little-endian float32, C order), one per variable, named by layer in Keras' weight order: `conv2d_1/kernel`,
 * `conv2d_1/bias`, `batch_normalization_1/gamma`, `…/beta`, `…/moving_mean`, `…/moving_variance`, `dense_1/kernel`…
 * (the layer names of `summarize()`, the roles each layer type's `weights()` declares). The arrays keep the browser's
 * layouts, which are Keras': [kh, kw, in, out] for convolution kernels, [in, out] for dense kernels.
 * `np.load("weights.npz")["dense_1/kernel"]` reads one. Pure: no tfjs, no DOM.
 */
import { defOf } from '../layers/registry';
import { expandLayers, summarize } from '../spec/summarize';
import type { DataSpec, ModelSpec } from '../spec/schema';

/** One array for the file. */
export interface NamedArray {
  name: string;
  shape: number[];
  values: Float32Array;
}

/** One of a model's variables as the .npz names it. */
export interface WeightEntry {
  /** "conv2d_1/kernel". */
  name: string;
  /** The layer's Keras name, "conv2d_1", and its index in the expanded layer list. */
  layer: string;
  layerIndex: number;
  /** The registry's role: 'kernel', 'bias', 'gamma', 'beta', 'movingMean', 'movingVariance'. */
  role: string;
  shape: number[];
}

/** A role as Keras names the weight: movingMean → moving_mean. */
export const kerasWeightName = (role: string) => role.replace(/([A-Z])/g, '_$1').toLowerCase();

/** Every variable of the model, in the order the engine keeps them (layer by layer, each in Keras' weight order). */
export function weightEntries(spec: { data: Pick<DataSpec, 'input'>; model: ModelSpec }): WeightEntry[] {
  const summary = summarize(spec);
  return expandLayers(spec.model).flatMap((layer, i) => {
    const input = i === 0 ? summary.inputShape : summary.layers[i - 1].outputShape;
    const name = summary.layers[i].name;
    return (defOf(layer).weights?.(layer, input) ?? []).map((d) => ({
      name: `${name}/${kerasWeightName(d.role)}`,
      layer: name,
      layerIndex: i,
      role: d.role,
      shape: d.shape,
    }));
  });
}

/**
 * Names and shapes a model's variable values (as `snapshotParams` returns them: one Float32Array per variable, in
 * layer order). Throws when the values do not fit the spec's model.
 */
export function namedWeights(spec: { data: Pick<DataSpec, 'input'>; model: ModelSpec }, values: Float32Array[]): NamedArray[] {
  const entries = weightEntries(spec);
  if (values.length !== entries.length) throw new Error(`the model has ${entries.length} weight arrays, got ${values.length}`);
  return entries.map((e, i) => {
    const size = e.shape.reduce((a, b) => a * b, 1);
    if (values[i].length !== size) throw new Error(`${e.name} has ${size} values (${e.shape.join('×')}), got ${values[i].length}`);
    return { name: e.name, shape: e.shape, values: values[i] };
  });
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (ISO-HDLC, as ZIP and PNG use it) of `bytes`: "123456789" → 0xcbf43926. */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** Printable ASCII (and newlines) as bytes. */
const ascii = (s: string) =>
  Uint8Array.from(s, (ch) => {
    const code = ch.charCodeAt(0);
    if (code > 0x7e || (code < 0x20 && code !== 0x0a)) throw new Error(`not printable ASCII: ${JSON.stringify(s)}`);
    return code;
  });

/**
 * One `.npy` file, format 1.0: the magic "\x93NUMPY", version 1.0, the header length (uint16, little-endian), a
 * Python dict literal padded with spaces and ended by "\n" so that the data starts at a multiple of 64 bytes, then the
 * float32 values, little-endian, in C order.
 */
export function encodeNpy(shape: number[], values: Float32Array): Uint8Array {
  const size = shape.reduce((a, b) => a * b, 1);
  if (size !== values.length) throw new Error(`shape ${shape.join('×')} needs ${size} values, got ${values.length}`);
  const dims = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  const dict = `{'descr': '<f4', 'fortran_order': False, 'shape': ${dims}, }`;
  const unpadded = 10 + dict.length + 1;
  const header = dict + ' '.repeat((64 - (unpadded % 64)) % 64) + '\n';
  if (header.length > 0xffff) throw new Error('npy header too long');
  const out = new Uint8Array(10 + header.length + 4 * size);
  const view = new DataView(out.buffer);
  out.set([0x93, ...ascii('NUMPY'), 1, 0]);
  view.setUint16(8, header.length, true);
  out.set(ascii(header), 10);
  const start = 10 + header.length;
  for (let i = 0; i < size; i++) view.setFloat32(start + 4 * i, values[i], true);
  return out;
}

/** MS-DOS date of 1980-01-01 00:00 (the earliest ZIP can say): the same bytes for the same weights. */
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
const DOS_TIME = 0;

/**
 * An uncompressed ZIP of `files` (name → bytes): a local header and the bytes of each, then the central directory
 * and its end record. No ZIP64: each file and the whole archive must stay under 4 GiB.
 */
export function encodeZip(files: { name: string; bytes: Uint8Array }[]): Uint8Array {
  const names = files.map((f) => new TextEncoder().encode(f.name));
  const crcs = files.map((f) => crc32(f.bytes));
  const localSize = files.reduce((s, f, i) => s + 30 + names[i].length + f.bytes.length, 0);
  const centralSize = names.reduce((s, n) => s + 46 + n.length, 0);
  const total = localSize + centralSize + 22;
  if (total > 0xffffffff || files.length > 0xffff) throw new Error('too large for a ZIP without ZIP64');
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  const offsets: number[] = [];
  let at = 0;
  files.forEach((f, i) => {
    offsets.push(at);
    view.setUint32(at, 0x04034b50, true); // local file header
    view.setUint16(at + 4, 20, true); // version needed: 2.0
    view.setUint16(at + 6, 0, true); // flags
    view.setUint16(at + 8, 0, true); // method: stored
    view.setUint16(at + 10, DOS_TIME, true);
    view.setUint16(at + 12, DOS_DATE, true);
    view.setUint32(at + 14, crcs[i], true);
    view.setUint32(at + 18, f.bytes.length, true); // compressed size
    view.setUint32(at + 22, f.bytes.length, true); // uncompressed size
    view.setUint16(at + 26, names[i].length, true);
    view.setUint16(at + 28, 0, true); // extra field length
    out.set(names[i], at + 30);
    out.set(f.bytes, at + 30 + names[i].length);
    at += 30 + names[i].length + f.bytes.length;
  });
  const central = at;
  files.forEach((f, i) => {
    view.setUint32(at, 0x02014b50, true); // central directory header
    view.setUint16(at + 4, 20, true); // version made by: 2.0, MS-DOS attributes
    view.setUint16(at + 6, 20, true); // version needed
    view.setUint16(at + 8, 0, true);
    view.setUint16(at + 10, 0, true);
    view.setUint16(at + 12, DOS_TIME, true);
    view.setUint16(at + 14, DOS_DATE, true);
    view.setUint32(at + 16, crcs[i], true);
    view.setUint32(at + 20, f.bytes.length, true);
    view.setUint32(at + 24, f.bytes.length, true);
    view.setUint16(at + 28, names[i].length, true);
    // extra, comment, disk number, internal and external attributes: all 0 (bytes 30–41)
    view.setUint32(at + 42, offsets[i], true);
    out.set(names[i], at + 46);
    at += 46 + names[i].length;
  });
  view.setUint32(at, 0x06054b50, true); // end of central directory
  view.setUint16(at + 8, files.length, true); // entries on this disk
  view.setUint16(at + 10, files.length, true); // entries in all
  view.setUint32(at + 12, at - central, true); // central directory size
  view.setUint32(at + 16, central, true); // and where it starts
  return out;
}

/** The .npz of `arrays`: `<name>.npy` each, in order. */
export function encodeNpz(arrays: NamedArray[]): Uint8Array {
  const seen = new Set<string>();
  return encodeZip(
    arrays.map((a) => {
      if (seen.has(a.name)) throw new Error(`two arrays named ${a.name}`);
      seen.add(a.name);
      return { name: `${a.name}.npy`, bytes: encodeNpy(a.shape, a.values) };
    }),
  );
}

/** The .npz of a model's weights, from its variable values in engine order (`snapshotParams`). */
export function weightsNpz(spec: { data: Pick<DataSpec, 'input'>; model: ModelSpec }, values: Float32Array[]): Uint8Array {
  return encodeNpz(namedWeights(spec, values));
}
