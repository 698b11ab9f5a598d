/**
 * Pretrained weights for the first layers of a model (`model.pretrained`): a model file under the site's
 * `models/<name>/` — `model.json` (which layers, which tensors, how they were trained) and a weights file of
 * little-endian float32 values, kernel then bias of each layer with weights, in layer order (Keras' layouts:
 * [kh, kw, cin, filters] and [in, units]). The loader checks that the file's layers are the model's first
 * layers and that the weights file has exactly the SHA-256 the spec names; it refuses anything else, so a
 * damaged or different file never reaches training. No tfjs here: createParams turns the arrays into variables.
 */
import { z } from '../spec/zod';
import { sha256Hex } from '../data/sha256';
import { layerSchema, type ExperimentSpec, type LayerSpec } from '../spec/schema';
import { defOf } from '../layers/registry';
import { expandLayers } from '../spec/summarize';

export const MODEL_FORMAT = 'learning-curves-model/1';

/** Name of a weights file: its checksum's first 12 digits in the name, so a cached copy never goes stale. */
export function weightsFileName(sha256: string): string {
  return `weights.${sha256.slice(0, 12)}.bin`;
}

/** The model file could not be used: missing, malformed, for other layers, or not the file the spec names. */
export class PretrainedError extends Error {
  override name = 'PretrainedError';
}

const tensorSchema = z.object({
  /** Course notation: W1, b1, W2, b2… */
  name: z.string(),
  /** Index of the layer in `layers`. */
  layer: z.number().int().min(0),
  shape: z.array(z.number().int().min(1)).min(1),
});

export const modelManifestSchema = z.object({
  format: z.literal(MODEL_FORMAT),
  name: z.string(),
  description: z.string().optional(),
  /** The data input the layers expect ('image': 28×28×1, 'flat': 784). */
  input: z.enum(['flat', 'image']),
  /** Every layer of the model the file was trained as (the first ones are the extractor). */
  layers: z.array(layerSchema).min(1),
  weights: z.object({ file: z.string().regex(/^[\w.-]+$/), bytes: z.number().int().min(4), sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
  /** The tensors in the weights file, in file order. */
  tensors: z.array(tensorSchema).min(1),
  /** How the weights were made (script, data, seed, machine, runtime, accuracy): for readers, not the loader. */
  training: z.record(z.string(), z.unknown()).optional(),
});
export type ModelManifest = z.infer<typeof modelManifestSchema>;

/** Loaded weights of one layer. */
export interface LayerWeights {
  kernel: Float32Array;
  bias: Float32Array;
}

/** What createParams needs: values for the first `layers` layers (null where a layer has no weights). */
export interface PretrainedWeights {
  name: string;
  sha256: string;
  layers: number;
  freeze: boolean;
  values: (LayerWeights | null)[];
}

/** Where model files come from: the site (fetch) or the repository's public/models (Node). */
export interface ModelSource {
  /** Text of `models/<name>/<file>`. */
  text(name: string, file: string): Promise<string>;
  /** Bytes of `models/<name>/<file>`. */
  bytes(name: string, file: string): Promise<Uint8Array>;
}

/** "conv2d(8 filters, 3×3, relu)", "maxPooling2d(2×2)", "dense(64, relu)": a layer in a few words. */
export function describeLayer(l: LayerSpec): string {
  return defOf(l).label(l);
}

/** Validates a model.json; throws PretrainedError naming what is wrong. */
export function parseModelManifest(json: unknown, where: string): ModelManifest {
  const r = modelManifestSchema.safeParse(json);
  if (!r.success) {
    const first = r.error.issues[0];
    throw new PretrainedError(`${where} is not a model file this book can read (${first.path.join('.') || 'file'}: ${first.message})`);
  }
  const m = r.data;
  const floats = m.tensors.reduce((t, x) => t + x.shape.reduce((a, b) => a * b, 1), 0);
  if (floats * 4 !== m.weights.bytes) {
    throw new PretrainedError(`${where} lists ${floats} weights (${floats * 4} bytes) but a weights file of ${m.weights.bytes} bytes`);
  }
  return m;
}

const same = (a: LayerSpec, b: LayerSpec) => JSON.stringify(a) === JSON.stringify(b);

/** Why the file's layers cannot be the spec's first `n` layers, or null when they can. */
export function layerMismatch(manifest: ModelManifest, spec: ExperimentSpec, n: number): string | null {
  if (manifest.input !== spec.data.input) {
    return `the pretrained model ${manifest.name} takes ${manifest.input} input, but this experiment's data input is ${spec.data.input}`;
  }
  if (n > manifest.layers.length) return `the pretrained model ${manifest.name} has only ${manifest.layers.length} layers, not ${n}`;
  const mine = expandLayers(spec.model);
  for (let i = 0; i < n; i++) {
    const theirs = layerSchema.parse(manifest.layers[i]);
    if (!same(theirs, mine[i])) {
      return `layer ${i + 1} of the pretrained model ${manifest.name} is ${describeLayer(theirs)}, but this model's layer ${i + 1} is ${describeLayer(mine[i])}`;
    }
  }
  return null;
}

/** Reads little-endian float32 values (whatever the machine's byte order). */
function floatsAt(bytes: Uint8Array, offset: number, count: number): Float32Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset + offset, count * 4);
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) out[i] = view.getFloat32(i * 4, true);
  return out;
}

