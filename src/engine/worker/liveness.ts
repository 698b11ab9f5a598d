/**
 * Noticing that the training worker is gone. A worker can end without a word — the browser kills it for memory,
 * it closes itself, someone terminates it — and no event says so. While alive it holds a Web Lock; the page asks
 * for the same lock, which the browser grants only once the worker has ended. An uncaught error in the worker
 * (its `error` event) or a message that cannot be read counts as a crash: its state is unknown.
 */
export interface WatchedWorker {
  addEventListener(type: string, listener: (e: Event) => void): void;
}

export interface LocksLike {
  request(name: string, callback: () => unknown): Promise<unknown>;
}

export interface Liveness {
  /** The worker says it holds `lock` while it lives. */
  alive(lock: string): void;
  /** The page ends the worker on purpose (a restart): report nothing. */
  retire(): void;
}

const defaultLocks = (): LocksLike | undefined => (globalThis as { navigator?: { locks?: LocksLike } }).navigator?.locks;

export function watchWorker(
  worker: WatchedWorker,
  onDead: (message: string) => void,
  locks: LocksLike | undefined = defaultLocks(),
): Liveness {
  let done = false;
  let started = false;
  const dead = (message: string) => {
    if (done) return;
    done = true;
    onDead(message);
  };
  worker.addEventListener('message', () => {
    started = true;
  });
  worker.addEventListener('error', (e) => {
    const detail = (e as ErrorEvent).message;
    dead(
      started
        ? `the training engine crashed${detail ? ` (${detail})` : ''}`
        : `the training engine could not start${detail ? ` (${detail})` : ''}`,
    );
  });
  worker.addEventListener('messageerror', () => dead('the training engine sent a message that could not be read'));
  return {
    alive(lock) {
      void locks
        ?.request(lock, () => dead('the training engine stopped unexpectedly (the browser may have needed its memory)'))
        .catch(() => undefined);
    },
    retire() {
      done = true;
    },
  };
}
