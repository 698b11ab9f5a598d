/**
 * Every layer type in the registry round-trips: URL token → layer → canonical form → schema → summary → Keras line →
 * token again; and the editor can add each one. A layer type missing any piece fails here.
 */
import { describe, expect, it } from 'vitest';
import { LAYER_DEFS, canonicalLayer } from '../../../src/engine/layers/registry';
import { decodeLayers, encodeLayers } from '../../../src/components/experiment/controls/layers/codec';
import { BLOCKS, describeLayer, insertIndex, newLayer } from '../../../src/components/experiment/controls/layers/stack';
import { parseSpec } from '../../../src/engine/spec/parse';
import { toKeras } from '../../../src/engine/spec/keras';
import { summarize } from '../../../src/engine/spec/summarize';

/** A model around one layer: image layers sit after a conv, vector layers after flatten + dense. */
function modelAround(token: string): string {
  const def = LAYER_DEFS.find((d) => d.token.pattern.test(token))!;
  const before = def.image || def.type === 'batchNormalization' ? 'c4k3' : 'c4k3-flat-d8relu';
  const after =
    def.type === 'globalAveragePooling2d' || def.type === 'flatten'
      ? 'd10softmax'
      : def.image || def.type === 'batchNormalization'
        ? 'flat-d10softmax'
        : 'd10softmax';
  return `${before}-${token}-${after}`;
}

const KERAS_CLASS: Record<string, string> = {
  conv2d: 'Conv2D',
  maxPooling2d: 'MaxPooling2D',
  averagePooling2d: 'AveragePooling2D',
  batchNormalization: 'BatchNormalization',
  globalAveragePooling2d: 'GlobalAveragePooling2D',
  dense: 'Dense',
  dropout: 'Dropout',
  flatten: 'Flatten',
};

describe('the layer registry', () => {
  it('has one definition per type, each with a Keras class this test knows', () => {
    const types = LAYER_DEFS.map((d) => d.type);
    expect(new Set(types).size).toBe(types.length);
    expect(types.sort()).toEqual(Object.keys(KERAS_CLASS).sort());
  });

  it.each(LAYER_DEFS.map((d) => [d.type, d] as const))('%s: token → spec → summary → Keras → token', (type, def) => {
    const text = modelAround(def.token.example);
    const decoded = decodeLayers(text);
    expect(decoded.ok).toBe(true);
    if (!decoded.ok) return;
    const layers = decoded.value.map(canonicalLayer);
    expect(layers.some((l) => l.type === type)).toBe(true);
    // The canonical form writes the same token back.
    expect(encodeLayers(layers)).toBe(text);
    const parsed = parseSpec({
      data: { dataset: 'fashion-mnist', train: 10, input: 'image' },
      model: { kind: 'layers', layers },
      optimizer: { learningRate: 0.1 },
      training: { batchSize: 5, duration: { epochs: 1 } },
    });
    expect(parsed.ok, parsed.ok ? '' : parsed.issues.map((i) => i.message).join('; ')).toBe(true);
    if (!parsed.ok) return;
    const summary = summarize(parsed.spec);
    const at = layers.findIndex((l) => l.type === type);
    expect(summary.layers[at].type).toBe(type);
    expect(toKeras(parsed.spec)).toContain(`keras.layers.${KERAS_CLASS[type]}(`);
    // The editor offers it, places it and names it.
    expect(BLOCKS).toContain(type);
    const added = newLayer(type as (typeof BLOCKS)[number], [], 0);
    expect(added.type).toBe(type);
    expect(describeLayer(added)).not.toBe('');
    expect(insertIndex(layers, type as (typeof BLOCKS)[number])).toBeGreaterThanOrEqual(0);
  });

  it('BatchNorm keeps a non-default momentum through the URL and into Keras', () => {
    const decoded = decodeLayers('c4k3-bn0.9-flat-d10softmax');
    expect(decoded.ok && decoded.value[1]).toEqual({ type: 'batchNormalization', momentum: 0.9 });
    if (!decoded.ok) return;
    expect(encodeLayers(decoded.value)).toBe('c4k3-bn0.9-flat-d10softmax');
    const parsed = parseSpec({
      data: { dataset: 'fashion-mnist', train: 10, input: 'image' },
      model: { kind: 'layers', layers: decoded.value },
      optimizer: { learningRate: 0.1 },
      training: { batchSize: 5, duration: { epochs: 1 } },
    });
    if (!parsed.ok) throw new Error(parsed.issues[0].message);
    const keras = toKeras(parsed.spec);
    expect(keras).toContain('keras.layers.BatchNormalization(momentum=0.9, epsilon=0.001),');
    expect(keras).toContain(
      '# BatchNormalization (momentum 0.9): batch statistics while training, the moving averages in evaluate() and predict()',
    );
  });

  it('the editor puts BatchNorm after the last convolution and global pooling where Flatten would go', () => {
    const cnn = (decodeLayers('c8k3-max2-c8k3-max2-flat-d32relu-d10softmax') as { ok: true; value: never[] }).value;
    expect(insertIndex(cnn, 'batchNormalization')).toBe(3);
    expect(insertIndex(cnn, 'globalAveragePooling2d')).toBe(4);
    const mlp = (decodeLayers('flat-d32relu-d10softmax') as { ok: true; value: never[] }).value;
    expect(insertIndex(mlp, 'batchNormalization')).toBe(2);
  });
});
