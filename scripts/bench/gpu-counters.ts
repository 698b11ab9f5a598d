/**
 * Counts what a WebGPU backend asks of the GPU by wrapping the GPUDevice and GPUQueue that tfjs holds:
 * compute dispatches, queue submits, uniform writes, data uploads (buffers created mapped, i.e. staging or
 * direct uploads, and writeBuffer calls into non-uniform buffers) and readbacks (mapAsync).
 * The counts are the same on a software adapter (SwiftShader) as on a real GPU.
 */
export interface GpuCounts {
  dispatches: number;
  submits: number;
  uniformWrites: number;
  uploads: number;
  uploadBytes: number;
  readbacks: number;
  buffersCreated: number;
}

export const zeroCounts = (): GpuCounts => ({
  dispatches: 0,
  submits: 0,
  uniformWrites: 0,
  uploads: 0,
  uploadBytes: 0,
  readbacks: 0,
  buffersCreated: 0,
});

export function diffCounts(after: GpuCounts, before: GpuCounts, per = 1): GpuCounts {
  const out = zeroCounts();
  for (const k of Object.keys(out) as (keyof GpuCounts)[]) out[k] = (after[k] - before[k]) / per;
  return out;
}

const UNIFORM = 0x40; // GPUBufferUsage.UNIFORM
const MAP_WRITE = 0x2; // GPUBufferUsage.MAP_WRITE
const MAP_READ = 0x1; // GPUBufferUsage.MAP_READ

type Fn = (...args: never[]) => unknown;
function wrap<T extends object, K extends keyof T>(
  obj: T,
  key: K,
  before: (...args: Parameters<T[K] & Fn>) => void,
  after?: (result: ReturnType<T[K] & Fn>) => void,
): void {
  const original = obj[key] as unknown as Fn;
  (obj as Record<K, unknown>)[key] = function (this: unknown, ...args: never[]) {
    before(...(args as Parameters<T[K] & Fn>));
    const result = original.apply(this, args);
    after?.(result as ReturnType<T[K] & Fn>);
    return result;
  };
}

const wrapped = new WeakMap<object, GpuCounts>();

/** Starts counting on `device` (idempotent); returns the live counters. */
export function countGpu(device: GPUDevice, queue: GPUQueue = device.queue): GpuCounts {
  const existing = wrapped.get(device);
  if (existing) return existing;
  const c = zeroCounts();
  wrapped.set(device, c);
  const watchBuffer = (buffer: GPUBuffer) => {
    if (!(buffer.usage & MAP_READ)) return;
    wrap(buffer, 'mapAsync', () => {
      c.readbacks++;
    });
  };
  wrap(
    device,
    'createBuffer',
    (desc: GPUBufferDescriptor) => {
      c.buffersCreated++;
      if (desc.mappedAtCreation && !(desc.usage & MAP_READ)) {
        c.uploads++;
        c.uploadBytes += desc.size;
      }
      void MAP_WRITE;
    },
    (buffer) => watchBuffer(buffer as GPUBuffer),
  );
  wrap(
    device,
    'createCommandEncoder',
    () => undefined,
    (encoder) => {
      wrap(
        encoder as GPUCommandEncoder,
        'beginComputePass',
        () => undefined,
        (pass) => {
          const p = pass as GPUComputePassEncoder;
          wrap(p, 'dispatchWorkgroups', () => {
            c.dispatches++;
          });
        },
      );
    },
  );
  wrap(queue, 'submit', () => {
    c.submits++;
  });
  wrap(
    queue,
    'writeBuffer',
    (buffer: GPUBuffer, _offset: number, data: BufferSource | SharedArrayBuffer, _dataOffset?: number, size?: number) => {
      if (buffer.usage & UNIFORM) c.uniformWrites++;
      else {
        c.uploads++;
        c.uploadBytes += size ?? (data as ArrayBuffer).byteLength;
      }
    },
  );
  return c;
}
