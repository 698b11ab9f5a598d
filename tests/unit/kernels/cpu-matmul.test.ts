/**
 * The engine's CPU BatchMatMul against tfjs' own, on every transpose combination, batched and broadcast
 * shapes and odd sizes (within 1e-5 relative: float sums in another order); and the learning-rate
 * chapter's puzzle still ends the same way with it (LR 1 kills all 7 ReLUs at seed 9).
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useEngineCpuKernels } from '../../../src/engine/kernels/cpu/register';
import { loadExperimentData } from '../../../src/engine/data/source';
import { createNodeSource } from '../../../src/engine/data/source-node';
import { assertSpec } from '../../../src/engine/spec/parse';
import { Trainer } from '../../../src/engine/train/trainer';
import { createRng } from '../../../src/engine/random';
import { lrPuzzle } from '../spec/fixtures';
import { maxRelErr } from './webgpu';

const TOL = 1e-5;
const rng = createRng(4, 'matmul-test');
const rand = (shape: number[]) =>
  tf.tensor(
    Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.normal()),
    shape,
  );

beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterAll(() => useEngineCpuKernels(false));

async function both(f: () => tf.Tensor): Promise<[Float32Array, Float32Array, number[], number[]]> {
  useEngineCpuKernels(false);
  const want = f();
  useEngineCpuKernels(true);
  const got = f();
  const out: [Float32Array, Float32Array, number[], number[]] = [
    (await got.data()) as Float32Array,
    (await want.data()) as Float32Array,
    got.shape,
    want.shape,
  ];
  tf.dispose([got, want]);
  return out;
}

describe('CPU BatchMatMul (row dot products)', () => {
  const shapes: [number[], number[], boolean, boolean][] = [
    [[209, 784], [784, 7], false, false],
    [[209, 784], [209, 7], true, false],
    [[209, 7], [784, 7], false, true],
    [[5, 3], [6, 5], true, true],
    [[1, 1], [1, 9], false, false],
    [[3, 4, 13], [3, 13, 6], false, false],
    [[2, 3, 4, 5], [5, 7], false, false],
    [[9, 2], [4, 9, 3], true, false],
  ];
  for (const [sa, sb, ta, tb] of shapes) {
    it(`${JSON.stringify(sa)}${ta ? 'ᵀ' : ''} · ${JSON.stringify(sb)}${tb ? 'ᵀ' : ''} matches tfjs within ${TOL}`, async () => {
      const a = rand(sa);
      const b = rand(sb);
      const [got, want, gotShape, wantShape] = await both(() => tf.matMul(a, b, ta, tb));
      expect(gotShape).toEqual(wantShape);
      expect(maxRelErr(got, want)).toBeLessThan(TOL);
      tf.dispose([a, b]);
    });
  }

  it('reuses a transposed copy only for the very same operand', async () => {
    useEngineCpuKernels(true);
    const dz = rand([300, 7]);
    const x1 = rand([300, 100]);
    const x2 = rand([300, 100]);
    const results = [];
    for (const x of [x1, x2, x1]) {
      const [got, want] = await both(() => tf.matMul(x, dz, true, false));
      expect(maxRelErr(got, want)).toBeLessThan(TOL);
      results.push(got);
    }
    expect(maxRelErr(results[0], results[1])).toBeGreaterThan(0.01);
    expect(Array.from(results[2])).toEqual(Array.from(results[0]));
    tf.dispose([dz, x1, x2]);
  });

  it('swaps itself in and out of the registry, and falls back to tfjs for int32', async () => {
    useEngineCpuKernels(true);
    const r = tf.tidy(() => tf.matMul(tf.tensor2d([1, 2, 3, 4], [2, 2], 'int32'), tf.tensor2d([1, 0, 0, 1], [2, 2], 'int32')));
    expect(r.dtype).toBe('int32');
    expect(Array.from(await r.data())).toEqual([1, 2, 3, 4]);
    r.dispose();
  });

  it("keeps the learning-rate chapter's puzzle: LR 1, seed 9, all 7 ReLUs dead at H(prior)", async () => {
    useEngineCpuKernels(true);
    const spec = assertSpec({
      ...lrPuzzle,
      optimizer: { type: 'sgd', learningRate: 1 },
      record: { every: 2500, instruments: true, evaluate: { steps: 2500 } },
    });
    const data = await loadExperimentData(createNodeSource(), { ...spec.data, seed: spec.seed });
    const trainer = new Trainer(spec, data);
    let last = null;
    for (let i = 1; i <= 2500; i++) last = (await trainer.trainStep(i === 2500)) ?? last;
    trainer.dispose();
    const p = 72 / 209;
    expect(Math.abs(last!.loss - (-p * Math.log(p) - (1 - p) * Math.log(1 - p)))).toBeLessThan(1e-4);
    expect(last!.instruments!.layers[0].deadUnits).toBe(7);
  });
});
