/** Plausible worker answers to the analysis requests (shift test, linear probes), for tests with a fake worker. */
import type { FromWorker, ToWorker } from '../../../src/engine/worker/protocol';

/** The answer a worker would give to `m`, or null for other messages. Representations drift with the shift; the prediction flips at the largest. */
export function analysisAnswer(m: ToWorker): FromWorker | null {
  if (m.type === 'shift') {
    const dim = 4;
    const n = m.indices.length * m.shifts.length;
    const representations = new Float32Array(n * dim).map((_, i) => 1 + ((i % dim) * (Math.floor(i / dim) % m.shifts.length)) / 4);
    const predicted = Int32Array.from({ length: n }, (_, i) => (i % m.shifts.length === m.shifts.length - 1 ? 1 : 0));
    return {
      type: 'shift-result',
      runId: m.runId,
      requestId: m.requestId,
      result: {
        shifts: m.shifts,
        direction: m.direction ?? 'right',
        indices: m.indices,
        layer: 3,
        dim,
        representations,
        predicted,
        outputs: 1,
        probabilities: Float32Array.from(predicted, (p) => (p ? 0.8 : 0.3)),
        labels: new Int32Array(m.indices.length),
        classIds: new Int32Array(m.indices.length),
      },
    };
  }
  if (m.type === 'linearProbes') {
    const scores = m.options.layers.map((layer, i) => ({
      layer,
      features: layer < 0 ? 784 : 100 * (i + 1),
      trainAccuracy: 1,
      testAccuracy: 0.7 + 0.05 * i,
      testLoss: 0.5,
    }));
    return {
      type: 'linear-probes-result',
      runId: m.runId,
      requestId: m.requestId,
      result: { train: m.options.train, test: m.options.test, steps: m.options.steps ?? 150, classes: 2, scores },
    };
  }
  if (m.type === 'examples') {
    return {
      type: 'examples-result',
      runId: m.runId,
      requestId: m.requestId,
      result: {
        pixels: new Float32Array(m.indices.length * 784).fill(0.5),
        labels: new Uint8Array(m.indices.length),
        classIds: new Uint8Array(m.indices.length),
      },
    };
  }
  return null;
}
