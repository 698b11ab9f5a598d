/**
 * Adam for the WebGPU backend in two dispatches per step plus one per variable, instead of ~14 element-wise
 * kernels per variable and a staging upload for every JavaScript number: the moments are updated in place,
 * the hyper-parameters live in uniform buffers written once (and again only when the learning rate
 * changes), and β₁ᵗ, β₂ᵗ are kept on the GPU. Same arithmetic as tfjs' AdamOptimizer (tested against it).
 */
import * as tf from '@tensorflow/tfjs';
import {
  bufferOf,
  flush,
  markWritten,
  pipelineFor,
  recordDispatch,
  webgpuBackend,
  workgroupsFor,
  type WebGpuBackendInternals,
} from './direct';

const WORKGROUP = 64;

const ADAM_WGSL = /* wgsl */ `
struct Hyper { lr: f32, b1: f32, b2: f32, eps: f32, oneMinusB1: f32, oneMinusB2: f32, size: u32, pad: u32 }
@group(0) @binding(0) var<storage, read> theta: array<f32>;
@group(0) @binding(1) var<storage, read_write> thetaOut: array<f32>;
@group(0) @binding(2) var<storage, read_write> m: array<f32>;
@group(0) @binding(3) var<storage, read_write> v: array<f32>;
@group(0) @binding(4) var<storage, read> g: array<f32>;
@group(0) @binding(5) var<storage, read> acc: array<f32>;
@group(0) @binding(6) var<uniform> h: Hyper;
@compute @workgroup_size(${WORKGROUP})
fn main(@builtin(global_invocation_id) id: vec3<u32>, @builtin(num_workgroups) n: vec3<u32>) {
  let i = id.x + id.y * n.x * ${WORKGROUP}u;
  if (i >= h.size) { return; }
  let gi = g[i];
  let mi = m[i] * h.b1 + gi * h.oneMinusB1;
  let vi = v[i] * h.b2 + (gi * gi) * h.oneMinusB2;
  m[i] = mi;
  v[i] = vi;
  let mHat = mi / (1.0 - acc[0]);
  let vHat = vi / (1.0 - acc[1]);
  thetaOut[i] = (mHat / (sqrt(vHat) + h.eps)) * (-h.lr) + theta[i];
}`;

/** acc = [β₁ᵗ, β₂ᵗ]: multiplied by β once per step, before the variables are updated (as tfjs does). */
const TICK_WGSL = /* wgsl */ `
struct Betas { b1: f32, b2: f32, pad0: f32, pad1: f32 }
@group(0) @binding(0) var<storage, read_write> acc: array<f32>;
@group(0) @binding(1) var<uniform> h: Betas;
@compute @workgroup_size(1)
fn main() {
  acc[0] = acc[0] * h.b1;
  acc[1] = acc[1] * h.b2;
}`;

interface Slot {
  m: tf.Variable;
  v: tf.Variable;
  hyper: GPUBuffer;
  size: number;
}

const UNIFORM_COPY_DST = 0x40 | 0x8; // GPUBufferUsage.UNIFORM | COPY_DST

export class WebGpuAdamOptimizer extends tf.Optimizer {
  static get className() {
    return 'LearningCurvesWebGpuAdam';
  }
  private readonly slots = new Map<string, Slot>();
  private readonly acc: tf.Variable;
  private readonly betas: GPUBuffer;
  private lr: number;

  constructor(
    learningRate: number,
    readonly beta1 = 0.9,
    readonly beta2 = 0.999,
    readonly epsilon = 1e-7,
  ) {
    super();
    this.lr = learningRate;
    const backend = webgpuBackend();
    this.acc = tf.tidy(() => tf.variable(tf.tensor1d([1, 1]), false));
    this.betas = backend.device.createBuffer({ size: 16, usage: UNIFORM_COPY_DST });
    backend.queue.writeBuffer(this.betas, 0, new Float32Array([beta1, beta2, 0, 0]));
  }

  get learningRate(): number {
    return this.lr;
  }

