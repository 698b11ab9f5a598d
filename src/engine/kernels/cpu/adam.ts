/**
 * Adam for the CPU backend in one JavaScript pass per variable, instead of tfjs' AdamOptimizer's ~15 element-wise
 * kernels per variable (each allocating its output): the moments live in Float32Arrays, each value is rounded to
 * float32 where tfjs rounds it (every kernel writes a float32 tensor), so the weights come out bit for bit as
 * tfjs' Adam gives them (tests/unit/kernels/cpu-adam.test.ts). On a small head trained on cached features, Adam was
 * most of each step (see BENCHMARKS.md). Used on the CPU backend while the engine's kernels are on.
 */
import * as tf from '@tensorflow/tfjs';

const f = Math.fround;

interface CpuBackendLike {
  data: { get(dataId: object): { values: unknown } };
}

export class EngineCpuAdamOptimizer extends tf.Optimizer {
  static get className() {
    return 'LearningCurvesCpuAdam';
  }
  /** Read on every step, so a live change takes effect at the next one. */
  learningRate: number;
  private readonly moments = new Map<string, { m: Float32Array; v: Float32Array }>();
  /** β₁ᵗ and β₂ᵗ, as float32 (tfjs keeps them in float32 variables, starting at β). */
  private acc1: number;
  private acc2: number;

  constructor(
    learningRate: number,
    private readonly beta1 = 0.9,
    private readonly beta2 = 0.999,
    private readonly epsilon = 1e-7,
  ) {
    super();
    this.learningRate = learningRate;
    this.acc1 = f(beta1);
    this.acc2 = f(beta2);
  }

  override applyGradients(variableGradients: Parameters<tf.Optimizer['applyGradients']>[0]): void {
    const entries = Array.isArray(variableGradients)
      ? variableGradients.map((g) => [g.name, g.tensor] as const)
      : Object.entries(variableGradients);
    const backend = tf.backend() as unknown as CpuBackendLike;
    // tfjs: 1 − βᵗ as scalars, then every constant as a float32 operand of its kernel.
    const oneMinusAcc1 = f(1 - this.acc1);
    const oneMinusAcc2 = f(1 - this.acc2);
    const b1 = f(this.beta1);
    const b2 = f(this.beta2);
    const c1 = f(1 - this.beta1);
    const c2 = f(1 - this.beta2);
    const eps = f(this.epsilon);
    const negLr = f(-this.learningRate);
    for (const [name, gradient] of entries) {
      if (gradient == null) continue;
      const variable = tf.engine().registeredVariables[name];
      const values = backend.data.get(variable.dataId).values as Float32Array;
      const g = backend.data.get(gradient.dataId).values as Float32Array;
      let slot = this.moments.get(name);
      if (!slot) this.moments.set(name, (slot = { m: new Float32Array(values.length), v: new Float32Array(values.length) }));
      const { m, v } = slot;
      const out = new Float32Array(values.length);
      for (let i = 0; i < values.length; i++) {
        const gi = g[i];
        const mi = f(f(m[i] * b1) + f(gi * c1));
        const vi = f(f(v[i] * b2) + f(f(gi * gi) * c2));
        m[i] = mi;
        v[i] = vi;
        const mHat = f(mi / oneMinusAcc1);
        const vHat = f(vi / oneMinusAcc2);
        out[i] = f(f(f(mHat / f(f(Math.sqrt(vHat)) + eps)) * negLr) + values[i]);
      }
      tf.tidy(() => variable.assign(tf.tensor(out, variable.shape)));
    }
    this.acc1 = f(this.acc1 * b1);
    this.acc2 = f(this.acc2 * b2);
    this.incrementIterations();
  }

  override async getWeights(): ReturnType<tf.Optimizer['getWeights']> {
    return [...this.moments.entries()].flatMap(([name, s]) => [
      { name: `${name}/m`, tensor: tf.tensor(s.m) },
      { name: `${name}/v`, tensor: tf.tensor(s.v) },
    ]);
  }

  override async setWeights(): Promise<void> {
    throw new Error('EngineCpuAdamOptimizer does not restore weights');
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { learningRate: this.learningRate, beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon };
  }

  override dispose(): void {
    super.dispose();
    this.moments.clear();
  }
}
