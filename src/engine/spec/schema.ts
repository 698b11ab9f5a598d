/**
 * ExperimentSpec: the one description of an experiment. It builds the model, drives the controls,
 * serialises to the URL hash and exports to Keras. Parse it with `parseSpec` (spec/parse.ts).
 */
import { z } from './zod';
import { count, int, num, oneOf, positive, shown } from './fields';

import { ACTIVATIONS, DATASETS, MAX_LAYERS, MAX_MLP_SIZES, SPLIT_SIZES } from './vocabulary';
import type { SchemaKit } from '../layers/def';
import { LAYER_DEFS, LAYER_TYPES, type LayerSpec, type LayerSpecInput } from '../layers/registry';

const lengthOf = (v: unknown) => (Array.isArray(v) ? v.length : '?');

export { ACTIVATIONS, DATASETS, type Activation, type DatasetName } from './vocabulary';
const activation = (label: string) => oneOf(label, ACTIVATIONS);

/** Side length of a square kernel/pool, or [height, width]. */
const size2 = (label: string) => z.union([count(label, 28), z.tuple([count(label, 28), count(label, 28)])]);

/** The builders each layer file (engine/layers/) makes its schema from. */
const kit: SchemaKit = { z, count, int, num, oneOf, activation, size2 };

/** One schema per layer type, from the registry (engine/layers/registry.ts). */
const layerSchemas = LAYER_DEFS.map((d) => d.schema(kit)) as unknown as [z.ZodObject, ...z.ZodObject[]];

export const layerSchema: z.ZodType<LayerSpec, LayerSpecInput> = z.discriminatedUnion('type', layerSchemas, {
  error: (iss) =>
    `layer type must be one of ${LAYER_TYPES.join(', ')}, got ${JSON.stringify((iss.input as { type?: unknown })?.type ?? iss.input)}`,
}) as unknown as z.ZodType<LayerSpec, LayerSpecInput>;
export type { LayerSpec, LayerSpecInput };

/** The course's MLP shorthand: sizes [input, hidden..., output], e.g. [784, 7, 1]. */
export const mlpSchema = z.object({
  kind: z.literal('mlp'),
  sizes: z
    .array(count('each layer size', 100000), { error: 'layer sizes must be a list of whole numbers like [784, 7, 1]' })
    .min(2, { error: 'layer sizes need at least an input and an output, like [784, 1]' })
    .max(MAX_MLP_SIZES, { error: (iss) => `layer sizes can list at most ${MAX_MLP_SIZES} numbers, got ${lengthOf(iss.input)}` }),
  hiddenActivation: activation('hidden activation').default('relu'),
  outputActivation: activation('output activation').default('sigmoid'),
  /** Dropout rate after every hidden layer (0 ≤ rate < 1); 0 adds no dropout layers. */
  dropout: num('dropout rate', { min: 0, max: 1, maxExclusive: true }).default(0),
});

/** An ordered list of Keras-style layers; the input shape comes from the data. */
export const layersModelSchema = z.object({
  kind: z.literal('layers'),
  layers: z
    .array(layerSchema)
    .min(1, { error: 'a model needs at least one layer' })
    .max(MAX_LAYERS, { error: (iss) => `a model has at most ${MAX_LAYERS} layers, got ${lengthOf(iss.input)}` }),
});

/**
 * Weights for the model's first `layers` layers from a pretrained model file (a frozen feature extractor, as
 * in transfer learning). The file lives under the site's `models/<name>/` (public/models/<name>/ in the
 * repository): `model.json` says which layers it holds and names the weights file; the weights file must
 * have exactly the SHA-256 given here, or the run is refused before any training.
 */
export const pretrainedSchema = z.object({
  /** Folder of the model file under models/, e.g. "fashion-8-extractor". */
  name: z
    .string({ error: (iss) => `pretrained name must be text like "fashion-8-extractor", got ${shown(iss.input)}` })
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, {
      error: (iss) => `pretrained name must be lowercase words joined by hyphens, like "fashion-8-extractor", got ${shown(iss.input)}`,
    }),
  /** SHA-256 of the weights file, 64 hexadecimal digits. */
  sha256: z
    .string({ error: (iss) => `pretrained sha256 must be 64 hexadecimal digits, got ${shown(iss.input)}` })
    .regex(/^[0-9a-f]{64}$/, { error: (iss) => `pretrained sha256 must be 64 lowercase hexadecimal digits, got ${shown(iss.input)}` }),
  /** How many of the model's first layers (pooling and flatten count) take their weights from the file. */
  layers: count('pretrained layer count', 1000),
  /** Keep the loaded weights fixed: no gradient, no optimiser update, no L2 penalty (Keras' trainable = False). */
  freeze: z.boolean({ error: (iss) => `pretrained freeze must be true or false, got ${shown(iss.input)}` }).default(true),
});
export type PretrainedSpec = z.infer<typeof pretrainedSchema>;

