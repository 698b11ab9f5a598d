/** A stand-in for the training worker: records what the page posts, and lets a test answer as the worker would. */
import { EngineClient, type ClientOptions } from '../../../src/engine/worker/client';
import type { LocksLike } from '../../../src/engine/worker/liveness';
import type { FromWorker, ToWorker } from '../../../src/engine/worker/protocol';

export function fakeWorker() {
  const posted: ToWorker[] = [];
  const listeners = new Map<string, ((e: Event) => void)[]>();
  let terminated = 0;
  const worker = {
    postMessage: (m: ToWorker) => posted.push(m),
    addEventListener: (type: string, l: (e: Event) => void) => {
      listeners.set(type, [...(listeners.get(type) ?? []), l]);
    },
    terminate: () => void terminated++,
  };
  const fire = (type: string, e: object) => (listeners.get(type) ?? []).forEach((l) => l(e as Event));
  /** Delivers a message from the "worker" to every listener. */
  const reply = (m: FromWorker) => fire('message', { data: m });
  /** An uncaught error inside the "worker" (its error event on the page). */
  const crash = (message: string) => fire('error', { message });
  return {
    worker,
    posted,
    reply,
    crash,
    terminated: () => terminated,
    client: (options: ClientOptions = {}) => new EngineClient(worker, options),
  };
}

/** Web Locks as the browser keeps them: a request waits until the holder releases the lock (`release(name)`). */
export function fakeLocks() {
  const waiting = new Map<string, (() => unknown)[]>();
  const locks: LocksLike = {
    request: (name, callback) => {
      waiting.set(name, [...(waiting.get(name) ?? []), callback]);
      return Promise.resolve();
    },
  };
  /** The holder (the worker) ended: grant the lock to whoever asked. */
  const release = (name: string) => (waiting.get(name) ?? []).splice(0).forEach((cb) => cb());
  return { locks, release, requested: () => [...waiting.keys()] };
}
