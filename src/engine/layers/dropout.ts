/** Dropout (Srivastava et al. 2014): while training, zero each input with probability `rate`; in inference, nothing. */
import { decimal, defineLayer, pyNum } from './def';

export const dropout = defineLayer({
  type: 'dropout',
  schema: (k) =>
    k.z.object({
      type: k.z.literal('dropout'),
      /** Fraction of inputs zeroed during training, 0 ≤ rate < 1. */
      rate: k.num('dropout rate', { min: 0, max: 1, maxExclusive: true }),
    }),
  canonical: (l) => ({ type: 'dropout', rate: l.rate }),
  output: (_layer, input) => ({ shape: input, params: 0 }),
  forward(layer, x, { tf, training, rng }) {
    if (!training || layer.rate === 0) return x;
    // Inverted dropout with a seeded mask (tf.dropout would draw from an unseeded generator).
    const seed = Math.floor((rng?.next() ?? Math.random()) * 2 ** 31);
    const keep = tf.cast(tf.greaterEqual(tf.randomUniform(x.shape, 0, 1, 'float32', seed), layer.rate), 'float32');
    return tf.div(tf.mul(x, keep), 1 - layer.rate);
  },
  keras: (layer) => `keras.layers.Dropout(${pyNum(layer.rate)})`,
  torch: (layer) => ({ modules: [{ part: '', code: `nn.Dropout(${pyNum(layer.rate)})` }] }),
  label: (layer) => `dropout(${layer.rate})`,
  worked: (_layer, input) => ({ size: 'unchanged', shape: input, params: 'none', count: 0 }),
  token: {
    // One way to match each number (no `\d*\.?\d+`): a long run of digits must not backtrack quadratically.
    pattern: /^drop(\d+(?:\.\d+)?|\.\d+)$/,
    read: (m) => ({ type: 'dropout', rate: Number(m[1]) }),
    write: (l) => `drop${decimal(l.rate)}`,
    example: 'drop0.5',
  },
  editor: {
    title: 'Dropout',
    short: 'Dropout',
    fields: ['rate'],
    place: 'vector',
    create: () => ({ type: 'dropout', rate: 0.25 }),
    describe: (l) => `dropout ${String(l.rate)}`,
  },
});
