/** Demos of the chapter "Why is my cost stuck at 0.6439?" (src/content/docs/chapters/learning-rate.mdx). */
import type { ExperimentSpecInput } from '../engine/spec/schema';
import type { DemoConfig, SweepConfig } from '../components/experiment/types';

const chapter = { title: 'Why is my cost stuck at 0.6439?', href: '/chapters/learning-rate/' };

/**
 * The learner's experiment: the course's 2-layer network on 209 training images (72 "Bag", as many as the
 * course's cat pictures) and 50 test images; N(0,1)·0.01 initialisation; full-batch gradient descent.
 */
export const learnerSpec: ExperimentSpecInput = {
  seed: 9,
  data: {
    dataset: 'fashion-mnist',
    task: { kind: 'binary', positive: [8] },
    train: 209,
    counts: { positive: 72, negative: 137 },
    test: 50,
    input: 'flat',
  },
  model: { kind: 'mlp', sizes: [784, 7, 1], hiddenActivation: 'relu', outputActivation: 'sigmoid', initializer: 'course' },
  optimizer: { type: 'sgd', learningRate: 0.0075 },
  training: { batchSize: 'full', duration: { iterations: 2500 } },
  record: { every: 10, evaluate: { steps: 100 }, instruments: true, probabilities: false },
};

export const lrPresets = [0.0075, 0.02, 0.06, 0.18, 0.54, 1.0];

export const stuckDemo: DemoConfig = {
  id: 'lr-stuck',
  title: 'The learner’s network: [784, 7, 1], full-batch gradient descent',
  description: 'Train the course’s two-layer network at different learning rates and watch the gradient of W1 and the hidden ReLUs.',
  chapter,
  spec: learnerSpec,
  controls: [{ control: 'learningRate', presets: lrPresets }, 'iterations', 'seed', 'sizes'],
  predict: {
    question: 'At learning rate 1, what will the cost do over the 2,500 iterations?',
    metric: 'train cost',
    noun: 'the cost',
    when: { path: 'optimizer.learningRate', value: 1, hint: 'Your prediction is about learning rate 1: choose 1 from the presets' },
    options: [
      { id: 'blow-up', label: 'blow up: the numbers overflow and training stops', claim: { diverges: true } },
      { id: 'bounce', label: 'bounce around and end above 0.7', claim: { final: { above: 0.7 } } },
      { id: 'converge', label: 'fall below 0.1, faster than at 0.0075', claim: { final: { below: 0.1 } } },
      { id: 'stall', label: 'stop falling early and stay between 0.6 and 0.7', claim: { final: { above: 0.6, below: 0.7 } } },
    ],
    draw: { y: [0, 1] },
  },
  views: [
    // At learning rate 1 everything happens in the first 50 of 2,500 iterations: a zoom shows them.
    { view: 'cost', reference: 'priorEntropy', zoom: 100 },
    {
      view: 'gradients',
      zeroCaption:
        '‖dW1‖ is exactly 0 from iteration {step} on, counting from 1 as this chart does (iteration {iteration} in the course’s for-loop, which counts from 0): assert np.linalg.norm(dW1) > 0 would fire there.',
      aliveCaption: '‖dW1‖ has not reached zero: the first layer is still learning.',
      zeroMarker: '‖dW1‖ = 0 from {unit} {step}',
    },
    'dead',
    {
      view: 'preActivations',
      title: 'Each hidden unit’s largest z over the training images',
      caption:
        '{dead} of {units} units are dead at iteration {step}: their largest z is at or below 0, so they output 0 for every training image. Each of the others still fires for at least one image.',
      noneDeadCaption:
        'At iteration {step} every line is above 0: each of the {units} units fires for at least one training image, so each still learns.',
      allDeadCaption:
        'All {units} units dead: every line is at or below 0 from the record at iteration {since} on. Even the image that excites a unit most gives it z ≤ 0, so every unit outputs 0 for every image, nothing reaches W1 and b1, and the lines stay flat.',
      zeroLabel: 'z = 0: below it, off for every image',
      yLabel: 'largest z over the images',
      emptyText: 'Train to see, for each of the hidden units, its largest z over the training images at every recorded iteration.',
    },
    'accuracy',
  ],
};

export const sweepDemo: SweepConfig = {
  id: 'lr-sweep',
  title: 'A learning-rate sweep in factors of three',
  description:
    'The same network and data at six learning rates, one after another: cost curves overlaid, and the final cost against the learning rate.',
  chapter,
  spec: {
    ...learnerSpec,
    training: { batchSize: 'full', duration: { iterations: 1000 } },
    record: { every: 20, evaluate: { steps: 1000 }, instruments: false, probabilities: false },
  },
  control: 'learningRate',
  values: lrPresets,
  reference: 'priorEntropy',
};

/** Without the ReLU's floor a too-large step has nothing to stop it: the weights grow until they overflow. */
export const explodeDemo: DemoConfig = {
  id: 'lr-explode',
  title: 'A truly exploding run: linear hidden layer, learning rate 10',
  description: 'Take away the ReLU and a learning rate far too large makes every step overshoot further than the last.',
  chapter,
  spec: {
    ...learnerSpec,
    model: { kind: 'mlp', sizes: [784, 7, 1], hiddenActivation: 'linear', outputActivation: 'sigmoid', initializer: 'course' },
    optimizer: { type: 'sgd', learningRate: 10 },
    training: { batchSize: 'full', duration: { iterations: 300 } },
    record: { every: 1, evaluate: { steps: 50 }, instruments: false, probabilities: false },
  },
  controls: [{ control: 'learningRate', presets: [0.0075, 0.1, 1, 10] }],
  views: ['cost'],
};

export const demos: DemoConfig[] = [stuckDemo, explodeDemo];
export const sweeps: SweepConfig[] = [sweepDemo];
