/**
 * Demos of the chapter "How can losing information improve accuracy?" (src/content/docs/chapters/pooling.mdx):
 * the course's CNN with and without pooling, its variants, the shift test, linear probes and the layer maths.
 */
import type { ExperimentSpecInput, LayerSpec } from '../engine/spec/schema';
import type { DemoConfig, GalleryConfig } from '../components/experiment/types';
import type { DemoPickerConfig } from '../components/widgets/demo-picker/DemoPicker';
import type { PoolExplorerConfig } from '../components/widgets/pool-explorer/PoolExplorer';
import type { ShiftExplorerConfig } from '../components/widgets/shift-explorer/ShiftExplorer';
import { ankleBoot, sneaker, trouser, tShirt } from './pooling-images';

const chapter = { title: 'How can losing information improve accuracy?', href: '/chapters/pooling/' };

type Layer = LayerSpec;
const conv = (stride = 1): Layer => ({ type: 'conv2d', filters: 32, kernel: 3, stride, padding: 'valid', activation: 'relu' });
const max = (pool: number): Layer => ({ type: 'maxPooling2d', pool, padding: 'valid' });
const avg = (pool: number): Layer => ({ type: 'averagePooling2d', pool, padding: 'valid' });
const head: Layer[] = [
  { type: 'flatten' },
  { type: 'dense', units: 128, activation: 'relu' },
  { type: 'dense', units: 10, activation: 'softmax' },
];

/** The layer stacks this chapter compares. */
export const stacks = {
  /** The course's model: Conv2D(32, 3×3) → MaxPool 2×2 → Conv2D(32, 3×3) → MaxPool 2×2 → Flatten → Dense(128) → Dense(10). */
  course: [conv(), max(2), conv(), max(2), ...head],
  /** The same without the pooling layers (pool size 1). */
  noPool: [conv(), conv(), ...head],
  max3: [conv(), max(3), conv(), max(3), ...head],
  avg2: [conv(), avg(2), conv(), avg(2), ...head],
  /** Each convolution steps 2 pixels at a time instead of being followed by a pool. */
  stride2: [conv(2), conv(2), ...head],
  dense: head,
} satisfies Record<string, Layer[]>;

/**
 * Sized to train in about a minute on a laptop's graphics card: 3,000 training images (a stratified,
 * seeded subset of the 60,000), 1,000 validation images, 5 epochs in batches of 32 as in the course (Keras' default). The
 * reader can raise the sizes.
 */
export function pooledSpec(id: string, layers: Layer[], patch: Partial<ExperimentSpecInput> = {}): ExperimentSpecInput {
  return {
    id,
    seed: 1,
    data: { dataset: 'fashion-mnist', train: 3000, validation: 1000, input: 'image' },
    model: { kind: 'layers', layers },
    optimizer: { type: 'adam', learningRate: 0.001 },
    training: { batchSize: 32, duration: { epochs: 5 } },
    record: { every: 5, evaluate: 'epoch', instruments: false, probabilities: false, trainEval: 1000 },
    ...patch,
  };
}

const sizeControls = [{ control: 'trainSize', min: 500, max: 60000 }, 'epochs', 'seed'];
/** Training batches as they pass (the curve grows during an epoch), and the evaluations at each epoch's end. */
const curves = {
  view: 'curves',
  x: 'epoch',
  bestEpoch: true,
  splits: ['batch', 'train', 'validation'],
  lossTitle: 'Loss',
  accuracyTitle: 'Accuracy',
};

/** The reader's own picture through a network of this chapter (draw, upload a photo, or edit a test image, and move it). */
const ownImage = (prompt: string) => ({ view: 'ownImage', title: 'Your own picture through this network', prompt });

function comparison(
  id: string,
  layers: Layer[],
  title: string,
  shortTitle: string,
  description: string,
  patch: Partial<ExperimentSpecInput> = {},
  extraViews: DemoConfig['views'] = [],
): DemoConfig {
  return {
    id,
    title,
    shortTitle,
    description,
    chapter,
    spec: pooledSpec(id, layers, patch),
    controls: sizeControls,
    views: [{ view: 'params', caption: 'From the engine’s summary of this network, before any training.' }, curves, ...extraViews],
  };
}

