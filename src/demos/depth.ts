/**
 * Demos of the chapter "Accuracy went up when I removed layers?" (src/content/docs/chapters/depth.mdx).
 *
 * The stand-in task for the course's horses-vs-humans lab: Fashion-MNIST T-shirt/top (class 0) against Shirt
 * (class 6), an easily confused pair, as a binary task ("is it a shirt?"), with a few hundred training images.
 * Every demo trains on the same task so the gallery compares like with like, and every one evaluates a fixed
 * training subset in inference mode (`record.trainEval`), so its training numbers are measured exactly like
 * its validation (or test) numbers.
 */
import type { ExperimentSpecInput } from '../engine/spec/schema';
import type { DemoConfig, GalleryConfig } from '../components/experiment/types';

const chapter = { title: 'Accuracy went up when I removed layers?', href: '/chapters/depth/' };

/** T-shirt/top (0) against Shirt (6); "Shirt" is the positive label. */
const task = { classes: [0, 6], task: { kind: 'binary' as const, positive: [6] } };

/** A layer as authors write it (defaults may be left out). */
type LayerInput = Extract<ExperimentSpecInput['model'], { kind: 'layers' }>['layers'][number];

/** One conv+pool block as in the course's horses-vs-humans model ('same' padding: each block halves the map). */
const block = (filters: number): LayerInput[] => [
  { type: 'conv2d', filters, kernel: 3, padding: 'same', activation: 'relu' },
  { type: 'maxPooling2d', pool: 2, padding: 'same' },
];

/** Filters of the five blocks: 28 → 14 → 7 → 4 → 2 → 1 pixels per side. */
export const BLOCK_FILTERS = [4, 8, 8, 8, 8];

/** The CNN with its first `blocks` conv+pool blocks, then Flatten → Dense(64, ReLU) → Dense(1, sigmoid). */
export function cnnLayers(blocks: number): LayerInput[] {
  return [
    ...BLOCK_FILTERS.slice(0, blocks).flatMap(block),
    { type: 'flatten' },
    { type: 'dense', units: 64, activation: 'relu' },
    { type: 'dense', units: 1, activation: 'sigmoid' },
  ];
}

const CNN_TRAIN = 300;

/**
 * The horses-vs-humans stand-in: five conv+pool blocks. Adam at 0.003 (the lab used RMSprop at 0.001; Adam gets to
 * the overfitting regime in fewer epochs, which keeps the run near a minute on a laptop GPU).
 */
export const cnnSpec: ExperimentSpecInput = {
  id: 'depth-cnn',
  seed: 1,
  data: { dataset: 'fashion-mnist', ...task, train: CNN_TRAIN, validation: 300, input: 'image' },
  model: { kind: 'layers', layers: cnnLayers(5) },
  optimizer: { type: 'adam', learningRate: 0.003 },
  training: { batchSize: 32, duration: { epochs: 30 } },
  record: { every: 5, evaluate: 'epoch', trainEval: CNN_TRAIN },
};

const curves = {
  view: 'curves',
  x: 'epoch',
  bestEpoch: true,
  lossTitle: 'Loss: training and validation',
  accuracyTitle: 'Accuracy: training and validation',
};

export const cnnDemo: DemoConfig = {
  id: 'depth-cnn',
  title: 'Remove a conv+pool block, watch the parameters rise',
  shortTitle: 'CNN',
  description:
    'A five-block CNN on T-shirt/top vs Shirt, a stand-in for the course’s horses-vs-humans lab. Remove a block and the map entering Flatten grows, and with it the Dense layer after it.',
  chapter,
  spec: cnnSpec,
  controls: [
    // The learner removed the 5th block, then the 4th and 5th: 5, 4 and 3 blocks; 2 and 1 go further.
    {
      control: 'layers',
      presetsLabel: 'The thread’s cases, and fewer:',
      presets: [5, 4, 3, 2, 1].map((b) => ({ label: `${b} block${b > 1 ? 's' : ''}`, layers: cnnLayers(b) })),
    },
    'epochs',
    'earlyStopping',
    'seed',
  ],
  // The layer editor shows the live parameter table beside the stack.
  views: [
    curves,
    {
      view: 'ownImage',
      title: 'Your own T-shirt or shirt',
      prompt:
        'Draw a T-shirt or a shirt, or upload a photo of one, and see which of the two this network calls it, while it trains and after.',
    },
  ],
};

