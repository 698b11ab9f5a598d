/**
 * The "Diagnose your training" page (src/content/docs/about/diagnose.mdx), as data: one row per symptom a learner
 * meets, with its likely causes, what to try, and links into the chapter whose demo reproduces it — each with the
 * demo's settings in the URL hash (`#<demo id>:<key>=<value>&…`, the format of
 * src/components/experiment/controls/hash.ts; the keys are the controls' `key`s). tests/unit/book/diagnosis.test.ts
 * checks that every link's hash decodes without issues for a demo of that chapter and that the settings are valid;
 * tests/e2e/diagnose.spec.ts opens links and reads the `shows` field.
 */

export interface DiagnosisLink {
  /** Site-relative link: the chapter's path, then the hash with the demo's settings. */
  href: string;
  /** What the link opens, in words: the demo and the settings it sets. */
  label: string;
  /** The chapter section (its `##` heading, as written) the demo sits under. */
  section: string;
  /** A control the demo shows with the link's value, for the browser test: the field's label and its text. */
  shows?: { demo: string; field: string; value: string };
}

export interface Diagnosis {
  /** Anchor of the row on the page. */
  id: string;
  /** The symptom in a few words (the row's heading). */
  title: string;
  /** What the learner sees. */
  symptom: string;
  /** The chapter that answers it (title as in the sidebar). */
  chapter: { title: string; href: string };
  /** Likely causes, most likely first. */
  causes: string[];
  /** The demo that shows it, set up to reproduce the symptom. */
  reproduce: DiagnosisLink;
  /** What to try, in order. */
  tryThis: string[];
  /** The same demo with one remedy applied, when one click shows it. */
  fix?: DiagnosisLink;
}

const learningRate = { title: 'Why is my cost stuck at 0.6439?', href: '/chapters/learning-rate/' };
const lossAccuracy = { title: 'Validation loss goes up, accuracy stays flat — what gives?', href: '/chapters/loss-accuracy/' };
const depth = { title: 'Accuracy went up when I removed layers?', href: '/chapters/depth/' };
const pooling = { title: 'How can losing information improve accuracy?', href: '/chapters/pooling/' };

/** The depth chapter's CNN with its last two conv+pool blocks removed (three left), as the layer control encodes it. */
const THREE_BLOCKS = 'c4k3same-max2same-c8k3same-max2same-c8k3same-max2same-flat-d64relu-d1sigmoid';

