/**
 * Demos of the chapter "Validation loss goes up, accuracy stays flat — what gives?"
 * (src/content/docs/chapters/loss-accuracy.mdx).
 */
import type { ExperimentSpecInput } from '../engine/spec/schema';
import type { DemoConfig, GalleryConfig } from '../components/experiment/types';
import type { LossCalculatorConfig } from '../components/widgets/loss-calculator/types';
import type { DemoPickerConfig } from '../components/widgets/demo-picker/DemoPicker';
import { twoBlockCnn } from '../engine/spec/stacks';

const chapter = { title: 'Validation loss goes up, accuracy stays flat — what gives?', href: '/chapters/loss-accuracy/' };

/**
 * The thread's splits on two Fashion-MNIST classes that are hard to tell apart: T-shirt/top (0, negative) and
 * Shirt (6, positive). 154 + 154 training, 26 + 26 validation, 77 + 77 test images.
 */
const shirtData: ExperimentSpecInput['data'] = {
  dataset: 'fashion-mnist',
  classes: [0, 6],
  task: { kind: 'binary', positive: [6] },
  train: 308,
  validation: 52,
  test: 154,
  input: 'flat',
};

/** Evaluate every epoch, the whole training set too (in inference mode, like validation). */
const everyEpoch = { every: 20, evaluate: 'epoch', instruments: false, probabilities: false, trainEval: 308 } as const;

/** From scratch: a one-hidden-layer network, the learner's batch size 2, long enough to overfit. */
export const overfitSpec: ExperimentSpecInput = {
  seed: 1,
  data: shirtData,
  model: { kind: 'mlp', sizes: [784, 128, 1], hiddenActivation: 'relu', outputActivation: 'sigmoid' },
  optimizer: { type: 'adam', learningRate: 0.001 },
  training: { batchSize: 2, duration: { epochs: 30 } },
  record: everyEpoch,
};

/** The book's pretrained extractor (scripts/pretrain, public/models/fashion-8-extractor/): its checksum. */
export const EXTRACTOR_SHA256 = '348bd15c935bdf81a5bc589bea2c88017dc720f96c6ae040e409d88a4ed894ba';

/** As in the thread: a frozen feature extractor pretrained on other classes, and a new head on the 308 images. */
export const transferSpec: ExperimentSpecInput = {
  seed: 1,
  data: { ...shirtData, input: 'image' },
  model: {
    kind: 'layers',
    layers: twoBlockCnn([8, 16], 32, 1),
    pretrained: { name: 'fashion-8-extractor', sha256: EXTRACTOR_SHA256, layers: 5, freeze: true },
  },
  optimizer: { type: 'adam', learningRate: 0.003 },
  training: { batchSize: 2, duration: { epochs: 30 } },
  record: everyEpoch,
};

/**
 * The thread does not say whether the learner froze VGG16: the same experiment with the extractor fine-tuned (its
 * pretrained weights are the starting point and train with the head). The one difference from transferSpec.
 */
export const finetuneSpec: ExperimentSpecInput = {
  ...transferSpec,
  model: {
    ...transferSpec.model,
    pretrained: { name: 'fashion-8-extractor', sha256: EXTRACTOR_SHA256, layers: 5, freeze: false },
  } as ExperimentSpecInput['model'],
};

/** Ten classes, softmax cross-entropy: the same story with more than two answers. */
export const multiclassSpec: ExperimentSpecInput = {
  seed: 1,
  data: { dataset: 'fashion-mnist', train: 500, validation: 500, test: 0, input: 'flat' },
  model: { kind: 'mlp', sizes: [784, 128, 10], hiddenActivation: 'relu', outputActivation: 'softmax' },
  optimizer: { type: 'adam', learningRate: 0.001 },
  training: { batchSize: 10, duration: { epochs: 30 } },
  record: { ...everyEpoch, trainEval: 500 },
};

const curves = (lossTitle: string, accuracyTitle: string) => ({
  view: 'curves',
  lossTitle,
  accuracyTitle,
  bestEpoch: true,
  x: 'epoch',
  splits: ['train', 'validation'],
});

export const overfitDemo: DemoConfig = {
  id: 'loss-overfit',
  title: 'T-shirt or shirt? 308 training images, batch size 2, trained until it overfits',
  shortTitle: 'from scratch',
  description:
    'The thread’s split sizes on two look-alike Fashion-MNIST classes: watch validation loss turn up while validation accuracy stays put.',
  chapter,
  spec: overfitSpec,
  controls: ['batchSize', 'epochs', 'learningRate', 'seed'],
  predict: {
    question: 'Over the 30 epochs, when will the validation loss be at its lowest?',
    metric: 'validation cost',
    noun: 'the validation loss',
    when: { path: 'training.duration.epochs', value: 30, hint: 'Your prediction is about 30 epochs: set the epochs back to 30' },
    options: [
      { id: 'early', label: 'reach its lowest within the first 10 epochs, then rise', claim: { lowestAt: { below: 11 } } },
      { id: 'middle', label: 'reach its lowest between epochs 11 and 25', claim: { lowestAt: { above: 10, below: 26 } } },
      { id: 'late', label: 'keep falling: its lowest in the last 5 epochs', claim: { lowestAt: { above: 25 } } },
    ],
    draw: { y: [0, 1.5] },
  },
  views: [curves('Loss (cross-entropy)', 'Accuracy')],
};

