/**
 * The chapters' exercises (issue 25 §2), checked against the reader's runs by the Exercise island
 * (src/components/experiment/exercises/). Each names its demo, what the run must be and what it must show; the worked
 * answers are prose in the chapters, with their figures from the reference data.
 */
import type { ExerciseConfig } from '../components/experiment/exercises/check';
import { overfitSpec } from './loss-accuracy';

const asLearner = { path: 'model.sizes', label: 'layer sizes', equals: [784, 7, 1] };
const fullLength = { path: 'training.duration.iterations', label: 'number of iterations', range: { above: 2499 }, want: 'at least 2,500' };

export const learningRateExercises: ExerciseConfig[] = [
  {
    id: 'lr-survivor',
    demo: 'lr-stuck',
    prompt:
      'Find a learning rate from 0.5 to 1 at which at least one of the seven hidden units is still alive after 2,500 iterations. Keep the layer sizes and the seed as they are.',
    spec: [
      { path: 'optimizer.learningRate', label: 'learning rate', range: { above: 0.4999, below: 1.0001 }, want: 'from 0.5 to 1' },
      fullLength,
      asLearner,
      { path: 'seed', label: 'seed', equals: 9 },
    ],
    shows: { metric: 'train cost', noun: 'the network', claim: { deadUnits: { below: 7 } } },
  },
  {
    id: 'lr-seed',
    demo: 'lr-stuck',
    prompt: 'At learning rate 1, find a seed whose network keeps learning: the cost ends below 0.5 after 2,500 iterations.',
    spec: [{ path: 'optimizer.learningRate', label: 'learning rate', equals: 1 }, fullLength, asLearner],
    shows: { metric: 'train cost', noun: 'the cost', claim: { final: { below: 0.5 } } },
  },
  {
    id: 'lr-linear-edge',
    demo: 'lr-explode',
    prompt:
      'The linear network overflows at learning rate 10. Type a learning rate above 0.1 at which it trains all 300 iterations and ends with a cost below 0.05.',
    spec: [{ path: 'optimizer.learningRate', label: 'learning rate', range: { above: 0.1 }, want: 'above 0.1' }],
    shows: { metric: 'train cost', noun: 'the cost', claim: { final: { below: 0.05 } } },
  },
];

export const lossExercises: ExerciseConfig[] = [
  {
    id: 'loss-later-minimum',
    demo: 'loss-overfit',
    prompt:
      'Without changing the network, make the validation loss reach its lowest after epoch 5 (the chapter’s run is lowest at epoch 4).',
    spec: [
      { path: 'model', label: 'the network', equals: overfitSpec.model },
      { path: 'training.duration.epochs', label: 'number of epochs', range: { above: 5 }, want: 'more than 5' },
    ],
    shows: { metric: 'validation cost', noun: 'the validation loss', claim: { lowestAt: { above: 5 } } },
  },
  {
    id: 'loss-contain',
    demo: 'loss-remedies',
    prompt:
      'Keep the validation loss from running away: end the run less than 0.25 above its lowest validation loss, with the network as it is.',
    spec: [{ path: 'model.sizes', label: 'layer sizes', equals: [784, 128, 1] }],
    shows: { metric: 'validation cost', noun: 'the validation loss', claim: { rise: { below: 0.25 } } },
  },
  {
    id: 'loss-transfer-lower',
    demo: 'loss-transfer',
    prompt: 'Train the frozen-extractor model and get its lowest validation loss below 0.45 (the from-scratch network’s lowest was 0.58).',
    shows: { metric: 'validation cost', noun: 'the validation loss', claim: { lowest: { below: 0.45 } } },
  },
];

export const poolingExercises: ExerciseConfig[] = [
  {
    id: 'pool-cnn-10k',
    demo: 'pool-with',
    prompt: 'Train the course’s CNN on 10,000 training images (5 epochs) and get its validation accuracy above 0.86.',
    spec: [{ path: 'data.train', label: 'number of training images', range: { above: 9999 }, want: 'at least 10,000' }],
    shows: { metric: 'validation accuracy', noun: 'the validation accuracy', claim: { final: { above: 0.86 } } },
  },
  {
    id: 'pool-dense-10k',
    demo: 'pool-dense',
    prompt: 'Now the dense-only network on 10,000 training images: get its validation accuracy above 0.82.',
    spec: [{ path: 'data.train', label: 'number of training images', range: { above: 9999 }, want: 'at least 10,000' }],
    shows: { metric: 'validation accuracy', noun: 'the validation accuracy', claim: { final: { above: 0.82 } } },
  },
  {
    id: 'pool-stride2',
    demo: 'pool-stride2',
    prompt:
      'Choose the stride-2 variant (no pooling layers: its convolutions shrink the maps themselves) and get its validation accuracy above 0.80 on the default 3,000 images.',
    spec: [{ path: 'data.train', label: 'number of training images', equals: 3000 }],
    shows: { metric: 'validation accuracy', noun: 'the validation accuracy', claim: { final: { above: 0.8 } } },
  },
];

export const depthExercises: ExerciseConfig[] = [
  {
    id: 'depth-more-parameters',
    demo: 'depth-cnn',
    prompt:
      'Remove conv+pool blocks (the presets do it in one press) until the network holds more than 10,000 parameters, and train it. Then compare its validation curves with the five-block run’s in the gallery.',
    shows: { metric: 'validation cost', noun: 'the network', claim: { parameters: { above: 10000 } } },
  },
  {
    id: 'depth-mlp-shallower',
    demo: 'depth-mlp',
    prompt:
      'Set the MLP’s seed to 3. Then change only its layer sizes (the presets are the course’s six, five and four layers) so that its test loss ends below 1.0 after 300 iterations.',
    spec: [
      { path: 'training.duration.iterations', label: 'number of iterations', equals: 300 },
      { path: 'seed', label: 'seed', equals: 3 },
    ],
    shows: { metric: 'test cost', noun: 'the test loss', claim: { final: { below: 1 } } },
  },
  {
    id: 'depth-close-gap',
    demo: 'depth-gap',
    prompt:
      'Close the gap: change one thing (augmentation, dropout, L2, early stopping or more images) so that the two-block network’s validation loss ends below 0.45.',
    shows: { metric: 'validation cost', noun: 'the validation loss', claim: { final: { below: 0.45 } } },
  },
];