  /** Rewrites the uniforms after submitting pending work, so that steps already recorded keep the old rate. */
  set learningRate(lr: number) {
    if (lr === this.lr) return;
    this.lr = lr;
    const backend = webgpuBackend();
    flush(backend);
    for (const slot of this.slots.values()) this.writeHyper(backend, slot);
  }

  private writeHyper(backend: WebGpuBackendInternals, slot: Slot): void {
    const data = new ArrayBuffer(32);
    new Float32Array(data, 0, 6).set([this.lr, this.beta1, this.beta2, this.epsilon, 1 - this.beta1, 1 - this.beta2]);
    new Uint32Array(data, 24, 2).set([slot.size, 0]);
    backend.queue.writeBuffer(slot.hyper, 0, data);
  }

  private slotFor(backend: WebGpuBackendInternals, variable: tf.Variable): Slot {
    let slot = this.slots.get(variable.name);
    if (!slot) {
      const [m, v] = tf.tidy(() => [tf.variable(tf.zerosLike(variable), false), tf.variable(tf.zerosLike(variable), false)]);
      const created: Slot = { m, v, hyper: backend.device.createBuffer({ size: 32, usage: UNIFORM_COPY_DST }), size: variable.size };
      this.writeHyper(backend, created);
      this.slots.set(variable.name, created);
      slot = created;
    }
    return slot;
  }

  override applyGradients(variableGradients: tf.NamedTensorMap | { name: string; tensor: tf.Tensor }[]): void {
    const backend = webgpuBackend();
    const pairs = Array.isArray(variableGradients)
      ? variableGradients.map((g) => [g.name, g.tensor] as const)
      : Object.entries(variableGradients);
    const device = backend.device;
    recordDispatch(backend, pipelineFor(device, 'lc-adam-tick', TICK_WGSL), [bufferOf(backend, this.acc)], this.betas, [1, 1]);
    markWritten(backend, this.acc);
    const adam = pipelineFor(device, 'lc-adam', ADAM_WGSL);
    tf.tidy(() => {
      for (const [name, grad] of pairs) {
        if (grad == null) continue;
        const variable = tf.engine().registeredVariables[name];
        if (!variable) throw new Error(`Adam: no variable named ${name}`);
        if (variable.dtype !== 'float32' || grad.dtype !== 'float32') throw new Error('Adam: float32 variables only');
        const slot = this.slotFor(backend, variable);
        // θ is written to a fresh buffer: a clone taken before the step (instruments) shares θ's buffer.
        const out = tf
          .engine()
          .makeTensorFromTensorInfo(
            (tf.backend() as unknown as tf.KernelBackend & { makeTensorInfo(s: number[], d: string): tf.TensorInfo }).makeTensorInfo(
              variable.shape,
              'float32',
            ),
          );
        const buffers = [variable, out, slot.m, slot.v, grad, this.acc].map((t) => bufferOf(backend, t));
        recordDispatch(backend, adam, buffers, slot.hyper, workgroupsFor(slot.size, WORKGROUP));
        markWritten(backend, slot.m);
        markWritten(backend, slot.v);
        variable.assign(out);
      }
    });
    this.incrementIterations();
  }

  override async getWeights(): Promise<{ name: string; tensor: tf.Tensor }[]> {
    return [...this.slots.entries()].flatMap(([name, s]) => [
      { name: `${name}/m`, tensor: s.m },
      { name: `${name}/v`, tensor: s.v },
    ]);
  }

  override async setWeights(): Promise<void> {
    throw new Error('WebGpuAdamOptimizer does not restore weights');
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { learningRate: this.lr, beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon };
  }

  override dispose(): void {
    super.dispose();
    try {
      flush(webgpuBackend()); // nothing recorded may still point at the buffers destroyed below
    } catch {
      /* the backend changed or its device is gone: nothing is pending on it */
    }
    this.acc.dispose();
    this.betas.destroy();
    for (const s of this.slots.values()) {
      s.m.dispose();
      s.v.dispose();
      s.hyper.destroy();
    }
    this.slots.clear();
  }
}