export const modelSchema = z
  .discriminatedUnion('kind', [mlpSchema, layersModelSchema], {
    error: "model kind must be 'mlp' (sizes like [784, 7, 1]) or 'layers'",
  })
  .and(
    z.object({
      /** 'glorotUniform' matches Keras' default; 'course' is the course's N(0,1)·0.01. Biases start at zero. */
      initializer: oneOf('initialiser', ['glorotUniform', 'course']).default('glorotUniform'),
      /**
       * L2 weight decay on every kernel (dense and conv, not biases), as Keras'
       * `kernel_regularizer=keras.regularizers.L2(l2)`: the training loss gains l2 · Σ w².
       */
      l2: num('L2 weight', { min: 0 }).default(0),
      /** Start the first layers from a pretrained, checksummed file (usually frozen). */
      pretrained: pretrainedSchema.optional(),
    }),
  );
export type ModelSpec = z.infer<typeof modelSchema>;

export const taskSchema = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('multiclass') }),
    z.object({
      kind: z.literal('binary'),
      /** Class ids (0–9) that count as the positive label, e.g. [8] for Fashion-MNIST "Bag". */
      positive: z
        .array(int('positive class', { min: 0, max: 9 }))
        .min(1, { error: 'a binary task needs at least one positive class' })
        .max(9, { error: 'a binary task needs at least one negative class' }),
    }),
  ],
  { error: "task kind must be 'multiclass' or 'binary'" },
);
export type TaskSpec = z.infer<typeof taskSchema>;

/** Class ids to keep, e.g. [0, 6] for T-shirt/top and Shirt: 2–10 distinct ids 0–9. */
const classesSchema = z
  .array(int('each class id', { min: 0, max: 9 }), {
    error: (iss) => `classes must be a list of class ids 0–9 like [0, 6], got ${shown(iss.input)}`,
  })
  .min(2, { error: 'classes must list at least 2 class ids, like [0, 6]' })
  .max(10, { error: 'classes can list at most the 10 class ids 0–9' })
  .refine((ids) => new Set(ids).size === ids.length, {
    error: (iss) => `classes must not repeat a class id, got ${shown(iss.input)}`,
  });

export const dataSchema = z.object({
  dataset: oneOf('dataset', DATASETS),
  task: taskSchema.default({ kind: 'multiclass' }),
  /**
   * Use only these classes. Multiclass: labels become 0..k−1 in the listed order (the model needs k outputs).
   * Binary: `task.positive` must be among them; the other listed classes are the negatives.
   * Train, validation and test are then spread over the listed classes only.
   */
  classes: classesSchema.optional(),
  /** Training images, drawn from the canonical training split. */
  train: count('training set size', SPLIT_SIZES.train),
  /** Validation images, held out from the canonical training split (never overlapping `train`). */
  validation: int('validation set size', { min: 0, max: 20000 }).default(0),
  /** Test images, drawn from the canonical test split. */
  test: int('test set size', { min: 0, max: SPLIT_SIZES.test }).default(0),
  /**
   * Exact class counts for the training set of a binary task, e.g. { positive: 72, negative: 137 }.
   * Without it the training set is stratified (equal share of each class).
   */
  counts: z.object({ positive: int('positive count', { min: 0 }), negative: int('negative count', { min: 0 }) }).optional(),
  /** 'flat' gives vectors of 784 pixels (MLPs); 'image' gives 28×28×1 images (convolutions). */
  input: oneOf('input shape', ['flat', 'image']).default('flat'),
});
export type DataSpec = z.infer<typeof dataSchema>;

export const optimizerSchema = z.object({
  /** Keras defaults: sgd (no momentum), momentum (SGD, 0.9), rmsprop (rho 0.9), adam (0.9, 0.999). */
  type: oneOf('optimiser', ['sgd', 'momentum', 'rmsprop', 'adam']).default('sgd'),
  learningRate: positive('learning rate', 1000),
  /** Only for 'momentum'. */
  momentum: num('momentum', { min: 0, max: 1, maxExclusive: true }).default(0.9),
});
export type OptimizerSpec = z.infer<typeof optimizerSchema>;

