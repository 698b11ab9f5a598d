/** Flatten: the maps as one long vector, for the dense layers after them. No weights. */
import { defineLayer, fmt } from './def';

const CHANNELS_LAST = `class ChannelsLast(nn.Module):
    \"\"\"(N, C, H, W) → (N, H, W, C), so that Flatten orders the numbers as the browser and Keras do (channels last).\"\"\"

    def forward(self, x):
        return x.permute(0, 2, 3, 1)`;

export const flatten = defineLayer({
  type: 'flatten',
  schema: (k) => k.z.object({ type: k.z.literal('flatten') }),
  canonical: () => ({ type: 'flatten' }),
  output: (_layer, input) => ({ shape: [input.reduce((a, b) => a * b, 1)], params: 0 }),
  forward: (_layer, x, { tf }) => tf.reshape(x, [x.shape[0], -1]),
  keras: () => 'keras.layers.Flatten()',
  // PyTorch flattens (C, H, W) maps channel by channel; the browser and Keras flatten (H, W, C) pixel by pixel. The
  // maps go back to channels last first, so the dense layer after it sees (and its weights expect) the browser's order.
  torch: (_layer, input) =>
    input.length === 3
      ? {
          modules: [
            {
              part: 'channels_last',
              code: 'ChannelsLast()',
              note: "(N, C, H, W) → (N, H, W, C): flattened in the browser's (and Keras') order",
            },
            { part: '', code: 'nn.Flatten()' },
          ],
          helpers: [CHANNELS_LAST],
        }
      : { modules: [{ part: '', code: 'nn.Flatten()' }] },
  label: () => 'flatten',
  worked(_layer, input) {
    const n = input.reduce((a, b) => a * b, 1);
    return { size: `${input.join('·')} = ${fmt(n)}`, shape: [n], params: 'none', count: 0 };
  },
  token: { pattern: /^flat$/, read: () => ({ type: 'flatten' }), write: () => 'flat', example: 'flat' },
  editor: {
    title: 'Flatten',
    short: 'Flatten',
    fields: [],
    place: 'bridge',
    create: () => ({ type: 'flatten' }),
    describe: () => 'flatten',
  },
});
