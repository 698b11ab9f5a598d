/** Flatten: the maps as one long vector, for the dense layers after them. No weights. */
import { defineLayer, fmt } from './def';

export const flatten = defineLayer({
  type: 'flatten',
  schema: (k) => k.z.object({ type: k.z.literal('flatten') }),
  canonical: () => ({ type: 'flatten' }),
  output: (_layer, input) => ({ shape: [input.reduce((a, b) => a * b, 1)], params: 0 }),
  forward: (_layer, x, { tf }) => tf.reshape(x, [x.shape[0], -1]),
  keras: () => 'keras.layers.Flatten()',
  label: () => 'flatten',
  worked(_layer, input) {
    const n = input.reduce((a, b) => a * b, 1);
    return { size: `${input.join('·')} = ${fmt(n)}`, shape: [n], params: 'none', count: 0 };
  },
  token: { pattern: /^flat$/, read: () => ({ type: 'flatten' }), write: () => 'flat', example: 'flat' },
  editor: { title: 'Flatten', short: 'Flatten', fields: [], place: 'bridge', create: () => ({ type: 'flatten' }), describe: () => 'flatten' },
});
