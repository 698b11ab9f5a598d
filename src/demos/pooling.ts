/**
 * Demos of the chapter "How can losing information improve accuracy?" (src/content/docs/chapters/pooling.mdx):
 * the course's CNN with and without pooling, its variants, the shift test, linear probes and the layer maths.
 */
import type { ExperimentSpecInput, LayerSpec } from '../engine/spec/schema';
import type { DemoConfig, GalleryConfig } from '../components/experiment/types';

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
 * seeded subset of the 60,000), 1,000 validation images, 3 epochs. The reader can raise both.
 */
export function pooledSpec(id: string, layers: Layer[], patch: Partial<ExperimentSpecInput> = {}): ExperimentSpecInput {
  return {
    id,
    seed: 1,
    data: { dataset: 'fashion-mnist', train: 3000, validation: 1000, input: 'image' },
    model: { kind: 'layers', layers },
    optimizer: { type: 'adam', learningRate: 0.001 },
    training: { batchSize: 64, duration: { epochs: 3 } },
    record: { every: 5, evaluate: 'epoch', instruments: false, probabilities: false, trainEval: 1000 },
    ...patch,
  };
}

const sizeControls = [{ control: 'trainSize', min: 500, max: 60000 }, 'epochs', 'seed'];
const curves = { view: 'curves', lossTitle: 'Loss: training subset and validation', accuracyTitle: 'Accuracy: training subset and validation' };

function comparison(id: string, layers: Layer[], title: string, shortTitle: string, description: string): DemoConfig {
  return {
    id,
    title,
    shortTitle,
    description,
    chapter,
    spec: pooledSpec(id, layers),
    controls: sizeControls,
    views: [{ view: 'params', caption: 'From the engine’s summary of this network, before any training.' }, curves],
  };
}

export const withPoolDemo = comparison(
  'pool-with',
  stacks.course,
  'The course’s network, with max-pooling',
  'with pools',
  'Conv2D(32, 3×3) → MaxPool 2×2 → Conv2D(32, 3×3) → MaxPool 2×2 → Flatten → Dense(128) → Dense(10), Adam, on 3,000 Fashion-MNIST images.',
);

export const withoutPoolDemo = comparison(
  'pool-without',
  stacks.noPool,
  'The same network without pooling',
  'no pools',
  'The course’s network with both pooling layers removed: the Dense layer after Flatten now reads 18,432 numbers instead of 800.',
);

/** Variants the reader can pick (DemoPicker): each its own demo, run and embed page. */
export const variantDemos: DemoConfig[] = [
  comparison('pool-max3', stacks.max3, 'Variant: max-pooling 3×3', 'max 3×3', 'Both pools take the largest value in a 3×3 window, so each map shrinks three-fold per side.'),
  comparison('pool-avg2', stacks.avg2, 'Variant: average pooling 2×2', 'average 2×2', 'Both pools take the mean of a 2×2 window instead of its largest value.'),
  comparison('pool-stride2', stacks.stride2, 'Variant: stride-2 convolutions, no pooling', 'stride 2', 'Each convolution moves two pixels at a time, so it shrinks its map by itself; no pooling layers.'),
  comparison('pool-dense', stacks.dense, 'Variant: no convolutions at all', 'dense only', 'Flatten → Dense(128) → Dense(10): the pixels go straight into the dense layer.'),
];

export const poolGallery: GalleryConfig = {
  id: 'pool-gallery',
  title: 'Every run of the pooling comparison',
  description: 'Final training-subset and validation accuracy and loss, parameters and seconds per epoch of each run, and every run’s loss.',
  chapter,
  demos: [withPoolDemo.id, withoutPoolDemo.id, ...variantDemos.map((d) => d.id)],
};

export const demos: DemoConfig[] = [withPoolDemo, withoutPoolDemo, ...variantDemos];
export const galleries: GalleryConfig[] = [poolGallery];
