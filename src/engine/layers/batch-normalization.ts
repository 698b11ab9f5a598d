/**
 * Batch normalisation (Ioffe & Szegedy 2015), as Keras' BatchNormalization(axis=-1): each channel (the last axis) is
 * standardised, then scaled by γ and shifted by β, both learned.
 * - Training: with the batch's own mean and (biased) variance over every axis but the channel, and the moving
 *   averages move towards them: moving = moving · momentum + batch · (1 − momentum), as Keras 3 updates them.
 * - Inference (evaluation, probes, the reader's own picture): with the moving averages, so one example's output
 *   never depends on the others in its batch.
 * Parameters: γ, β (trained) and the moving mean and variance (not trained): 4 × channels, 2 × channels trainable.
 */
import { decimal, defineLayer, fmt, pyNum, text } from './def';

/** Keras' default epsilon, added to the variance before the square root. */
export const BATCH_NORM_EPSILON = 0.001;

export const batchNormalization = defineLayer({
  type: 'batchNormalization',
  schema: (k) =>
    k.z.object({
      type: k.z.literal('batchNormalization'),
      /** Weight of the old moving average in each update (Keras' default 0.99). */
      momentum: k.num('batch-norm momentum', { min: 0, max: 1, maxExclusive: true }).default(0.99),
    }),
  canonical: (l) => ({ type: 'batchNormalization', momentum: l.momentum ?? 0.99 }),
  output(_layer, input) {
    const c = input[input.length - 1];
    return { shape: input, params: 4 * c, nonTrainable: 2 * c };
  },
  weights(_layer, input) {
    const c = input[input.length - 1];
    return [
      { role: 'gamma', symbol: 'γ', shape: [c], init: 'ones', trainable: true },
      { role: 'beta', symbol: 'β', shape: [c], init: 'zeros', trainable: true },
      { role: 'movingMean', symbol: 'μ', shape: [c], init: 'zeros', trainable: false },
      { role: 'movingVariance', symbol: 'σ²', shape: [c], init: 'ones', trainable: false },
    ];
  },
  forward(layer, x, { tf, weights, training, updateStatistics }) {
    const { gamma, beta, movingMean, movingVariance } = weights;
    let mean: import('@tensorflow/tfjs').Tensor = movingMean;
    let variance: import('@tensorflow/tfjs').Tensor = movingVariance;
    if (training) {
      const axes = x.shape.slice(0, -1).map((_, i) => i);
      ({ mean, variance } = tf.moments(x, axes));
      if (updateStatistics) {
        const m = layer.momentum;
        // The averages are statistics, not parameters: the loss never depends on them while training, so no
        // gradient reaches them, and the optimiser skips them (their variables are not trainable).
        movingMean.assign(tf.add(tf.mul(movingMean, m), tf.mul(mean, 1 - m)));
        movingVariance.assign(tf.add(tf.mul(movingVariance, m), tf.mul(variance, 1 - m)));
      }
    }
    const normalised = tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, BATCH_NORM_EPSILON)));
    return tf.add(tf.mul(normalised, gamma), beta);
  },
  keras: (layer) => `keras.layers.BatchNormalization(momentum=${pyNum(layer.momentum)}, epsilon=${pyNum(BATCH_NORM_EPSILON)})`,
  torch: (layer, input) => ({
    modules: [
      {
        part: '',
        // PyTorch's momentum is the weight of the new batch: 1 − Keras' (rounded: 1 − 0.99 is 0.010000000000000009).
        code: `nn.BatchNorm${input.length === 3 ? '2d' : '1d'}(${input[input.length - 1]}, eps=${pyNum(BATCH_NORM_EPSILON)}, momentum=${pyNum(Number((1 - layer.momentum).toPrecision(12)))})`,
        note: `Keras' momentum ${pyNum(layer.momentum)}, epsilon ${pyNum(BATCH_NORM_EPSILON)}`,
      },
    ],
    params: {
      gamma: { attr: 'weight' },
      beta: { attr: 'bias' },
      movingMean: { attr: 'running_mean' },
      movingVariance: { attr: 'running_var' },
    },
  }),
  torchNote: (layer) =>
    `# BatchNorm (momentum ${pyNum(layer.momentum)} in Keras' terms, ${pyNum(Number((1 - layer.momentum).toPrecision(12)))} in PyTorch's): batch statistics in model.train(), the running\n#   averages in model.eval(), as in the browser. PyTorch moves its running variance towards the batch's unbiased\n#   variance (÷ (n − 1)), the browser and Keras towards the biased one (÷ n).`,
  label: (layer) => `batchNormalization(momentum ${layer.momentum})`,
  worked(_layer, input) {
    const c = input[input.length - 1];
    return {
      size: 'unchanged',
      shape: input,
      params: `4·${c} = ${fmt(4 * c)}: γ, β (trained), moving mean and variance (not)`,
      count: 4 * c,
    };
  },
  token: {
    pattern: /^bn(\d+(?:\.\d+)?|\.\d+)?$/,
    read: (m) => ({ type: 'batchNormalization', momentum: m[1] === undefined ? 0.99 : Number(m[1]) }),
    write: (l) => (l.momentum === undefined || l.momentum === 0.99 ? 'bn' : `bn${decimal(l.momentum)}`),
    example: 'bn',
  },
  editor: {
    title: 'Batch norm',
    short: 'Batch norm',
    fields: ['momentum'],
    place: 'afterConv',
    create: () => ({ type: 'batchNormalization', momentum: 0.99 }),
    describe: (l) => `batch norm${l.momentum === undefined || l.momentum === 0.99 ? '' : ` momentum ${text(l.momentum)}`}`,
  },
  kerasNote: (layer) =>
    `# BatchNormalization (momentum ${pyNum(layer.momentum)}): batch statistics while training, the moving averages in evaluate() and predict(), as in the browser.`,
});
