/** Demos of the reference page "Demos for instructors" (src/content/docs/about/kit.mdx): the kit's controls and views. */
import type { DemoConfig, GalleryConfig } from '../components/experiment/types';
import { twoBlockCnn } from '../engine/spec/stacks';

const chapter = { title: 'Demos for instructors', href: '/about/kit/' };

/** The course's convolutional network, small enough to train in seconds, with its layer stack editable. */
export const kitCnnDemo: DemoConfig = {
  id: 'kit-cnn',
  title: 'Edit a network layer by layer',
  shortTitle: 'CNN',
  description: 'Add, remove and reorder layers; the parameter table follows before you train.',
  chapter,
  spec: {
    seed: 1,
    data: { dataset: 'fashion-mnist', train: 256, validation: 128, test: 64, input: 'image' },
    model: {
      kind: 'layers',
      layers: twoBlockCnn([8, 8], 32, 10),
    },
    optimizer: { type: 'adam', learningRate: 0.003 },
    training: { batchSize: 64, duration: { epochs: 1 } },
    record: { every: 1, evaluate: 'epoch', instruments: false, probabilities: false },
  },
  controls: ['layers', 'optimizer', { control: 'learningRate', presets: [0.0003, 0.001, 0.003, 0.01] }, 'epochs', 'batchSize', 'seed'],
  // The layer editor shows the parameter table beside the stack, so the 'params' view is not listed again.
  views: ['curves', 'featureMaps'],
};

/** A small MLP with every regularisation knob, for the gallery. */
export const kitMlpDemo: DemoConfig = {
  id: 'kit-mlp',
  title: 'A small MLP with every regularisation knob',
  shortTitle: 'MLP',
  description: 'More data, dropout, L2, augmentation and early stopping on one network; every run lands in the gallery below.',
  chapter,
  spec: {
    seed: 1,
    data: { dataset: 'fashion-mnist', train: 500, validation: 250, input: 'flat' },
    model: { kind: 'mlp', sizes: [784, 64, 10], hiddenActivation: 'relu', outputActivation: 'softmax' },
    optimizer: { type: 'adam', learningRate: 0.003 },
    training: { batchSize: 50, duration: { epochs: 4 } },
    record: { every: 2, evaluate: 'epoch', instruments: false, probabilities: true, trainEval: 250 },
  },
  controls: ['sizes', 'learningRate', 'epochs', 'trainSize', 'dropout', 'l2', 'augment', 'earlyStopping', 'seed'],
  views: [{ view: 'curves', bestEpoch: true }, 'probabilities', 'reliability', 'confusion'],
};

export const kitGallery: GalleryConfig = {
  id: 'kit-gallery',
  title: 'Every run on this page',
  description: 'Final training and validation numbers of each run, its parameters and speed, and its curves overlaid.',
  chapter,
  demos: ['kit-cnn', 'kit-mlp'],
};

export const demos: DemoConfig[] = [kitCnnDemo, kitMlpDemo];
export const galleries: GalleryConfig[] = [kitGallery];
