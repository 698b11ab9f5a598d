/**
 * The recipe of the book's pretrained feature extractor "fashion-8-extractor": a small CNN trained on the eight
 * Fashion-MNIST classes that the loss-and-accuracy chapter does NOT use (it tells T-shirt/top, class 0, from
 * Shirt, class 6), so the chapter's transfer demo reuses features learnt on other garments, as a VGG16
 * pretrained on ImageNet is reused for a new task. Everything that decides the weights is here.
 */
import type { ExperimentSpecInput } from '../../src/engine/spec/schema';

export const MODEL_NAME = 'fashion-8-extractor';

/** The classes the chapter leaves out of pretraining. */
export const HELD_OUT_CLASSES = [0, 6];

/** Every Fashion-MNIST class except T-shirt/top (0) and Shirt (6). */
export const PRETRAIN_CLASSES = [1, 2, 3, 4, 5, 7, 8, 9];

/** Layers 1–5 (two convolution blocks and the flatten): the part other models reuse. */
export const EXTRACTOR_LAYERS = 5;

/** The pretraining experiment, run by the engine itself on the tfjs CPU backend. */
export const pretrainSpec: ExperimentSpecInput = {
  id: MODEL_NAME,
  seed: 2024,
  data: { dataset: 'fashion-mnist', classes: PRETRAIN_CLASSES, train: 4800, validation: 800, test: 800, input: 'image' },
  model: {
    kind: 'layers',
    layers: [
      { type: 'conv2d', filters: 8, kernel: 3, activation: 'relu' },
      { type: 'maxPooling2d', pool: 2 },
      { type: 'conv2d', filters: 16, kernel: 3, activation: 'relu' },
      { type: 'maxPooling2d', pool: 2 },
      { type: 'flatten' },
      { type: 'dense', units: 64, activation: 'relu' },
      { type: 'dense', units: 8, activation: 'softmax' },
    ],
  },
  optimizer: { type: 'adam', learningRate: 0.002 },
  training: { batchSize: 32, duration: { epochs: 3 } },
  record: { every: 50, evaluate: 'epoch', instruments: false, probabilities: false, trainEval: 0 },
};

export const DESCRIPTION =
  'A small CNN trained on the eight Fashion-MNIST classes other than T-shirt/top (0) and Shirt (6). Its first five layers (two convolution blocks and the flatten, 400 features per image) are the feature extractor of the loss-and-accuracy chapter; the two dense layers are its 8-class head, kept so its accuracy can be checked.';