export const DIAGNOSES: Diagnosis[] = [
  {
    id: 'flat-cost',
    title: 'The cost is flat at H(prior)',
    symptom:
      'The cost stops falling within a few dozen iterations and stays at one value — 0.6439 for the learner’s data — however long you train.',
    chapter: learningRate,
    causes: [
      'That value is H(prior): the cross-entropy of always predicting the share of positives. The network has stopped using its input.',
      'Every hidden ReLU is dead: its pre-activation z is at or below 0 for every training image, so it outputs 0 and no gradient reaches the first layer (‖dW1‖ is exactly 0).',
      'A learning rate too large for the network: the first big steps push every unit’s weights and bias negative. Whether all of them die depends on the seed.',
    ],
    reproduce: {
      href: '/chapters/learning-rate/#lr-stuck:lr=1',
      label: 'The learner’s network at learning rate 1 (seed 9, 2,500 iterations)',
      section: "Our stand-in for the learner's experiment",
      shows: { demo: 'lr-stuck', field: 'Learning rate α', value: '1' },
    },
    tryThis: [
      'Look at ‖dW1‖ and the count of dead units, not only the cost: a flat cost can mean converged or dead.',
      'Lower the learning rate in factors of about 3 and keep the largest that falls smoothly (the chapter’s sweep).',
      'Warm the learning rate up; use He initialisation, Leaky ReLU or Adam to make dying harder.',
    ],
    fix: {
      href: '/chapters/learning-rate/#lr-sweep:it=1000',
      label: 'The learning-rate sweep: the same network at six learning rates, 1,000 iterations each',
      section: 'A learning-rate sweep',
    },
  },
  {
    id: 'diverged',
    title: 'The cost is NaN or ∞',
    symptom: 'The cost becomes NaN or ∞, or the run stops with “diverged: loss became NaN or infinite”.',
    chapter: learningRate,
    causes: [
      'A learning rate far too large for a network with nothing to stop it (no ReLU floor): every step overshoots further than the last, the weights grow geometrically and overflow 32-bit floats.',
      'Inputs on a large scale (pixels 0–255 instead of 0–1) make the same learning rate far too large.',
    ],
    reproduce: {
      href: '/chapters/learning-rate/#lr-explode:lr=10',
      label: 'A linear hidden layer at learning rate 10',
      section: 'When too high really does explode',
      shows: { demo: 'lr-explode', field: 'Learning rate α', value: '10' },
    },
    tryThis: [
      'Divide the learning rate by 10, then search upwards in factors of 3.',
      'Scale the inputs to 0–1 (or standardise them).',
      'Check the first iterations closely: a divergence starts in the first few dozen steps.',
    ],
    fix: {
      href: '/chapters/learning-rate/#lr-explode:lr=0.0075',
      label: 'The same linear network at learning rate 0.0075',
      section: 'When too high really does explode',
    },
  },
  {
    id: 'overfitting',
    title: 'Training accuracy up, validation flat',
    symptom: 'Training accuracy climbs towards 100 % while validation accuracy stops rising: the gap between them grows.',
    chapter: depth,
    causes: [
      'The network fits its few training images, noise included: many parameters, little data.',
      'Training for too long: past the epoch of lowest validation loss it only memorises.',
    ],
    reproduce: {
      href: '/chapters/depth/#depth-gap:train=300&ep=30',
      label: 'The two-block CNN on 300 training images for 30 epochs',
      section: 'What closes the gap',
      shows: { demo: 'depth-gap', field: 'Training images', value: '300' },
    },
    tryThis: [
      'More training data closes the gap most reliably.',
      'Dropout, L2 weight decay and augmentation (shifted and flipped images) make memorising harder.',
      'Early stopping on validation loss keeps the weights of the best epoch.',
    ],
    fix: {
      href: '/chapters/depth/#depth-gap:train=1200&ep=30',
      label: 'The same CNN on 1,200 training images',
      section: 'What closes the gap',
    },
  },
  {
    id: 'confident-mistakes',
    title: 'Validation loss up, accuracy flat',
    symptom: 'Validation loss rises epoch after epoch while validation accuracy stays flat.',
    chapter: lossAccuracy,
    causes: [
      'A few mistakes grow confident: an image whose true class gets p near 0 adds −ln p to the loss, without bound, while accuracy counts it as one mistake however small p gets.',
      'Overfitting a small training set (308 images, batch size 2): the network grows sure of everything, its errors included.',
    ],
    reproduce: {
      href: '/chapters/loss-accuracy/#loss-confidence:ep=30',
      label: 'The from-scratch network for 30 epochs, every validation image’s probability recorded',
      section: 'Test it: confident mistakes or drift towards 0.5?',
      shows: { demo: 'loss-confidence', field: 'Epochs', value: '30' },
    },
    tryThis: [
      'Split the validation loss: how much of it comes from mistakes with p(true class) below 0.1?',
      'Early stopping on validation loss; label smoothing; more training data.',
      'If you need calibrated probabilities, fit a temperature on the validation set.',
    ],
    fix: {
      href: '/chapters/loss-accuracy/#loss-remedies:es=3',
      label: 'The same experiment with early stopping (patience 3)',
      section: 'What to do',
    },
  },
  {
    id: 'more-parameters',
    title: 'More parameters after removing layers',
    symptom: 'You removed layers and the model got bigger: the parameter count went up (and the model may fit its training set faster).',
    chapter: depth,
    causes: [
      'Each conv+pool block halves the feature map. Remove blocks and the map entering Flatten is larger, so the Dense layer after it needs many more weights.',
      'Parameters sit where a large input meets a dense layer, not where the layers are many.',
    ],
    reproduce: {
      href: `/chapters/depth/#depth-cnn:layers=${THREE_BLOCKS}`,
      label: 'The five-block CNN with its last two blocks removed (three left)',
      section: 'Our stand-in for horses vs humans',
    },
    tryThis: [
      'Read the parameter table before training: which layer holds most of them?',
      'Keep a pool (or global average pooling) before Flatten so the Dense layer’s input stays small.',
      'Compare networks at similar parameter counts, on training and validation curves, not one accuracy.',
    ],
  },
  {
    id: 'less-information',
    title: 'Accuracy up with less information',
    symptom:
      'A network that throws information away (max-pooling keeps one number in four) scores higher than one that keeps every pixel — given a few thousand training images or more.',
    chapter: pooling,
    causes: [
      'The label rarely needs where exactly in a 2×2 window a feature fired; pooling drops only that.',
      'Fewer numbers reach the Dense layer: fewer parameters, less to overfit, less work per image.',
      'Convolutions detect a feature wherever it is, and pooling adds a little tolerance to small shifts.',
    ],
    reproduce: {
      href: '/chapters/pooling/#pool-dense:train=10000;pool-with:train=10000',
      label:
        'The dense-only network and the course’s CNN with max-pooling, each on 10,000 training images (minutes on a laptop’s processor)',
      section: "The learner's comparison: dense only vs the CNN",
      shows: { demo: 'pool-with', field: 'Training images', value: '10000' },
    },
    tryThis: [
      'Compare with the pools removed at the same number of epochs: accuracy, parameters and seconds per epoch.',
      'Run the shift test: how much of the representation survives moving the image a few pixels?',
      'Fit linear probes on each layer to see where the label becomes easy to read.',
    ],
    fix: {
      href: '/chapters/pooling/#pool-without:ep=5',
      label: 'The same CNN without pooling, 5 epochs, to compare like with like',
      section: 'What pooling buys, measured',
    },
  },
];

/** A link's path and its hash (with the "#"). */
export function splitLink(href: string): { path: string; hash: string } {
  const at = href.indexOf('#');
  return at < 0 ? { path: href, hash: '' } : { path: href.slice(0, at), hash: href.slice(at) };
}
