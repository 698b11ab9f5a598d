/**
 * Global average pooling: each feature map becomes one number, its mean (Lin, Chen & Yan 2014, "Network in
 * network"). It replaces Flatten + a big Dense layer: the dense layer after it sees channels, not pixels, and where
 * a feature sits no longer matters. No weights.
 */
import { defineLayer } from './def';

export const globalAveragePooling2d = defineLayer({
  type: 'globalAveragePooling2d',
  schema: (k) => k.z.object({ type: k.z.literal('globalAveragePooling2d') }),
  canonical: () => ({ type: 'globalAveragePooling2d' }),
  image: true,
  output: (_layer, input) => ({ shape: [input[2]], params: 0 }),
  forward: (_layer, x, { tf }) => tf.mean(x, [1, 2]),
  keras: () => 'keras.layers.GlobalAveragePooling2D()',
  torch: () => ({
    modules: [
      { part: 'mean', code: 'nn.AdaptiveAvgPool2d(1)', note: 'each map → its mean' },
      { part: '', code: 'nn.Flatten()', note: '(N, C, 1, 1) → (N, C)' },
    ],
  }),
  label: () => 'globalAveragePooling2d',
  worked: (_layer, input) => ({
    size: `the mean of each ${input[0]}×${input[1]} map: ${input[2]} numbers`,
    shape: [input[2]],
    params: 'none: it only averages',
    count: 0,
  }),
  token: { pattern: /^gap$/, read: () => ({ type: 'globalAveragePooling2d' }), write: () => 'gap', example: 'gap' },
  editor: {
    title: 'Global average pool',
    short: 'Global avg pool',
    fields: [],
    place: 'bridge',
    create: () => ({ type: 'globalAveragePooling2d' }),
    describe: () => 'global average pool',
  },
});
