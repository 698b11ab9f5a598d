/**
 * Faults a browser test can cause inside the worker, only when the page was opened with `?test-hooks` (the
 * client then says so in `init`): lose the WebGPU device or the WebGL context mid-run, crash or close the
 * worker, and count live tensors. Each is what a real failure does; nothing here reaches into a run.
 */
import * as tf from '@tensorflow/tfjs';
import { webglContext, webgpuDevice } from '../backend-loss';
import type { FromWorker, TestAction } from './protocol';

interface Scope {
  close(): void;
}

export function runTestAction(action: TestAction, requestId: number, runs: number, post: (m: FromWorker) => void, scope: Scope): void {
  const done = (extra: Partial<Extract<FromWorker, { type: 'test-result' }>> = {}) =>
    post({ type: 'test-result', requestId, action, backend: tf.getBackend(), numTensors: tf.memory().numTensors, runs, ...extra });
  switch (action) {
    case 'memory':
      return done();
    case 'lose-device': {
      const device = webgpuDevice();
      device?.destroy();
      return done({ ok: Boolean(device) });
    }
    case 'lose-context': {
      const lose = webglContext() as unknown as { getExtension(name: string): { loseContext(): void } | null } | null;
      const ext = lose?.getExtension('WEBGL_lose_context') ?? null;
      ext?.loseContext();
      return done({ ok: Boolean(ext) });
    }
    case 'crash':
      // An uncaught error outside any handler: the page sees the worker's error event.
      setTimeout(() => {
        throw new Error('simulated crash in the training worker');
      });
      return done({ ok: true });
    case 'exit':
      // The worker ends without a word, as when the browser kills it.
      scope.close();
      return;
  }
}
