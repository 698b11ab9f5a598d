/**
 * What a layer type is, in one place: its spec fields (a zod schema), its output shape and parameter count, its
 * weights and forward pass, its Keras line, its URL token and how the layer-stack editor shows it. One file per
 * layer type declares all of it (dense.ts, conv2d.ts, …); `registry.ts` lists them, and every other module asks the
 * registry instead of switching on `layer.type` (as an Observable Plot mark declares its channels and renders itself).
 *
 * The files import neither zod nor tfjs at run time: the schema is built from the field builders handed in
 * (`SchemaKit`), and the forward pass from the tfjs namespace handed in (`ForwardContext.tf`). So the URL codec and
 * the editor can read the registry on first paint without loading either.
 */
import type * as TF from '@tensorflow/tfjs';
import type { z } from 'zod';
import type { count, int, num, oneOf } from '../spec/fields';
import type { Rng } from '../random';

export type Shape = number[];
/** A square size (3 → 3×3) or [height, width]. */
export type Size2 = number | [number, number];

/** The field builders a layer's schema is made of (spec/fields.ts, with zod configured for the CSP). */
export interface SchemaKit {
  z: typeof z;
  count: typeof count;
  int: typeof int;
  num: typeof num;
  oneOf: typeof oneOf;
  /** One of the activations, named in messages as `label`. */
  activation: (label: string) => z.ZodEnum<{ relu: 'relu'; sigmoid: 'sigmoid'; tanh: 'tanh'; softmax: 'softmax'; linear: 'linear' }>;
  /** A kernel/pool/stride size: a whole number 1–28 or [h, w]. */
  size2: (label: string) => z.ZodUnion<readonly [z.ZodType<number>, z.ZodTuple<[z.ZodType<number>, z.ZodType<number>], null>]>;
}

/** A layer as authors and the URL write it: defaults may be missing, values not yet checked. */
export type LayerInput = { type: string } & Record<string, unknown>;

/** How one of a layer's variables is made. */
export interface WeightDecl {
  /** Its role in the layer: 'kernel', 'bias', 'gamma', 'beta', 'movingMean', 'movingVariance'. */
  role: string;
  /** The course-notation prefix of its name, numbered by layer with weights: W → W1, b → b1, γ → γ2. */
  symbol: string;
  shape: number[];
  /** 'fan': the model's initialiser with these fans (Glorot or the course's N(0,1)·0.01); else constant. */
  init: { fan: [number, number] } | 'zeros' | 'ones';
  /** False for statistics the forward pass updates itself (BatchNorm's moving averages): no gradient, no optimiser. */
  trainable: boolean;
}

/** What the forward pass hands each layer. */
export interface ForwardContext {
  tf: typeof TF;
  /** The engine's fused kernels (kernels/bias-relu.ts), or tfjs' ops where the backend has none. */
  biasAdd: (x: TF.Tensor, bias: TF.Tensor) => TF.Tensor;
  biasRelu: (x: TF.Tensor, bias: TF.Tensor) => TF.Tensor;
  /** This layer's variables by role (empty for layers without weights). */
  weights: Record<string, TF.Variable>;
  /** Training pass (dropout masks, batch statistics) or inference (none, moving averages). */
  training: boolean;
  /** The pass whose gradient is taken: a BatchNorm layer updates its moving averages in it (and only in it). */
  updateStatistics: boolean;
  rng?: Rng;
  /** The output layer returns logits: its activation is applied by the loss. */
  isLast: boolean;
  /** Asked on instrumented steps: a dense or conv layer hands over its z = xW + b before the activation. */
  keepZ?: (z: TF.Tensor) => void;
}

/** Words for the layer-stack editor. */
export interface EditorInfo {
  /** Row title, e.g. "Convolution". */
  title: string;
  /** Name on the "add" button (read as "Add <short> layer"). */
  short: string;
  /** Editable fields in row order. */
  fields: readonly string[];
  /**
   * Where a new block goes: 'map' after the last convolution or pool (so before Flatten), 'bridge' right after
   * them (Flatten, global pooling), 'vector' just before the output layer, 'afterConv' (normalisation) right after
   * the last convolution, or like 'vector' where there is none.
   */
  place: 'map' | 'bridge' | 'vector' | 'afterConv';
  /** A new block with sensible defaults; `before` are the layers above where it goes. */
  create(before: LayerInput[]): LayerInput;
  /** The layer in a few words for a reader, e.g. "conv 8 filters 3×3"; values may still be unchecked text. */
  describe(layer: Record<string, unknown>): string;
}

/** The compact URL form, e.g. c32k3 or max2. */
export interface TokenInfo {
  pattern: RegExp;
  read(m: RegExpExecArray): LayerInput;
  write(layer: Record<string, unknown>): string;
  /** An example for messages: "c32k3". */
  example: string;
}

/**
 * A layer's output size and parameter count worked out by hand, as a reader would write them (the layer-maths
 * view), with the results of that arithmetic: the view checks them against the engine's summary.
 */
