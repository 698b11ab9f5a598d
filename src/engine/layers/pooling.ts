/**
 * Max and average pooling: each output number summarises a window of the map (its largest value, or its mean);
 * no weights. The two types share every rule but the operation, so they live in one file.
 */
import type { SchemaKit } from './def';
import type { TorchCode } from './def';
import { defineLayer, pair, pyPair, pyTuple, readTokenSize, samePadding, sizeText, tokenSize, windowed, windowFormula } from './def';

const SIZE = '(\\d+(?:x\\d+)?)';

const AVG_POOL_SAME = `class AvgPoolSame(nn.Module):
    \"\"\"Average pooling with TensorFlow's uneven "same" padding (the odd row or column of zeros at the end), the
    padding left out of each mean, as in the browser and Keras.\"\"\"

    def __init__(self, kernel_size, stride, pad):
        super().__init__()
        self.pad = nn.ZeroPad2d(pad)  # (left, right, top, bottom)
        self.pool = nn.AvgPool2d(kernel_size, stride)

    def forward(self, x):
        inside = self.pool(self.pad(torch.ones_like(x[:1, :1])))  # the share of each window inside the map
        return self.pool(self.pad(x)) / inside`;

/**
 * A pool in PyTorch; stride defaults to the pool size, as in Keras. TensorFlow's "same" padding: PyTorch pads both
 * ends alike, so an even split is its `padding` (max pools pad with −∞; average pools leave the padding out of
 * the mean: count_include_pad=False), an uneven one an explicit pad first (−∞ for max, AvgPoolSame for average).
 */
function torchPool(max: boolean, pool: [number, number], stride: [number, number], padding: 'valid' | 'same', input: number[]): TorchCode {
  const cls = max ? 'nn.MaxPool2d' : 'nn.AvgPool2d';
  const args = `kernel_size=${pyTuple(...pool)}, stride=${pyTuple(...stride)}`;
  const [top, bottom] = padding === 'same' ? samePadding(input[0], pool[0], stride[0]) : [0, 0];
  const [left, right] = padding === 'same' ? samePadding(input[1], pool[1], stride[1]) : [0, 0];
  if (top + bottom + left + right === 0) return { modules: [{ part: '', code: `${cls}(${args})` }] };
  const note = `TensorFlow's "same" padding`;
  if (top === bottom && left === right) {
    return {
      modules: [{ part: '', code: `${cls}(${args}, padding=${pyTuple(top, left)}${max ? '' : ', count_include_pad=False'})`, note }],
    };
  }
  const sides = `(${left}, ${right}, ${top}, ${bottom})`;
  if (!max)
    return {
      modules: [{ part: '', code: `AvgPoolSame(${pyTuple(...pool)}, ${pyTuple(...stride)}, ${sides})`, note }],
      helpers: [AVG_POOL_SAME],
    };
  return {
    modules: [
      { part: 'pad', code: `nn.ConstantPad2d(${sides}, float("-inf"))`, note: `${note}: (left, right, top, bottom), never the maximum` },
      { part: '', code: `${cls}(${args})` },
    ],
  };
}

function poolLayer<T extends 'maxPooling2d' | 'averagePooling2d'>(
  type: T,
  o: { token: 'max' | 'avg'; keras: string; title: string; short: string; words: string; op: 'maxPool' | 'avgPool' },
) {
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
    torch: (layer, input) => torchPool(o.op === 'maxPool', pair(layer.pool), pair(layer.stride ?? layer.pool), layer.padding, input),
    keras: (layer) =>
      `keras.layers.${o.keras}(pool_size=${pyPair(layer.pool)}, strides=${pyPair(layer.stride ?? layer.pool)}, padding="${layer.padding}")`,
    label: (layer) => `${type}(${sizeText(layer.pool)})`,
    worked(layer, input) {
      const size = windowFormula(input, pair(layer.pool), pair(layer.stride ?? layer.pool), layer.padding);
      return { size: size.text, shape: [...size.out, input[2]], params: 'none: it only compares or averages', count: 0 };
    },
    token: {
      pattern: new RegExp(`^${o.token}${SIZE}(?:s${SIZE})?(same)?$`),
      read: (m) => ({
        type,
        pool: readTokenSize(m[1]),
        ...(m[2] ? { stride: readTokenSize(m[2]) } : {}),
        padding: m[3] ? 'same' : 'valid',
      }),
      write: (l) =>
        `${o.token}${tokenSize(l.pool ?? 2)}${l.stride !== undefined ? `s${tokenSize(l.stride)}` : ''}${l.padding === 'same' ? 'same' : ''}`,
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

export const maxPooling2d = poolLayer('maxPooling2d', {
  token: 'max',
  keras: 'MaxPooling2D',
  title: 'Max pool',
  short: 'Max pool',
  words: 'max pool',
  op: 'maxPool',
});
export const averagePooling2d = poolLayer('averagePooling2d', {
  token: 'avg',
  keras: 'AveragePooling2D',
  title: 'Average pool',
  short: 'Avg pool',
  words: 'average pool',
  op: 'avgPool',
});