/** The pretrained-extractor demos, frozen and fine-tuned, share their controls and views. */
const extractorKit: Pick<DemoConfig, 'controls' | 'views'> = {
  controls: ['batchSize', 'epochs', 'learningRate', 'seed'],
  views: ['params', curves('Loss (cross-entropy)', 'Accuracy')],
};

export const transferDemo: DemoConfig = {
  id: 'loss-transfer',
  title: 'As in the thread: a frozen pretrained extractor and a new head',
  shortTitle: 'transfer',
  description:
    'Convolution layers pretrained on the other eight Fashion-MNIST classes, frozen; only a new two-layer head trains on the 308 images.',
  chapter,
  spec: transferSpec,
  ...extractorKit,
};

export const finetuneDemo: DemoConfig = {
  id: 'loss-finetune',
  title: 'Variant: the same pretrained extractor, fine-tuned instead of frozen',
  shortTitle: 'fine-tuned',
  description: 'The convolution layers start from the same pretrained weights but train with the new head on the 308 images.',
  chapter,
  spec: finetuneSpec,
  ...extractorKit,
};

/** Frozen (the chapter's assumption) or fine-tuned: the thread does not say which the learner did. */
export const transferPicker: DemoPickerConfig = {
  id: 'loss-transfer-variants',
  legend: 'Pretrained layers',
  demos: [transferDemo, finetuneDemo],
};

/** The words of the probability view: which story the reader's run supports. */
const stories = {
  'confident mistakes':
    'Mistakes: {mistakes}, of which {confident} with p(true class) below 0.1 and {near} between 0.4 and 0.6. At this epoch your run supports the first story: the model is confidently wrong.',
  'near 0.5':
    'Mistakes: {mistakes}, of which {near} between 0.4 and 0.6 and {confident} with p(true class) below 0.1. At this epoch your run supports the second story: it hesitates around 0.5.',
  neither:
    'Mistakes: {mistakes}, of which {confident} with p(true class) below 0.1 and {near} between 0.4 and 0.6. At this epoch neither story dominates.',
};

/** The words of the loss-share view: where the validation loss of the reader's run comes from. */
const lossShareView = {
  view: 'lossShare',
  title: 'Where the validation loss comes from, epoch by epoch',
  names: { confident: 'mistakes with p < 0.1', rest: 'every other image' },
  yLabel: 'validation loss',
  caption:
    'Epoch {epoch}: validation loss {loss} = {confidentLoss} from the mistakes with p(true class) below 0.1 (images: {confident} of {n}; {share} of the loss) + {restLoss} from the other images ({rest}). At the lowest validation loss, epoch {bestEpoch}: {bestLoss} = {bestConfidentLoss} (images: {bestConfident}) + {bestRestLoss}. Computed in your browser from your run.',
};

export const confidenceDemo: DemoConfig = {
  id: 'loss-confidence',
  title: 'Confident mistakes, or drift towards 0.5? Every validation image, epoch by epoch',
  shortTitle: 'confidence',
  description:
    'The from-scratch experiment again, recording each of the 52 validation images’ probability of its true class at every epoch.',
  chapter,
  spec: { ...overfitSpec, record: { ...everyEpoch, probabilities: true } },
  controls: ['batchSize', 'epochs', 'seed'],
  views: [
    { view: 'probabilities', title: 'Probability of the true class, each of the 52 validation images', stories, mistakes: 8 },
    lossShareView,
    curves('Loss', 'Accuracy'),
  ],
};

export const calibrationDemo: DemoConfig = {
  id: 'loss-calibration',
  title: 'Does 90 % mean 90 %? Calibration, and what temperature scaling repairs',
  shortTitle: 'calibration',
  description:
    'A reliability diagram and the expected calibration error at every epoch; then one temperature, fitted on validation, applied to the test set.',
  chapter,
  spec: { ...overfitSpec, record: { ...everyEpoch, probabilities: true } },
  controls: ['epochs', 'batchSize', 'seed'],
  views: [
    {
      view: 'reliability',
      title: 'Reliability of the 52 validation images (latest epoch)',
      eceTitle: 'Expected calibration error, validation, per epoch',
    },
    {
      view: 'temperature',
      beforeTitle: 'Test images as trained',
      afterTitle: 'Test images after dividing the logits by T',
      caption:
        'T = {T}, fitted on the {nFit} {fit} images, applied to the {nMeasure} {measure} images. Computed in your browser from your run.',
    },
  ],
};

