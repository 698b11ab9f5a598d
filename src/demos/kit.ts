/** Demos of the reference page "Demos for instructors" (src/content/docs/about/kit.mdx): the kit's controls and views. */
import type { DemoConfig } from '../components/experiment/types';

const chapter = { title: 'Demos for instructors', href: '/about/kit/' };

/** The course's convolutional network, small enough to train in seconds, with its layer stack editable. */
export const kitCnnDemo: DemoConfig = {
  id: 'kit-cnn',
  title: 'Edit a network layer by layer',
  description: 'Add, remove and reorder layers; the parameter table follows before you train.',
  chapter,
  spec: {
    id: 'kit-cnn',
    seed: 1,
    data: { dataset: 'fashion-mnist', train: 256, validation: 128, input: 'image' },
    model: {
      kind: 'layers',
      layers: [
        { type: 'conv2d', filters: 8, kernel: 3, activation: 'relu' },
        { type: 'maxPooling2d', pool: 2 },
        { type: 'conv2d', filters: 8, kernel: 3, activation: 'relu' },
        { type: 'maxPooling2d', pool: 2 },
        { type: 'flatten' },
        { type: 'dense', units: 32, activation: 'relu' },
        { type: 'dense', units: 10, activation: 'softmax' },
      ],
    },
    optimizer: { type: 'adam', learningRate: 0.003 },
    training: { batchSize: 64, duration: { epochs: 1 } },
    record: { every: 1, evaluate: 'epoch', instruments: false, probabilities: false },
  },
  controls: ['layers', 'optimizer', { control: 'learningRate', presets: [0.0003, 0.001, 0.003, 0.01] }, 'epochs', 'batchSize', 'seed'],
  views: ['curves'],
};

export const demos: DemoConfig[] = [kitCnnDemo];
