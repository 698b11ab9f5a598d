/** A stand-in for the training worker: records what the page posts, and lets a test answer as the worker would. */
import { EngineClient } from '../../../src/engine/worker/client';
import type { FromWorker, ToWorker } from '../../../src/engine/worker/protocol';

export function fakeWorker() {
  const posted: ToWorker[] = [];
  const listeners: ((e: Event) => void)[] = [];
  const worker = {
    postMessage: (m: ToWorker) => posted.push(m),
    addEventListener: (type: string, l: (e: Event) => void) => {
      if (type === 'message') listeners.push(l);
    },
    terminate: () => undefined,
  };
  /** Delivers a message from the "worker" to every listener. */
  const reply = (m: FromWorker) => listeners.forEach((l) => l({ data: m } as MessageEvent));
  return { worker, posted, reply, client: () => new EngineClient(worker) };
}