/** The learner's comparison: the previous lab's network, with no convolutions (its id predates its promotion). */
export const denseDemo = comparison(
  'pool-dense',
  stacks.dense,
  'The previous lab’s network: no convolutions',
  'dense only',
  'Flatten → Dense(128) → Dense(10), Adam, on the same 3,000 Fashion-MNIST images: the 784 pixels go straight into the dense layer.',
);

export const withPoolDemo = comparison(
  'pool-with',
  stacks.course,
  'The course’s network, with max-pooling',
  'with pools',
  'Conv2D(32, 3×3) → MaxPool 2×2 → Conv2D(32, 3×3) → MaxPool 2×2 → Flatten → Dense(128) → Dense(10), Adam, on 3,000 Fashion-MNIST images.',
  {},
  [
    ownImage(
      'Draw a piece of clothing, or upload a photo of one (try a shoe photographed on a table), and see what this network makes of it, during training and after.',
    ),
  ],
);

export const withoutPoolDemo = comparison(
  'pool-without',
  stacks.noPool,
  'The same network without pooling',
  'no pools',
  'The course’s network with both pooling layers removed: the Dense layer after Flatten now reads 18,432 numbers instead of 800. It is 5.6 times the work per image, so it trains for 2 epochs by default: set Epochs to 5 to compare like with like.',
  { training: { batchSize: 32, duration: { epochs: 2 } } },
);

const digits: ExperimentSpecInput['data'] = { dataset: 'mnist', train: 3000, validation: 1000, input: 'image' };

/** Variants the reader can pick (DemoPicker): each its own demo, run and embed page. */
export const variantDemos: DemoConfig[] = [
  comparison(
    'pool-max3',
    stacks.max3,
    'Variant: max-pooling 3×3',
    'max 3×3',
    'Both pools take the largest value in a 3×3 window, so each map shrinks three-fold per side.',
  ),
  comparison(
    'pool-avg2',
    stacks.avg2,
    'Variant: average pooling 2×2',
    'average 2×2',
    'Both pools take the mean of a 2×2 window instead of its largest value.',
  ),
  comparison(
    'pool-stride2',
    stacks.stride2,
    'Variant: stride-2 convolutions, no pooling',
    'stride 2',
    'Each convolution moves two pixels at a time, so it shrinks its map by itself; no pooling layers.',
  ),
  // The learner's comparison on the course's first dataset, handwritten digits.
  comparison(
    'pool-digits-dense',
    stacks.dense,
    'Digits: the dense-only network on MNIST',
    'digits, dense only',
    'Flatten → Dense(128) → Dense(10) on 3,000 handwritten digits (MNIST) instead of clothes.',
    { data: digits },
  ),
  comparison(
    'pool-digits-cnn',
    stacks.course,
    'Digits: the course’s CNN on MNIST',
    'digits, CNN',
    'The course’s network, with max-pooling, on 3,000 handwritten digits (MNIST) instead of clothes.',
    { data: digits },
    [
      ownImage(
        'Write a digit with the mouse, a finger or a pen: it is prepared as MNIST’s digits were (a 20×20 box, centred by its centre of mass).',
      ),
    ],
  ),
];

export const poolGallery: GalleryConfig = {
  id: 'pool-gallery',
  title: 'Every run of the pooling comparison',
  description:
    'Final training-subset and validation accuracy and loss, parameters and seconds per epoch of each run, and every run’s loss.',
  chapter,
  demos: [denseDemo.id, withPoolDemo.id, withoutPoolDemo.id, ...variantDemos.map((d) => d.id)],
};

export const variantPicker: DemoPickerConfig = { id: 'pool-variants', legend: 'Variant', demos: variantDemos };

