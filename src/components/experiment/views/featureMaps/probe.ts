/** What the feature-map view shows for one example, from a probe of a run (trained) or of a fresh model. */
import type { ProbeResult } from '../../../../engine/worker/client';
import type { FeatureMapLayer } from '../../../charts/featureMaps';
import type { SpecInput } from '../../controls/types';

const NAMES: Record<string, string> = { conv2d: 'conv', maxPooling2d: 'max pool', averagePooling2d: 'avg pool' };

/** The input image and the output of every convolution and pooling layer, named "conv 1", "max pool 1"… */
export function mapLayers(spec: SpecInput, probe: ProbeResult): FeatureMapLayer[] {
  const layers = spec.model?.kind === 'layers' ? (spec.model.layers as { type: string }[]) : [];
  const counts = new Map<string, number>();
  const out: FeatureMapLayer[] = [{ name: 'input', shape: [28, 28, 1], values: probe.pixels }];
  for (const a of probe.layers) {
    const type = layers[a.layer]?.type;
    if (!type || !(type in NAMES) || a.shape.length !== 3) continue;
    const n = (counts.get(NAMES[type]) ?? 0) + 1;
    counts.set(NAMES[type], n);
    out.push({ name: `${NAMES[type]} ${n}`, shape: a.shape, values: a.values });
  }
  return out;
}

/** One probability per label: a binary model's single output becomes [1 − p, p]. */
export function labelProbabilities(probabilities: Float32Array): number[] {
  return probabilities.length === 1 ? [1 - probabilities[0], probabilities[0]] : Array.from(probabilities);
}
