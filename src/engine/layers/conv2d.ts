/** 2-D convolution: a small kernel slides over the image; the same weights at every position. */
import { ACTIVATIONS } from '../spec/vocabulary';
import {
  affine,
  defineLayer,
  fmt,
  pair,
  pyPair,
  pyTuple,
  readTokenSize,
  samePadding,
  sizeText,
  text,
  tokenSize,
  torchActivation,
  windowed,
  windowFormula,
} from './def';

const ACT = `(${ACTIVATIONS.join('|')})?`;
const SIZE = '(\\d+(?:x\\d+)?)';

export const conv2d = defineLayer({
  type: 'conv2d',
  schema: (k) =>
    k.z.object({
      type: k.z.literal('conv2d'),
      /** Number of output channels (feature maps). */
      filters: k.count('filters', 1024),
      /** Kernel size, e.g. 3 for 3×3. */
      kernel: k.size2('kernel size'),
      /** Step between kernel positions. */
      stride: k.size2('stride').default(1),
      /** 'valid' shrinks the map by kernel−1; 'same' keeps its size (at stride 1). */
      padding: k.oneOf('padding', ['valid', 'same']).default('valid'),
      activation: k.activation('conv activation').default('relu'),
    }),
  canonical: (l) => ({
    type: 'conv2d',
    filters: l.filters,
    kernel: l.kernel,
    stride: l.stride ?? 1,
    padding: l.padding ?? 'valid',
    activation: l.activation ?? 'relu',
  }),
  image: true,
  output(layer, input, fail) {
    const k = pair(layer.kernel);
    const [h, w] = windowed(input, k, pair(layer.stride), layer.padding);
    if (h < 1 || w < 1) fail(`a ${k[0]}×${k[1]} kernel does not fit a ${input[0]}×${input[1]} input`);
    return { shape: [h, w, layer.filters], params: k[0] * k[1] * input[2] * layer.filters + layer.filters };
  },
  pretrainable: true,
  weights(layer, input) {
    const [kh, kw] = pair(layer.kernel);
    // Keras' fans for conv kernels: receptive field × channels in / out.
    return [
      {
        role: 'kernel',
        symbol: 'W',
        shape: [kh, kw, input[2], layer.filters],
        init: { fan: [kh * kw * input[2], kh * kw * layer.filters] },
        trainable: true,
      },
      { role: 'bias', symbol: 'b', shape: [layer.filters], init: 'zeros', trainable: true },
    ];
  },
  multiplyAdds(layer, input, output) {
    const [kh, kw] = pair(layer.kernel);
    return output[0] * output[1] * kh * kw * input[2] * layer.filters;
  },
  forward: (layer, x, ctx) =>
    affine(ctx.tf.conv2d(x as never, ctx.weights.kernel as never, pair(layer.stride), layer.padding), layer.activation, ctx),
  keras: (layer, init) =>
    `keras.layers.Conv2D(${layer.filters}, ${pyPair(layer.kernel)}, strides=${pyPair(layer.stride)}, padding="${layer.padding}", activation="${layer.activation}"${init})`,
  torch(layer, input) {
    const [kh, kw] = pair(layer.kernel);
    const [sh, sw] = pair(layer.stride);
    const conv = (padding: string) =>
      `nn.Conv2d(${input[2]}, ${layer.filters}, kernel_size=${pyTuple(kh, kw)}, stride=${pyTuple(sh, sw)}, padding=${padding})`;
    const modules = [];
    if (layer.padding === 'valid') modules.push({ part: '', code: conv('0') });
    else if (sh === 1 && sw === 1) modules.push({ part: '', code: conv('"same"') });
    else {
      // PyTorch's padding="same" is for stride 1 only. TensorFlow pads ⌈n/s⌉·s − s + k − n zeros, the odd one at the end.
      const [top, bottom] = samePadding(input[0], kh, sh);
      const [left, right] = samePadding(input[1], kw, sw);
      if (top === bottom && left === right)
        modules.push({ part: '', code: conv(pyTuple(top, left)), note: `TensorFlow's "same" at stride ${pyTuple(sh, sw)}` });
      else {
        modules.push({
          part: 'pad',
          code: `nn.ZeroPad2d((${left}, ${right}, ${top}, ${bottom}))`,
          note: `TensorFlow's "same" at stride ${pyTuple(sh, sw)}: (left, right, top, bottom)`,
        });
        modules.push({ part: '', code: conv('0') });
      }
    }
    return {
      modules: [...modules, ...torchActivation(layer.activation)],
      params: {
        kernel: { attr: 'weight', from: '.permute(3, 2, 0, 1)', note: '[kh, kw, in, out] → [out, in, kh, kw]' },
        bias: { attr: 'bias' },
      },
    };
  },
  label: (layer) =>
    `conv2d(${layer.filters} filters, ${sizeText(layer.kernel)}${layer.stride === 1 ? '' : `, stride ${JSON.stringify(layer.stride)}`}${layer.padding === 'valid' ? '' : `, ${layer.padding}`}, ${layer.activation})`,
  worked(layer, input) {
    const k = pair(layer.kernel);
    const c = input[2];
    const f = layer.filters;
    const count = k[0] * k[1] * c * f + f;
    const size = windowFormula(input, k, pair(layer.stride), layer.padding);
    return { size: size.text, shape: [...size.out, f], params: `${k[0]}·${k[1]}·${c}·${f} + ${f} = ${fmt(count)}`, count };
  },
  token: {
    pattern: new RegExp(`^c(\\d+)k${SIZE}(?:s${SIZE})?(same)?${ACT}$`),
    read: (m) => ({
      type: 'conv2d',
      filters: Number(m[1]),
      kernel: readTokenSize(m[2]),
      stride: readTokenSize(m[3] ?? '1'),
      padding: m[4] ? 'same' : 'valid',
      activation: m[5] ?? 'relu',
    }),
    write(l) {
      const stride = l.stride === undefined || tokenSize(l.stride) === '1' ? '' : `s${tokenSize(l.stride)}`;
      const act = l.activation && l.activation !== 'relu' ? l.activation : '';
      return `c${text(l.filters)}k${tokenSize(l.kernel)}${stride}${l.padding === 'same' ? 'same' : ''}${text(act)}`;
    },
    example: 'c32k3',
  },
  editor: {
    title: 'Convolution',
    short: 'Conv',
    fields: ['filters', 'kernel', 'stride', 'padding', 'activation'],
    place: 'map',
    create(before) {
      // A new convolution repeats the filter count of the one before it.
      const prev = before.findLast((l) => l.type === 'conv2d')?.filters;
      const filters = typeof prev === 'number' && Number.isInteger(prev) && prev >= 1 ? prev : 16;
      return { type: 'conv2d', filters, kernel: 3, stride: 1, padding: 'valid', activation: 'relu' };
    },
    describe: (l) => `conv ${String(l.filters)} filters ${sizeText(l.kernel)}`,
  },
});