export interface WorkedRow {
  /** E.g. "(28 − 3 + 2·0)/1 + 1 = 26". */
  size: string;
  /** E.g. "3·3·1·32 + 32 = 320". */
  params: string;
  shape: Shape;
  count: number;
}

/** One module of a layer in the PyTorch export's nn.Sequential (a layer may need several: padding, itself, its activation). */
export interface TorchModule {
  /** Added to the layer's Keras name: '' for the module that holds the layer's weights, else e.g. 'relu' → "conv2d_1_relu". */
  part: string;
  /** The constructor call, e.g. "nn.Conv2d(1, 32, kernel_size=(3, 3), stride=(1, 1), padding=0)". */
  code: string;
  /** A comment for its line. */
  note?: string;
}

/** How one of a layer's weights (Keras' layout, as `weights()` declares it) goes into its PyTorch module. */
export interface TorchParam {
  /** The module's parameter or buffer: "weight", "bias", "running_mean", "running_var". */
  attr: string;
  /** Python appended to the Keras-layout tensor to give PyTorch's layout, e.g. ".T" or ".permute(3, 2, 0, 1)". */
  from?: string;
  /** Words for the rearrangement, e.g. "[in, out] → [out, in]". */
  note?: string;
}

/** A layer in the PyTorch export (spec/pytorch.ts). */
export interface TorchCode {
  modules: TorchModule[];
  /** Python class definitions the modules use (e.g. ChannelsLast), written once, before the model. */
  helpers?: string[];
  /** Each declared weight by role (as `weights()` names them): where it goes in the module that holds the weights. */
  params?: Record<string, TorchParam>;
}

export interface LayerDef<S extends z.ZodObject = z.ZodObject, L = z.infer<S>> {
  type: string;
  schema(k: SchemaKit): S;
  /** The layer with the keys the token reader produces, in its order, defaults filled; values kept as they are. */
  canonical(layer: Record<string, unknown>): LayerInput;
  /** Needs an image (height × width × channels) input. */
  image?: boolean;
  /** Output shape and parameter count (nonTrainable: of them, those the optimiser never updates); `fail` throws. */
  output(layer: L, input: Shape, fail: (why: string) => never): { shape: Shape; params: number; nonTrainable?: number };
  /** Can take its weights (a kernel and a bias) from a pretrained file. */
  pretrainable?: boolean;
  /** Its variables, in Keras' weight order (none: no weights). */
  weights?(layer: L, input: Shape): WeightDecl[];
  /** Multiply-adds per example in the forward pass (0 where negligible). */
  multiplyAdds?(layer: L, input: Shape, output: Shape): number;
  forward(layer: L, x: TF.Tensor, ctx: ForwardContext): TF.Tensor;
  /** The Keras constructor call; `init` is the initialiser/regulariser argument text for layers with kernels. */
  keras(layer: L, init: string): string;
  /** A header comment line for the Keras script, where the layer behaves in a way worth saying. */
  kerasNote?(layer: L): string;
  /**
   * The layer as PyTorch modules, channels first ((N, C, H, W)); `input` is its input shape as `output()` sees it
   * (channels last, batch omitted), which gives Conv2d its in_channels and Linear its in_features. The output
   * layer is handed over with activation 'linear': its sigmoid or softmax is in the loss.
   */
  torch(layer: L, input: Shape): TorchCode;
  /** A header comment line for the PyTorch script, where the layer behaves in a way worth saying. */
  torchNote?(layer: L): string;
  /** The layer in the engine's own words, e.g. "conv2d(8 filters, 3×3, relu)". */
  label(layer: L): string;
  worked(layer: L, input: Shape): WorkedRow;
  token: TokenInfo;
  editor: EditorInfo;
}

/** Declares a layer type; the generic ties every method to the layer its schema describes. */
export function defineLayer<S extends z.ZodObject>(def: LayerDef<S>): LayerDef<S> {
  return def;
}

// Helpers the layer files share.

export const pair = (v: Size2): [number, number] => (typeof v === 'number' ? [v, v] : v);
/** A size as Python writes it: (3, 3). */
export const pyPair = (v: Size2) => (typeof v === 'number' ? `(${v}, ${v})` : `(${v[0]}, ${v[1]})`);
/** A size as a reader sees it: 3 → "3×3", [3, 5] → "3×5"; anything else as it is. */
export function sizeText(v: unknown, square = true): string {
  if (Array.isArray(v)) return `${v[0]}×${v[1]}`;
  if (typeof v === 'number') return square ? `${v}×${v}` : String(v);
  return String(v ?? '');
}
/** A count with thousands separators. */
export const fmt = (n: number) => n.toLocaleString('en-US');

