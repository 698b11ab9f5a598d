/** Dense (fully connected): every output unit sees every input number. */
import { ACTIVATIONS } from '../spec/vocabulary';
import { affine, defineLayer, fmt, text, torchActivation } from './def';

const ACT = `(${ACTIVATIONS.join('|')})?`;

export const dense = defineLayer({
  type: 'dense',
  schema: (k) =>
    k.z.object({
      type: k.z.literal('dense'),
      units: k.count('units', 4096),
      activation: k.activation('dense activation').default('linear'),
    }),
  canonical: (l) => ({ type: 'dense', units: l.units, activation: l.activation ?? 'linear' }),
  output(layer, input, fail) {
    if (input.length !== 1) fail(`needs a vector input; add a flatten layer before it (input is ${input.join('×')})`);
    return { shape: [layer.units], params: input[0] * layer.units + layer.units };
  },
  pretrainable: true,
  weights: (layer, input) => [
    { role: 'kernel', symbol: 'W', shape: [input[0], layer.units], init: { fan: [input[0], layer.units] }, trainable: true },
    { role: 'bias', symbol: 'b', shape: [layer.units], init: 'zeros', trainable: true },
  ],
  multiplyAdds: (layer, input) => input[input.length - 1] * layer.units,
  forward: (layer, x, ctx) => affine(ctx.tf.matMul(x as never, ctx.weights.kernel as never), layer.activation, ctx),
  keras: (layer, init) => `keras.layers.Dense(${layer.units}, activation="${layer.activation}"${init})`,
  torch: (layer, input) => ({
    modules: [{ part: '', code: `nn.Linear(${input[0]}, ${layer.units})` }, ...torchActivation(layer.activation)],
    params: { kernel: { attr: 'weight', from: '.T', note: '[in, out] → [out, in]' }, bias: { attr: 'bias' } },
  }),
  label: (layer) => `dense(${layer.units}, ${layer.activation})`,
  worked(layer, input) {
    const count = input[0] * layer.units + layer.units;
    return {
      size: `${layer.units} units`,
      shape: [layer.units],
      params: `${fmt(input[0])}·${layer.units} + ${layer.units} = ${fmt(count)}`,
      count,
    };
  },
  token: {
    pattern: new RegExp(`^d(\\d+)${ACT}$`),
    read: (m) => ({ type: 'dense', units: Number(m[1]), activation: m[2] ?? 'linear' }),
    write: (l) => `d${text(l.units)}${l.activation && l.activation !== 'linear' ? text(l.activation) : ''}`,
    example: 'd128relu',
  },
  editor: {
    title: 'Dense',
    short: 'Dense',
    fields: ['units', 'activation'],
    place: 'vector',
    create: () => ({ type: 'dense', units: 32, activation: 'relu' }),
    describe: (l) => `dense ${String(l.units)} units`,
  },
});