/** Count the numbers: the course's network, its feature maps before and after a short run, and its parameter table. */
export const mapsDemo: DemoConfig = {
  id: 'pool-maps',
  title: 'Count the numbers: the course’s network, layer by layer',
  shortTitle: 'feature maps',
  description:
    'Pick an image and see the input, both convolutions and both poolings, each with its shape and count of numbers; before training (random filters) and after a short run.',
  chapter,
  spec: pooledSpec('pool-maps', stacks.course, {
    data: { dataset: 'fashion-mnist', train: 2000, validation: 500, input: 'image' },
    training: { batchSize: 32, duration: { epochs: 1 } },
    record: { every: 5, evaluate: 'epoch', instruments: false, probabilities: false, trainEval: 0 },
  }),
  controls: ['epochs', { control: 'trainSize', min: 500, max: 60000 }, 'seed'],
  views: [
    { view: 'featureMaps', split: 'validation', title: 'Feature maps of one validation image' },
    { view: 'params', caption: 'The same network as the engine summarises it' },
    'curves',
  ],
};

/** The shift test, with the runs of the comparison above included. */
export const shiftDemo: DemoConfig = {
  id: 'pool-shift',
  title: 'The shift test: move an image, compare what the classifier sees',
  shortTitle: 'shift test',
  description:
    'One validation image moved 0–4 pixels to the right: the cosine similarity of the Dense(128) layer’s input to the unshifted one, and whether the predicted class holds, for each trained network.',
  chapter,
  spec: pooledSpec('pool-shift', stacks.course),
  controls: ['layers', { control: 'trainSize', min: 500, max: 60000 }, 'epochs', 'seed'],
  views: [
    {
      view: 'shift',
      demos: ['pool-dense', 'pool-with', 'pool-without'],
      title: 'Shift test: cosine similarity to the unshifted representation',
      pickLabel: 'Validation image',
      caption:
        'The representation is the input of the last dense layer: the 128 numbers the classifier reads. × marks a shift at which the predicted class changed.',
      summary:
        '{model}: the predicted class held at every shift for {held} of {n} validation images; mean cosine similarity at {shift} px: {cosine}.',
      emptyText: 'Train a network here, or both networks in the comparison above: each finished run is tested here.',
    },
    ownImage(
      'The shift test on your own picture: draw a shoe or start from a test image, train, then move it right or down one pixel at a time and watch whether the prediction holds.',
    ),
  ],
};

/** Linear probes on the trained network's layers. */
export const probesDemo: DemoConfig = {
  id: 'pool-probes',
  title: 'What the label needs: linear probes on each layer',
  shortTitle: 'linear probes',
  description: 'A softmax classifier trained on each frozen layer of the trained network (500 images), scored on 500 validation images.',
  chapter,
  spec: pooledSpec('pool-probes', stacks.course),
  controls: [{ control: 'trainSize', min: 500, max: 60000 }, 'epochs', 'seed'],
  views: [
    {
      view: 'linearProbes',
      demos: ['pool-with', 'pool-without'],
      title: 'Linear probes: validation accuracy read off each layer',
      features: [
        { layer: 'input', label: 'raw pixels' },
        { layer: 'conv2d_1', label: 'conv 1 maps' },
        { layer: 'max_pooling2d_1', label: 'pool 1 maps' },
        { layer: 'conv2d_2', label: 'conv 2 maps' },
        { layer: 'max_pooling2d_2', label: 'pool 2 maps' },
      ],
      caption:
        'Each bar: a softmax classifier fitted for 150 full-batch Adam steps on the frozen layer’s output for the first 500 training images, scored on the first 500 validation images.',
      emptyText: 'Train the network here, or the networks in the comparison above: probes are fitted on each finished run.',
    },
  ],
};

/** The layer arithmetic, worked out for whatever stack the reader edits. */
export const mathsDemo: DemoConfig = {
  id: 'pool-maths',
  title: 'Output sizes and parameters, worked out for any stack',
  shortTitle: 'layer maths',
  description:
    'Edit the layers; each layer’s output size and parameter count are worked out from the formulas and checked against the engine’s parameter table.',
  chapter,
  spec: pooledSpec('pool-maths', stacks.course),
  controls: ['layers'],
  // The layer editor shows the engine's parameter table beside the stack.
  views: [{ view: 'layerMaths', caption: 'Worked out from the formulas, checked against the engine’s parameter table' }],
};