export const augmentSchema = z.object({
  /** Largest random shift in pixels, up and down and sideways independently (0–4; vacated pixels are 0). */
  shift: int('augmentation shift', { min: 0, max: 4 }).default(0),
  /** Mirror each image left–right with probability ½. */
  flip: z.boolean({ error: (iss) => `augmentation flip must be true or false, got ${shown(iss.input)}` }).default(false),
});
export type AugmentSpec = z.infer<typeof augmentSchema>;

export const earlyStoppingSchema = z.object({
  /** Evaluations without a lower validation loss before training stops (Keras' `patience`). */
  patience: count('patience', 10000),
  /** Put back the weights of the best evaluation when stopping (Keras' `restore_best_weights`). */
  restoreBest: z.boolean({ error: (iss) => `restoreBest must be true or false, got ${shown(iss.input)}` }).default(true),
});
export type EarlyStoppingSpec = z.infer<typeof earlyStoppingSchema>;

export const trainingSchema = z.object({
  /** Examples per gradient step, or 'full' for full-batch gradient descent. */
  batchSize: z.union([count('batch size', SPLIT_SIZES.train), z.literal('full')], {
    error: (iss) => `batch size must be a whole number ≥ 1 or "full", got ${JSON.stringify(iss.input)}`,
  }),
  /** How long to train: passes over the training set, or gradient steps. */
  duration: z.union([z.object({ epochs: count('epochs', 10000) }), z.object({ iterations: count('iterations', 1000000) })], {
    error: 'duration must be { epochs: n } or { iterations: n }',
  }),
  /** Random changes to each training batch (never to evaluation), on the device, seeded. */
  augment: augmentSchema.default({ shift: 0, flip: false }),
  /** Stop when the validation loss has not improved for `patience` evaluations. Needs a validation set. */
  earlyStopping: earlyStoppingSchema.optional(),
  /**
   * Label smoothing ε (0 ≤ ε < 1; absent or 0 is off): the training loss aims at y·(1 − ε) + ε/k instead of the
   * one-hot label (k = 2 for binary tasks, as Keras' `label_smoothing`). Evaluations use the true labels.
   */
  labelSmoothing: num('label smoothing', { min: 0, max: 1, maxExclusive: true }).optional(),
});
export type TrainingSpec = z.infer<typeof trainingSchema>;

export const recordSchema = z.object({
  /** Read training loss/accuracy back from the device every k steps (readbacks stall the GPU). */
  every: count('record interval', 100000).default(1),
  /** Evaluate validation/test sets at each epoch end, or every n steps. */
  evaluate: z.union([z.literal('epoch'), z.object({ steps: count('evaluation interval', 100000) })]).default('epoch'),
  /** Per-layer gradient/weight norms, update ratios, dead ReLUs, saturated sigmoids, histograms. */
  instruments: z.boolean().default(false),
  /** Per-example predicted probabilities (and labels) of every evaluated set at each evaluation. */
  probabilities: z.boolean().default(false),
  /**
   * Size of a fixed, seeded subset of the training set evaluated at each evaluation in inference mode
   * (no dropout, no augmentation), exactly like validation: train and validation compare like with like.
   */
  trainEval: int('training-evaluation subset size', { min: 0, max: 10000 }).default(0),
});
export type RecordSpec = z.infer<typeof recordSchema>;

export const experimentSpecSchema = z.object({
  /** Stable id of the demo (URL hash key, embed route): lowercase words joined by hyphens. */
  id: z
    .string()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { error: 'id must be lowercase words joined by hyphens, like "lr-sweep"' })
    .default('experiment'),
  /** One seed drives subset choice, initial weights and shuffling. 0 is an ordinary seed. */
  seed: int('seed', { min: 0, max: 2 ** 32 - 1 }).default(1),
  data: dataSchema,
  model: modelSchema,
  optimizer: optimizerSchema,
  training: trainingSchema,
  record: recordSchema.default({ every: 1, evaluate: 'epoch', instruments: false, probabilities: false, trainEval: 0 }),
});

/** A validated experiment, with every default filled in. */
export type ExperimentSpec = z.infer<typeof experimentSpecSchema>;
/** What authors write: defaults may be omitted. */
export type ExperimentSpecInput = z.input<typeof experimentSpecSchema>;
