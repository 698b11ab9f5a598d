/**
 * Every quotation from the forum threads the chapters answer, in one place: the words verbatim, the thread, and the
 * speaker's role (the learner who asked, a course mentor, or another user answering on a Q&A site). Chapters show
 * them with <Quote id="…" /> (src/components/site/Quote.astro); tests/unit/chapters/quotes.test.ts checks that every
 * id a page uses is here and every entry names its thread and speaker. The threads themselves are not part of the
 * project: a quote added here is checked against them by hand before it lands (see tests/README.md).
 */
/** The learner who asked, a course mentor, or anyone else who answered (on a Q&A site or the course forum). */
export type Speaker = 'learner' | 'course mentor' | 'answerer';

export interface Thread {
  /** The learner's question, as the thread is titled or opens. */
  title: string;
  where: 'course forum' | 'Q&A site';
  /** The chapters that answer it (thread 002 feeds the learning-rate and depth chapters). */
  chapters: string[];
}

export const THREADS = {
  removedLayers: { title: 'Accuracy goes up after removing layers?', where: 'course forum', chapters: ['/chapters/depth/'] },
  poolingForum: {
    title: 'How can information loss in convolution and max-pooling raise accuracy?',
    where: 'course forum',
    chapters: ['/chapters/pooling/'],
  },
  stuckCost: {
    title: 'A 6-layer network overfits; learning rate 1 leaves the cost at 0.6439737380528059',
    where: 'course forum',
    chapters: ['/chapters/learning-rate/', '/chapters/depth/'],
  },
  poolingQA: {
    title: 'The same question about convolution and max-pooling, with three answers',
    where: 'Q&A site',
    chapters: ['/chapters/pooling/'],
  },
  lossUp: {
    title: 'Validation loss increases while validation accuracy stays the same',
    where: 'Q&A site',
    chapters: ['/chapters/loss-accuracy/'],
  },
} satisfies Record<string, Thread>;

export interface Quotation {
  thread: keyof typeof THREADS;
  speaker: Speaker;
  text: string;
}

export const QUOTES = {
  'depth.learner.parameters': {
    thread: 'removedLayers',
    speaker: 'learner',
    text: 'the number of trainable parameters goes up each time a layer is removed. Perhaps that explains it. But that leads to a question about how many layers you should use …',
  },
  'depth.learner.parametersShort': {
    thread: 'removedLayers',
    speaker: 'learner',
    text: 'the number of trainable parameters goes up each time a layer is removed',
  },
  'depth.answerer.probability': {
    thread: 'removedLayers',
    speaker: 'answerer',
    text: 'A bad model produces probability 0.51 which means positive, but the error, the distance between 0.51 to 1 is so huge.',
  },
  'depth.learner002.same': {
    thread: 'stuckCost',
    speaker: 'learner',
    text: 'the results I’ve got are pred_train= 0.9999999999999998, and pred_test= 0.74 which are the same values obtained from my (arbitrary choosen) 6-Layers NN',
  },
  'depth.learner002.feed': {
    thread: 'stuckCost',
    speaker: 'learner',
    text: 'trying to feed my the dataset with new training examples (the one I’m trying now as tests and that are incorrectly classified)',
  },
  'lr.mentor.gradients': {
    thread: 'stuckCost',
    speaker: 'course mentor',
    text: 'What are the gradient values you are getting? What happens in the “update parameters” step: are the weights actually changing?',
  },
  'lr.mentor.saturating': {
    thread: 'stuckCost',
    speaker: 'course mentor',
    text: 'It’s possible that you are “saturating” sigmoid because of the high learning rate',
  },
  'lr.mentor.assertion': {
    thread: 'stuckCost',
    speaker: 'course mentor',
    text: 'AssertionError: Near zero gradient for W1 norm 0.0 at iteration 56',
  },
  'loss.learner.whatGives': {
    thread: 'lossUp',
    speaker: 'learner',
    text: 'It seems that after 30 epochs of training my validation loss begins increasing, but validation accuracy stays static, what gives?',
  },
  'loss.answerer.confidence': {
    thread: 'lossUp',
    speaker: 'answerer',
    text: 'takes into account how confident the model was about correct and wrong predictions',
  },
  'loss.learner.guess': {
    thread: 'lossUp',
    speaker: 'learner',
    text: 'to guess at around the 0.5 threshold where there is a lot of uncertainty',
  },
  'loss.answerer.testIt': {
    thread: 'lossUp',
    speaker: 'answerer',
    text: "I think it's more that it becomes more confident of wrong predictions, but you can just test that and see.",
  },
  'pooling.learner.matrices': { thread: 'poolingForum', speaker: 'learner', text: '32 smaller matrices' },
  'pooling.learner.lost': { thread: 'poolingForum', speaker: 'learner', text: 'will have lost a lot of data' },
  'pooling.learner.quarter': {
    thread: 'poolingForum',
    speaker: 'learner',
    text: 'Converting 2x2 matrix to 1x1. That’s another 25% data loss.',
  },
  'pooling.learner.why': {
    thread: 'poolingForum',
    speaker: 'learner',
    text: 'But surprisingly, the accuracy here goes up. Can anyone help me figure out why?',
  },
  'pooling.answerer.compression': {
    thread: 'poolingQA',
    speaker: 'answerer',
    text: 'The relevant information content however is preserved as much as possible, while reducing the irrelevant or redundant information.',
  },
  'pooling.answerer.featureMaps': {
    thread: 'poolingQA',
    speaker: 'answerer',
    text: 'You do not apply it to the data directly, which is different than your example of blurring the vision.',
  },
  'pooling.answerer.lose': {
    thread: 'poolingQA',
    speaker: 'answerer',
    text: 'The purpose of most algorithms is to lose unnecessary information',
  },
  'pooling.answerer.augment': {
    thread: 'poolingQA',
    speaker: 'answerer',
    text: 'That is why you augment your data by reflecting it, rotating, cutting pieces: you are teaching to the NN what to ignore.',
  },
  'pooling.learner.blur': {
    thread: 'poolingForum',
    speaker: 'learner',
    text: 'Just like when your vision blurs, you can’t correctly identify the object.',
  },
  'pooling.learner.sameLayers': { thread: 'poolingForum', speaker: 'learner', text: '# Add the same layers as before' },
} satisfies Record<string, Quotation>;

export type QuoteId = keyof typeof QUOTES;