/**
 * Pooling by hand on a real feature map: an ankle boot from the Fashion-MNIST test set (the 10th image of this
 * book's first test shard) under a fixed "top edge" filter (dark above, bright below), then ReLU.
 */
export const poolExplorer: PoolExplorerConfig = {
  id: 'pool-by-hand',
  title: 'Max-pooling by hand',
  image: ankleBoot,
  kernel: [
    [-1, -1, -1],
    [0, 0, 0],
    [1, 1, 1],
  ],
  crop: { row: 10, col: 6 },
  text: {
    mapNote:
      'The block is rows 11–16, columns 7–12 of the filter’s 26×26 map of the ankle boot below (outlined in orange there), rounded to one decimal.',
    mapCaption: 'Feature map, 6×6',
    pooledCaption: 'Pooled 2×2: 3×3 numbers',
    hint: 'Hover over a pooled number, or tab to it and move with the arrow keys, to see its window.',
    explainMax:
      'Window rows {rows}, columns {cols}: max({values}) = {value}. The value at {winner} wins; the other {others} are dropped — but they only said “less edge here”.',
    explainAverage: 'Window rows {rows}, columns {cols}: mean({values}) = {value}. A strong edge next to empty background is diluted.',
    explainTie: 'Window rows {rows}, columns {cols}: max({values}) = {value}. No edge anywhere in this window, and none is reported.',
    contrastTitle: 'Blurring the picture is not the same thing',
    captions: ['The picture, 28×28', 'The picture blurred: 2×2 averages, 14×14', 'Top-edge map, 26×26', 'That map max-pooled, 13×13'],
    contrastNote:
      'The strongest top edge is {edgeMax} in the 26×26 map and still {pooledMax} after max-pooling: pooling keeps the largest response of each window. Run the same filter over the blurred picture and the strongest edge it finds is {blurredMax}.',
  },
};

/** Shift a picture, watch a filter's map follow it exactly, and its pooled map only partly (what convolution buys). */
export const shiftExplorer: ShiftExplorerConfig = {
  id: 'conv-shift',
  title: 'Move the picture: the map moves with it',
  images: [
    { label: 'ankle boot', image: ankleBoot },
    { label: 'sneaker', image: sneaker },
    { label: 'trouser', image: trouser },
    { label: 'T-shirt', image: tShirt },
  ],
  filters: [
    {
      label: 'top edge',
      kernel: [
        [-1, -1, -1],
        [0, 0, 0],
        [1, 1, 1],
      ],
    },
    {
      label: 'left edge',
      kernel: [
        [-1, 0, 1],
        [-1, 0, 1],
        [-1, 0, 1],
      ],
    },
  ],
  text: {
    imageLegend: 'Picture (from the Fashion-MNIST test set)',
    filterLegend: 'One 3×3 filter, the same at every position',
    shiftLabel: 'Move the picture',
    rows: ['As it is', 'Moved {dx}'],
    captions: ['picture, 28×28', 'filter map, 26×26', 'max-pooled 2×2, 13×13'],
    unshifted: 'not moved',
    mapFollows:
      'Filter map: {same} of {n} values where the filter fired are the same as before, moved {dx} with the picture (largest difference {maxDiff}).',
    pooledInPlace: 'Pooled map, in place: {same} of {n} values where the filter fired did not change.',
    pooledFollows: 'Pooled map, moved {cells} cell(s): {same} of {n} values are the same as before, one pooled cell per 2 px.',
  },
};

export const demos: DemoConfig[] = [mapsDemo, denseDemo, withPoolDemo, withoutPoolDemo, ...variantDemos, shiftDemo, probesDemo, mathsDemo];
export const galleries: GalleryConfig[] = [poolGallery];
