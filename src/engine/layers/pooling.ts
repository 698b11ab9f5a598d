/**
 * Max and average pooling: each output number summarises a window of the map (its largest value, or its mean);
 * no weights. The two types share every rule but the operation, so they live in one file.
 */
import type { SchemaKit } from './def';
import { defineLayer, pair, pyPair, readTokenSize, sizeText, tokenSize, windowed, windowFormula } from './def';

const SIZE = '(\\d+(?:x\\d+)?)';

function poolLayer<T extends 'maxPooling2d' | 'averagePooling2d'>(type: T, o: { token: 'max' | 'avg'; keras: string; title: string; short: string; words: string; op: 'maxPool' | 'avgPool' }) {
  const schema = (k: SchemaKit) =>
    k.z.object({
      type: k.z.literal(type),
      /** Pool window, e.g. 2 for 2×2. */
      pool: k.size2('pool size').default(2),
      /** Defaults to the pool size (non-overlapping windows), as in Keras. */
      stride: k.size2('pool stride').optional(),
      padding: k.oneOf('padding', ['valid', 'same']).default('valid'),
    });
  return defineLayer({
    type,
    schema,
    canonical: (l) => ({ type, pool: l.pool ?? 2, ...(l.stride !== undefined ? { stride: l.stride } : {}), padding: l.padding ?? 'valid' }),
    image: true,
    output(layer, input, fail) {
      const p = pair(layer.pool);
      const [h, w] = windowed(input, p, pair(layer.stride ?? layer.pool), layer.padding);
      if (h < 1 || w < 1) fail(`a ${p[0]}×${p[1]} pool does not fit a ${input[0]}×${input[1]} input`);
      return { shape: [h, w, input[2]], params: 0 };
    },
    forward: (layer, x, { tf }) => tf[o.op](x as never, pair(layer.pool), pair(layer.stride ?? layer.pool), layer.padding),
    keras: (layer) => `keras.layers.${o.keras}(pool_size=${pyPair(layer.pool)}, strides=${pyPair(layer.stride ?? layer.pool)}, padding="${layer.padding}")`,
    label: (layer) => `${type}(${sizeText(layer.pool)})`,
    worked(layer, input) {
      const size = windowFormula(input, pair(layer.pool), pair(layer.stride ?? layer.pool), layer.padding);
      return { size: size.text, shape: [...size.out, input[2]], params: 'none: it only compares or averages', count: 0 };
    },
    token: {
      pattern: new RegExp(`^${o.token}${SIZE}(?:s${SIZE})?(same)?$`),
      read: (m) => ({ type, pool: readTokenSize(m[1]), ...(m[2] ? { stride: readTokenSize(m[2]) } : {}), padding: m[3] ? 'same' : 'valid' }),
      write: (l) => `${o.token}${tokenSize(l.pool ?? 2)}${l.stride !== undefined ? `s${tokenSize(l.stride)}` : ''}${l.padding === 'same' ? 'same' : ''}`,
      example: `${o.token}2`,
    },
    editor: {
      title: o.title,
      short: o.short,
      fields: ['pool', 'stride', 'padding'],
      place: 'map',
      create: () => ({ type, pool: 2, padding: 'valid' }),
      describe: (l) => `${o.words} ${sizeText(l.pool ?? 2)}`,
    },
  });
}

export const maxPooling2d = poolLayer('maxPooling2d', { token: 'max', keras: 'MaxPooling2D', title: 'Max pool', short: 'Max pool', words: 'max pool', op: 'maxPool' });
export const averagePooling2d = poolLayer('averagePooling2d', { token: 'avg', keras: 'AveragePooling2D', title: 'Average pool', short: 'Avg pool', words: 'average pool', op: 'avgPool' });