/** The learner's 6-layer network in the course's notation, on 28×28 inputs and at the course's scale. */
export const MLP_PRESETS = {
  six: [784, 100, 100, 20, 75, 10, 1],
  five: [784, 100, 20, 7, 5, 1],
  four: [784, 20, 7, 5, 1],
};

export const mlpSpec: ExperimentSpecInput = {
  id: 'depth-mlp',
  seed: 1,
  data: { dataset: 'fashion-mnist', ...task, train: 209, test: 50, input: 'flat' },
  model: { kind: 'mlp', sizes: MLP_PRESETS.six, hiddenActivation: 'relu', outputActivation: 'sigmoid' },
  optimizer: { type: 'adam', learningRate: 0.001 },
  training: { batchSize: 'full', duration: { iterations: 300 } },
  record: { every: 10, evaluate: { steps: 10 }, trainEval: 209 },
};

export const mlpDemo: DemoConfig = {
  id: 'depth-mlp',
  title: 'MLP depth in the course’s notation: 209 training images, 50 test images',
  shortTitle: 'MLP',
  description:
    'Type the layer sizes as the course writes them; the parameter count follows before you train. Training against test accuracy and loss.',
  chapter,
  spec: mlpSpec,
  controls: [{ control: 'sizes', presets: [MLP_PRESETS.six, MLP_PRESETS.five, MLP_PRESETS.four] }, 'iterations', 'seed'],
  views: [
    { view: 'params', caption: 'Layers and parameters of the sizes you typed' },
    { view: 'curves', lossTitle: 'Loss: training and test', accuracyTitle: 'Accuracy: training and test' },
  ],
};

/** Demo 1's network with three blocks removed (the Dense layer after Flatten now holds most parameters). */
export const gapSpec: ExperimentSpecInput = {
  ...cnnSpec,
  id: 'depth-gap',
  model: { kind: 'layers', layers: cnnLayers(2) },
};

export const gapDemo: DemoConfig = {
  id: 'depth-gap',
  title: 'What closes the gap: more data, dropout, L2, augmentation, early stopping',
  shortTitle: 'Gap',
  description:
    'The two-block CNN that fits its 300 training images perfectly. Change one thing at a time; every run lands in the gallery below, labelled by what changed.',
  chapter,
  spec: gapSpec,
  controls: [{ control: 'trainSize', min: 100, max: 5000 }, 'dropout', 'l2', 'augment', 'earlyStopping', 'epochs', 'seed'],
  views: [curves],
};

export const depthGallery: GalleryConfig = {
  id: 'depth-gallery',
  title: 'Every CNN run of this chapter, compared',
  description:
    'Final training and validation accuracy and loss per run of the two CNN demos (same task, same 300 validation images), parameters and seconds per epoch, and every run’s loss with its lowest validation loss marked.',
  chapter,
  demos: ['depth-cnn', 'depth-gap'],
};

/** The MLP runs apart: other data sizes (209/50) and a test set, so they are not compared with the CNN's. */
export const mlpGallery: GalleryConfig = {
  id: 'depth-mlp-gallery',
  title: 'Your MLP runs, compared',
  description:
    'Final training and test accuracy and loss of every run of the MLP demo, its parameters and seconds per epoch, and every run’s loss overlaid.',
  chapter,
  demos: ['depth-mlp'],
};

export const demos: DemoConfig[] = [cnnDemo, mlpDemo, gapDemo];
export const galleries: GalleryConfig[] = [depthGallery, mlpGallery];
