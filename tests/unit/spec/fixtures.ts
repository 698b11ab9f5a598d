import type { ExperimentSpecInput } from '../../../src/engine/spec/schema';

/** The learner's experiment from the learning-rate chapter: [784, 7, 1], course init, full batch. */
export const lrPuzzle: ExperimentSpecInput = {
  id: 'lr-puzzle',
  seed: 9,
  data: {
    dataset: 'fashion-mnist',
    task: { kind: 'binary', positive: [8] },
    train: 209,
    test: 50,
    counts: { positive: 72, negative: 137 },
  },
  model: { kind: 'mlp', sizes: [784, 7, 1], hiddenActivation: 'relu', outputActivation: 'sigmoid', initializer: 'course' },
  optimizer: { type: 'sgd', learningRate: 0.0075 },
  training: { batchSize: 'full', duration: { iterations: 2500 } },
};

/** The course's C1_W3 CNN on Fashion-MNIST. */
export const courseCnn = (pools = true): ExperimentSpecInput => ({
  data: { dataset: 'fashion-mnist', train: 1000, input: 'image' },
  model: {
    kind: 'layers',
    layers: [
      { type: 'conv2d', filters: 32, kernel: 3, activation: 'relu' },
      ...(pools ? [{ type: 'maxPooling2d' as const, pool: 2 }] : []),
      { type: 'conv2d', filters: 32, kernel: 3, activation: 'relu' },
      ...(pools ? [{ type: 'maxPooling2d' as const, pool: 2 }] : []),
      { type: 'flatten' },
      { type: 'dense', units: 128, activation: 'relu' },
      { type: 'dense', units: 10, activation: 'softmax' },
    ],
  },
  optimizer: { type: 'adam', learningRate: 0.001 },
  training: { batchSize: 64, duration: { epochs: 1 } },
});

export const denseOnly: ExperimentSpecInput = {
  data: { dataset: 'fashion-mnist', train: 1000, input: 'image' },
  model: {
    kind: 'layers',
    layers: [{ type: 'flatten' }, { type: 'dense', units: 128, activation: 'relu' }, { type: 'dense', units: 10, activation: 'softmax' }],
  },
  optimizer: { type: 'adam', learningRate: 0.001 },
  training: { batchSize: 32, duration: { epochs: 1 } },
};