/** Splits a verified weights file into per-layer kernels and biases for the first `n` layers. */
export function splitWeights(manifest: ModelManifest, bytes: Uint8Array, n: number): (LayerWeights | null)[] {
  const values: (LayerWeights | null)[] = Array.from({ length: n }, () => null);
  const found: Float32Array[][] = Array.from({ length: n }, () => []);
  let offset = 0;
  for (const t of manifest.tensors) {
    const count = t.shape.reduce((a, b) => a * b, 1);
    if (t.layer < n) found[t.layer].push(floatsAt(bytes, offset, count));
    offset += count * 4;
  }
  found.forEach((arrays, i) => {
    if (arrays.length === 0) return;
    if (arrays.length !== 2)
      throw new PretrainedError(
        `the pretrained model ${manifest.name} lists ${arrays.length} tensors for layer ${i + 1} (expected a kernel and a bias)`,
      );
    values[i] = { kernel: arrays[0], bias: arrays[1] };
  });
  return values;
}

/**
 * Loads the weights of `spec.model.pretrained` from `source`: reads model.json, checks its layers against the
 * spec's first layers and its input against the spec's data, fetches the weights file and verifies its length
 * and SHA-256 against the spec. Throws PretrainedError with a sentence for the reader on any mismatch.
 */
export async function loadPretrained(source: ModelSource, spec: ExperimentSpec): Promise<PretrainedWeights> {
  const p = spec.model.pretrained;
  if (!p) throw new Error('this experiment uses no pretrained weights');
  const where = `models/${p.name}/model.json`;
  let text: string;
  try {
    text = await source.text(p.name, 'model.json');
  } catch (err) {
    throw new PretrainedError(`could not load the pretrained model ${p.name} (${(err as Error).message})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new PretrainedError(`${where} is not valid JSON`);
  }
  const manifest = parseModelManifest(json, where);
  const mismatch = layerMismatch(manifest, spec, p.layers);
  if (mismatch) throw new PretrainedError(mismatch);
  if (manifest.weights.sha256 !== p.sha256) {
    throw new PretrainedError(
      `the pretrained model ${p.name} now holds other weights (SHA-256 ${manifest.weights.sha256.slice(0, 12)}…) than this experiment names (${p.sha256.slice(0, 12)}…); not training on them`,
    );
  }
  let bytes: Uint8Array;
  try {
    bytes = await source.bytes(p.name, manifest.weights.file);
  } catch (err) {
    throw new PretrainedError(`could not load the weights of the pretrained model ${p.name} (${(err as Error).message})`);
  }
  const file = `models/${p.name}/${manifest.weights.file}`;
  if (bytes.byteLength !== manifest.weights.bytes) {
    throw new PretrainedError(
      `${file} is corrupt or truncated (expected ${manifest.weights.bytes} bytes, got ${bytes.byteLength}); not training on it`,
    );
  }
  const actual = await sha256Hex(bytes);
  if (actual !== p.sha256) {
    throw new PretrainedError(
      `${file} is corrupt: its SHA-256 is ${actual.slice(0, 12)}…, expected ${p.sha256.slice(0, 12)}…; not training on it`,
    );
  }
  return { name: p.name, sha256: p.sha256, layers: p.layers, freeze: p.freeze, values: splitWeights(manifest, bytes, p.layers) };
}
