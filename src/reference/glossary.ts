/**
 * The book's glossary, in one place. A chapter links the first use of a term with <Term id="logit">logits</Term>
 * (src/components/book/Term.astro): a link to the entry on the glossary page (about/glossary), with the short
 * definition shown on hover and keyboard focus and given to screen readers as the link's description. The glossary
 * page lists every entry with the chapters that use it. tests/unit/content/glossary-citations.test.ts checks that
 * every id a page uses is here, that a chapter links each term once, and that every entry has a definition.
 *
 * A definition is plain text (it is shown in a tooltip), one or two sentences, and says what the term means in
 * general, not only in this book.
 */
import type { BibKey } from './bibliography';

export interface GlossaryEntry {
  /** The term as the glossary lists it. */
  term: string;
  /** Other names for the same thing ("log-odds", "weight decay"). */
  also?: readonly string[];
  /** One or two sentences of plain text. */
  definition: string;
  /** Related entries, by id (checked by the unit test). */
  see?: readonly string[];
  /** Where the idea comes from or is best explained (keys of src/reference/bibliography.ts). */
  cite?: readonly BibKey[];
}

export const GLOSSARY = {
  adam: {
    term: 'Adam',
    definition:
      'An optimiser that moves each weight by a running average of its gradients divided by the square root of a running average of their squares, so each step is at most about the learning rate, whatever the gradient’s size.',
    see: ['learning-rate'],
    cite: ['kingma2015'],
  },
  augmentation: {
    term: 'Data augmentation',
    definition:
      'Training on randomly changed copies of the examples (shifted, mirrored, cropped…), drawn anew each epoch, so that the network learns to ignore changes that do not change the label.',
    see: ['overfitting', 'invariance'],
  },
  auc: {
    term: 'AUC',
    also: ['area under the ROC curve'],
    definition:
      'The probability that a randomly chosen positive example gets a higher score than a randomly chosen negative one: 0.5 is chance, 1 a perfect ranking. It depends on the ranking alone, not on a threshold or on calibration.',
    see: ['calibration'],
    cite: ['hanley1982'],
  },
  backend: {
    term: 'Backend',
    also: ['engine'],
    definition:
      'What does TensorFlow.js’s arithmetic: WebGPU or WebGL on a graphics card, or the CPU. Backends round slightly differently, so one seed can give slightly different numbers on two of them.',
    see: ['seed'],
    cite: ['smilkov2019'],
  },
  'batch-size': {
    term: 'Batch size',
    definition:
      'How many examples one weight update averages its gradient over. With m training examples and batch size b, an epoch takes about m/b steps.',
    see: ['iteration', 'epoch', 'full-batch'],
  },
  'binary-entropy': {
    term: 'Binary entropy',
    also: ['entropy of the label prior'],
    definition:
      'H(p) = −p ln p − (1 − p) ln(1 − p), for labels of which a share p is positive. It is the lowest cross-entropy a model can reach when it predicts the same probability for every example; that probability is p.',
    see: ['cross-entropy'],
    cite: ['cover2006'],
  },
  calibration: {
    term: 'Calibration',
    definition:
      'How far a model’s probabilities can be taken at their word. A model is calibrated when, of the predictions it makes with confidence 0.9, about 90 % are right.',
    see: ['ece', 'reliability-diagram', 'temperature-scaling'],
    cite: ['guo2017'],
  },
  'cosine-similarity': {
    term: 'Cosine similarity',
    definition:
      'The cosine of the angle between two vectors, a·b / (‖a‖ ‖b‖): 1 when they point the same way, 0 when they are perpendicular, whatever their lengths.',
  },
  'cross-entropy': {
    term: 'Cross-entropy',
    also: ['log loss', 'binary cross-entropy'],
    definition:
      'The loss −ln p, where p is the probability the model gives the true class, averaged over the examples. With two classes it is binary cross-entropy, −[y ln ŷ + (1 − y) ln(1 − ŷ)].',
    see: ['logit', 'binary-entropy', 'calibration'],
  },
  'data-processing-inequality': {
    term: 'Data-processing inequality',
    definition:
      'If Z is computed from X alone, Z cannot carry more information about a label Y than X does: I(Y; Z) ≤ I(Y; X). No layer of a network adds information about the label.',
    cite: ['cover2006'],
  },
  'dead-relu': {
    term: 'Dead ReLU unit',
    definition:
      'A ReLU unit whose pre-activation is at or below 0 for every training example: it outputs 0 for all of them and passes back no gradient, so gradient descent cannot revive it.',
    see: ['relu', 'pre-activation', 'leaky-relu', 'he-init'],
  },
  dropout: {
    term: 'Dropout',
    definition:
      'A regulariser that, at every training step, sets a random share (the rate) of a layer’s outputs to zero and scales the rest by 1/(1 − rate). It is switched off in inference mode.',
    see: ['inference-mode', 'overfitting', 'l2'],
    cite: ['srivastava2014'],
  },
  'early-stopping': {
    term: 'Early stopping',
    definition:
      'Ending training once the validation loss has not improved for a set number of evaluations (the patience), usually putting back the weights of the best evaluation.',
    see: ['validation-set', 'overfitting'],
    cite: ['prechelt1998'],
  },
  ece: {
    term: 'ECE',
    also: ['expected calibration error'],
    definition:
      'Sort the predictions into bins by confidence; ECE is the average gap between each bin’s accuracy and its mean confidence, weighted by the share of examples in the bin. 0 means calibrated on those bins.',
    see: ['calibration', 'reliability-diagram'],
    cite: ['naeini2015', 'guo2017'],
  },
  epoch: {
    term: 'Epoch',
    definition: 'One pass through all the training examples: as many steps as there are batches.',
    see: ['iteration', 'batch-size'],
  },
  equivariance: {
    term: 'Equivariance',
    also: ['translation equivariance'],
    definition:
      'A layer is shift-equivariant when shifting its input shifts its output the same way and changes nothing else. A convolution with stride 1 is, away from the borders.',
    see: ['invariance', 'weight-sharing'],
  },
  'feature-map': {
    term: 'Feature map',
    also: ['channel'],
    definition:
      'The output of one convolution filter over the whole input: a grid of how strongly the filter’s pattern is present at each position. A layer of 32 filters outputs 32 maps.',
    see: ['max-pooling', 'receptive-field'],
  },
  'fine-tuning': {
    term: 'Fine-tuning',
    also: ['freezing', 'transfer learning'],
    definition:
      'Reusing layers trained on another task under a new head. Frozen, their weights stay fixed and only the head trains; fine-tuned, they train further with it.',
  },
  flatten: {
    term: 'Flatten',
    definition:
      'A layer without parameters that lays out an H × W × C map as one vector of H·W·C numbers, so that a dense layer can read it.',
  },
  'full-batch': {
    term: 'Full-batch gradient descent',
    definition:
      'Gradient descent in which every step uses the gradient over the whole training set, so one iteration is one epoch and the steps carry no sampling noise.',
    see: ['batch-size', 'iteration'],
  },
  'glorot-init': {
    term: 'Glorot initialisation',
    also: ['Xavier initialisation', 'glorot_uniform'],
    definition:
      'Drawing initial weights with variance 2/(fan-in + fan-out), which keeps signals and gradients roughly the same size from layer to layer. Keras’ default for Dense and Conv2D layers.',
    see: ['he-init'],
    cite: ['glorot2010'],
  },
  'he-init': {
    term: 'He initialisation',
    also: ['Kaiming initialisation'],
    definition:
      'Drawing initial weights with variance 2/fan-in (the number of inputs per unit), so that signals keep roughly the same size through stacked ReLU layers, which zero about half of them.',
    see: ['glorot-init', 'relu'],
    cite: ['he2015'],
  },
  'inference-mode': {
    term: 'Inference mode',
    definition:
      'Running a network to predict rather than to train: no weights change, dropout is switched off and batch normalisation uses its stored statistics.',
    see: ['dropout'],
  },
  invariance: {
    term: 'Invariance',
    also: ['shift invariance'],
    definition:
      'An output is shift-invariant when shifting the input does not change it at all. Pooling gives only partial invariance to small shifts.',
    see: ['equivariance', 'max-pooling'],
    cite: ['zhang2019'],
  },
  iteration: {
    term: 'Iteration',
    also: ['step'],
    definition: 'One update of the weights, from the gradient of one batch.',
    see: ['epoch', 'batch-size'],
  },
  l2: {
    term: 'L2 regularisation',
    also: ['weight decay'],
    definition:
      'Adding λ Σ w² to the training loss, so that large weights cost something. With plain gradient descent it shrinks every weight by a fixed fraction at each step, hence “weight decay”.',
    see: ['dropout', 'overfitting'],
    cite: ['krogh1992'],
  },
  'label-smoothing': {
    term: 'Label smoothing',
    definition:
      'Training against softened targets, with k classes 1 − ε + ε/k for the true class and ε/k for each other, instead of 1 and 0, so that the loss stops rewarding ever larger logits.',
    see: ['logit', 'calibration'],
    cite: ['szegedy2016'],
  },
  leakage: {
    term: 'Leakage',
    definition:
      'Information from the examples that score a model reaching its training or the choices made about it, such as training on test images. The score then overstates how the model does on new data.',
    see: ['test-set', 'validation-set'],
  },
  'leaky-relu': {
    term: 'Leaky ReLU',
    definition:
      'A ReLU with a small slope for negative inputs: a = z for z > 0 and a = αz otherwise (α small, such as 0.01). A unit that is off still passes a gradient, so it cannot die for good.',
    see: ['relu', 'dead-relu'],
    cite: ['maas2013'],
  },
  'learning-rate': {
    term: 'Learning rate',
    definition:
      'The factor α that scales each gradient step, w ← w − α ∂J/∂w. Too small and training crawls; too large and it overshoots, diverges or, with ReLUs, can kill units.',
    see: ['warm-up', 'adam'],
    cite: ['smith2017'],
  },
  'linear-probe': {
    term: 'Linear probe',
    definition:
      'A linear classifier (such as softmax regression) trained on the frozen outputs of one layer of a network, to measure how easily the label can be read off that layer.',
    cite: ['alain2016'],
  },
  logit: {
    term: 'Logit',
    also: ['log-odds'],
    definition:
      'The number a network outputs before a sigmoid or softmax turns it into a probability. For a sigmoid output p = σ(z), the logit z = ln(p / (1 − p)) is the log-odds.',
    see: ['sigmoid', 'softmax', 'temperature-scaling'],
  },
  'max-pooling': {
    term: 'Max-pooling',
    also: ['average pooling'],
    definition:
      'Replacing each window of a feature map (such as 2 × 2, moving by its own size) with its largest value. It has no parameters; average pooling takes the mean instead.',
    see: ['feature-map', 'stride', 'invariance'],
  },
  overfitting: {
    term: 'Overfitting',
    definition:
      'Fitting the training examples ever more closely while doing no better, or worse, on new ones: the training loss keeps falling while the validation loss rises.',
    see: ['validation-set', 'early-stopping', 'dropout', 'l2', 'augmentation'],
  },
  padding: {
    term: 'Padding',
    definition:
      'Values, usually zeros, added around an input’s border before a window slides over it. Keras’ “valid” adds none, so a k × k convolution shrinks the map by k − 1; “same” keeps the size at stride 1.',
    see: ['stride'],
  },
  'pre-activation': {
    term: 'Pre-activation',
    definition: 'A unit’s input to its activation function, z = wᵀx + b, before the ReLU or sigmoid is applied.',
    see: ['relu', 'dead-relu'],
  },
  'receptive-field': {
    term: 'Receptive field',
    definition:
      'The patch of the input image that can affect one unit. Each output of a 3 × 3 convolution on the image sees 3 × 3 pixels; every further convolution or pooling layer widens the patch.',
    see: ['feature-map', 'stride'],
  },
  'reliability-diagram': {
    term: 'Reliability diagram',
    definition:
      'A chart of calibration: predictions are binned by confidence, and each bin’s accuracy (or share of positives) is plotted against its mean confidence. A calibrated model lies on the diagonal.',
    see: ['calibration', 'ece'],
    cite: ['guo2017'],
  },
  relu: {
    term: 'ReLU',
    also: ['rectified linear unit'],
    definition: 'The activation a = max(0, z). Its slope is 1 for z > 0 and exactly 0 for z < 0.',
    see: ['dead-relu', 'leaky-relu', 'pre-activation'],
  },
  saturation: {
    term: 'Saturation',
    definition:
      'A sigmoid or tanh unit is saturated when its input is far from 0, where its slope is tiny. Tiny is not zero: saturation slows learning, it does not stop it.',
    see: ['sigmoid', 'dead-relu'],
  },
  seed: {
    term: 'Seed',
    definition:
      'The number that starts a pseudo-random number generator. Here it fixes every random choice of a run (the examples drawn, the initial weights, their order), so the same seed and settings give the same run on the same backend.',
    see: ['backend'],
  },
  sigmoid: {
    term: 'Sigmoid',
    definition:
      'σ(z) = 1 / (1 + e^−z), which turns a logit into a probability between 0 and 1. Its slope σ(z)(1 − σ(z)) is largest, 0.25, at z = 0.',
    see: ['logit', 'softmax', 'saturation'],
  },
  softmax: {
    term: 'Softmax',
    definition:
      'Turns k logits into k probabilities that sum to 1: p_c = exp(z_c) / Σ_j exp(z_j). With two classes it is the sigmoid of the difference of the two logits.',
    see: ['logit', 'sigmoid', 'cross-entropy'],
  },
  'stratified-split': {
    term: 'Stratified split',
    definition:
      'A split into training, validation and test sets that keeps each class’s share the same in every part, such as exactly half of each class in every set when the classes are balanced.',
    see: ['validation-set', 'test-set'],
  },
  stride: {
    term: 'Stride',
    definition:
      'How far a convolution or pooling window moves between one output and the next. Stride 1 visits every position; stride 2 every other one, which halves the map’s width and height.',
    see: ['padding', 'max-pooling'],
  },
  'temperature-scaling': {
    term: 'Temperature scaling',
    definition:
      'Dividing every logit by one number T > 0 before the sigmoid or softmax, with T fitted on held-out data to minimise the cross-entropy. It changes how confident the predictions are, never which class they pick.',
    see: ['calibration', 'logit'],
    cite: ['guo2017'],
  },
  'test-set': {
    term: 'Test set',
    definition:
      'Examples kept out of training and out of every choice about the model, scored once at the end to estimate how it does on new data.',
    see: ['validation-set', 'leakage'],
  },
  'validation-set': {
    term: 'Validation set',
    also: ['held-out set'],
    definition:
      'Examples held out from training to compare models, tune settings and decide when to stop. Choices made by looking at it make its scores a little optimistic, so a separate test set gives the final score.',
    see: ['test-set', 'stratified-split', 'early-stopping'],
  },
  'warm-up': {
    term: 'Learning-rate warm-up',
    definition:
      'Starting training with a small learning rate and raising it to its full value over the first steps or epochs, which avoids the violent first updates of a large rate.',
    see: ['learning-rate'],
    cite: ['goyal2017'],
  },
  'weight-sharing': {
    term: 'Weight sharing',
    definition:
      'Using the same weights at many places: a convolution applies one small filter at every position of the image, so its parameter count does not depend on the image’s size.',
    see: ['equivariance', 'feature-map'],
  },
} satisfies Record<string, GlossaryEntry>;

export type GlossaryId = keyof typeof GLOSSARY;

export function isGlossaryId(id: string): id is GlossaryId {
  return Object.hasOwn(GLOSSARY, id);
}

/** The term ids a page's source links with <Term id="…">, in order of use (repeats kept, so tests can find them). */
export function termIdsIn(source: string): string[] {
  return [...source.matchAll(/<Term\b[^>]*?\bid=["']([^"']+)["']/g)].map((m) => m[1]);
}

/** Every entry's id, alphabetically by term. */
export function glossaryOrder(): GlossaryId[] {
  return (Object.keys(GLOSSARY) as GlossaryId[]).sort((a, b) => GLOSSARY[a].term.localeCompare(GLOSSARY[b].term, 'en'));
}