/** Any value as text, even one that cannot be converted (a null-prototype object, a symbol). */
export const text = (v: unknown): string => {
  try {
    return String(v);
  } catch {
    return '?';
  }
};
/** A size in a token: 3 or 3x5. */
export const tokenSize = (v: unknown) => (Array.isArray(v) ? `${text(v[0])}x${text(v[1])}` : text(v));
/** A size read from a token. */
export function readTokenSize(t: string): Size2 {
  const [a, b] = t.split('x').map(Number);
  return b === undefined ? a : [a, b];
}
/** A number without an exponent ("-" separates tokens, so 1e-7 is written 0.0000001), still exact. */
export function decimal(v: unknown): string {
  const written = text(v);
  const m = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(written);
  if (typeof v !== 'number' || !m) return written;
  const digits = m[2] + (m[3] ?? '');
  const point = m[2].length + Number(m[4]);
  const body =
    point <= 0
      ? `0.${'0'.repeat(-point)}${digits}`
      : point >= digits.length
        ? digits + '0'.repeat(point - digits.length)
        : `${digits.slice(0, point)}.${digits.slice(point)}`;
  return m[1] + body;
}
/** A number as a Python literal: JavaScript's shortest round-trip form. */
export const pyNum = (n: number) => String(n);

/** Output height and width of a sliding window (convolution or pool). */
export function windowed([h, w]: Shape, size: [number, number], stride: [number, number], padding: 'valid' | 'same'): [number, number] {
  if (padding === 'same') return [Math.ceil(h / stride[0]), Math.ceil(w / stride[1])];
  return [Math.floor((h - size[0]) / stride[0]) + 1, Math.floor((w - size[1]) / stride[1]) + 1];
}

/**
 * The size formula a reader works by hand, e.g. "(28 − 3 + 2·0)/1 + 1 = 26" or "same padding: ⌈28/2⌉ = 14", and its
 * result: (n − k + 2p)/s + 1 rounded down, or ⌈n/s⌉ with same padding, for height and width.
 */
export function windowFormula(
  [n, m]: Shape,
  size: [number, number],
  stride: [number, number],
  padding: 'valid' | 'same',
): { text: string; out: [number, number] } {
  if (padding === 'same') {
    const out: [number, number] = [Math.ceil(n / stride[0]), Math.ceil(m / stride[1])];
    return { text: `same padding: ⌈${n}/${stride[0]}⌉ = ${out[0]}`, out };
  }
  const exact = (n - size[0]) / stride[0] + 1;
  const out: [number, number] = [Math.floor(exact), Math.floor((m - size[1]) / stride[1] + 1)];
  return {
    text: `(${n} − ${size[0]} + 2·0)/${stride[0]} + 1 = ${Number.isInteger(exact) ? exact : `${exact.toFixed(1)} → ${out[0]}`}`,
    out,
  };
}

/** Applies a hidden activation. Output activations are applied by the loss (from logits, numerically stable). */
export function activate(tf: typeof TF, x: TF.Tensor, activation: string): TF.Tensor {
  switch (activation) {
    case 'relu':
      return tf.relu(x);
    case 'sigmoid':
      return tf.sigmoid(x);
    case 'tanh':
      return tf.tanh(x);
    case 'softmax':
      return tf.softmax(x);
    default:
      return x;
  }
}

/** A layer with a kernel and bias and an activation (dense, conv2d): z = xW + b, then the activation. */
export function affine(xw: TF.Tensor, activation: string, ctx: ForwardContext): TF.Tensor {
  const { bias } = ctx.weights;
  if (!ctx.isLast && activation === 'relu') {
    // The fused kernel never materialises z: computed apart, only when asked for (instrumented steps).
    ctx.keepZ?.(ctx.biasAdd(xw, bias));
    return ctx.biasRelu(xw, bias);
  }
  const z = ctx.biasAdd(xw, bias);
  if (ctx.isLast) return z;
  ctx.keepZ?.(z);
  return activate(ctx.tf, z, activation);
}

/** The Keras initialiser/regulariser arguments of a layer with a kernel. */
export function kerasInit(course: boolean, l2: number): string {
  return (
    (course ? ', kernel_initializer=keras.initializers.RandomNormal(stddev=0.01), bias_initializer="zeros"' : '') +
    (l2 > 0 ? `, kernel_regularizer=keras.regularizers.L2(${pyNum(l2)})` : '')
  );
}

/** A hidden activation as a PyTorch module after its layer (none for 'linear'). Softmax is over the channels: dim 1. */
export function torchActivation(activation: string): TorchModule[] {
  const code = { relu: 'nn.ReLU()', sigmoid: 'nn.Sigmoid()', tanh: 'nn.Tanh()', softmax: 'nn.Softmax(dim=1)' }[activation];
  return code ? [{ part: activation, code }] : [];
}

/**
 * TensorFlow's "same" padding of a window over an input side: ⌈n/s⌉ outputs, and the zeros that need, split with
 * the odd one at the end (bottom or right), as PyTorch's padding="same" splits it at stride 1.
 */
export function samePadding(n: number, size: number, stride: number): [number, number] {
  const total = Math.max((Math.ceil(n / stride) - 1) * stride + size - n, 0);
  return [Math.floor(total / 2), total - Math.floor(total / 2)];
}

/** "(3, 3)" as a Python tuple from two numbers. */
export const pyTuple = (a: number, b: number) => `(${a}, ${b})`;