/**
 * With ten classes p(true class) < 0.1 is no sign of confidence by itself (a guess spread evenly gives 0.1), so
 * this demo counts without naming a story: the reader watches the count grow over the epochs.
 */
const tenClassCount =
  'Mistakes: {mistakes}, of which {confident} with p(true class) below 0.1 and {near} between 0.4 and 0.6. With ten classes 0.1 is what an even guess gives, so watch how the first number changes from epoch to epoch.';
const tenClassStories = { 'confident mistakes': tenClassCount, 'near 0.5': tenClassCount, neither: tenClassCount };

export const multiclassDemo: DemoConfig = {
  id: 'loss-multiclass',
  title: 'Ten classes, softmax cross-entropy',
  shortTitle: '10 classes',
  description: 'The same story with ten classes: the loss of an example is −ln of the probability its true class gets.',
  chapter,
  spec: { ...multiclassSpec, record: { ...multiclassSpec.record!, probabilities: true } },
  controls: ['epochs', 'batchSize', 'trainSize', 'seed'],
  views: [
    curves('Loss (softmax cross-entropy)', 'Accuracy'),
    {
      view: 'probabilities',
      title: 'Probability of the true class, each validation image, by class',
      stories: tenClassStories,
      mistakes: 8,
    },
  ],
};

/** What to do about it: the same experiment with every remedy one click away. */
export const remediesDemo: DemoConfig = {
  id: 'loss-remedies',
  title: 'What to do: early stopping, regularisation, label smoothing, more data',
  shortTitle: 'remedies',
  description:
    'The from-scratch experiment with early stopping on validation loss, dropout, L2, label smoothing and the training-set size to change.',
  chapter,
  spec: overfitSpec,
  controls: ['earlyStopping', 'dropout', 'l2', 'labelSmoothing', 'trainSize', 'batchSize', 'epochs', 'seed'],
  views: [curves('Loss (cross-entropy)', 'Accuracy')],
};

export const lossGallery: GalleryConfig = {
  id: 'loss-gallery',
  title: 'Every run of this chapter’s two-class experiments',
  description: 'Final training and validation loss and accuracy of each run, with the epoch of lowest validation loss marked.',
  chapter,
  demos: ['loss-overfit', 'loss-confidence', 'loss-transfer', 'loss-finetune', 'loss-calibration', 'loss-remedies'],
};

export const lossCalculator: LossCalculatorConfig = {
  id: 'loss-calculator',
  title: 'One example’s loss',
  initial: 0.4,
  threshold: 0.5,
  rows: [0.4, 0.1, 0.01, 0.001],
  text: {
    inputLabel: 'p, the probability the model gives the true class',
    sliderLabel: 'p on a logarithmic scale',
    hint: 'Type a number between 0 and 1 (0.001, 1e-3 and 0.1% all work), or drag.',
    lossLabel: 'The loss of this example',
    right: 'p = {p} is above {threshold}: the model picks the true class, and accuracy counts the example as right.',
    wrong:
      'p = {p} is below {threshold}: the model picks the other class, and accuracy counts one mistake — the same one mistake however small p gets.',
    tie: 'p = {p} sits exactly on the threshold: a tie, which a real model almost never produces.',
    errors: {
      empty: 'Type a probability, like 0.01.',
      nan: '“{value}” is not a number; type a probability like 0.01 or 1e-3.',
      range: 'A probability lies between 0 and 1; “{value}” does not.',
      zero: 'At p = 0 the loss −ln p is infinite; try a tiny p such as 1e-9 instead.',
    },
    tableCaption: 'A positive example the model grows surer about, wrongly (the thread’s numbers, computed here; add your own)',
    columns: ['p (true class)', 'loss −ln p', 'accuracy sees'],
    sides: { right: 'right', wrong: 'one mistake', tie: 'a tie' },
    add: 'Add p = {p} to the table',
    remove: 'Remove',
    chartLabel:
      'The loss −ln p of one example against p, the probability of its true class, with the threshold at 0.5 and the current value',
    xLabel: 'p, probability of the true class',
    yLabel: 'loss −ln p',
    regions: { wrong: 'accuracy: wrong', right: 'accuracy: right' },
    squared: { label: 'Its squared error, for comparison', column: 'squared error (1 − p)²', curveLabel: '(1 − p)²' },
  },
};

export const demos: DemoConfig[] = [overfitDemo, confidenceDemo, transferDemo, finetuneDemo, calibrationDemo, multiclassDemo, remediesDemo];
export const galleries: GalleryConfig[] = [lossGallery];
