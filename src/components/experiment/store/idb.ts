/**
 * Kept runs in IndexedDB: one database for the book, a small `meta` store (key, page, demo, bytes, when) read
 * to count and evict, and a `runs` store with the runs themselves (typed arrays stored as they are). Resolves
 * null where IndexedDB is missing or blocked (a private window, site data turned off): the page then works as
 * before and says its runs will not be kept.
 */
import type { ArchiveBackend, SavedMeta, SavedRun } from './archive';

const DB = 'learning-curves-runs';
const META = 'meta';
const RUNS = 'runs';
/** An open that neither succeeds nor fails (some blocked storage) counts as unavailable after this long. */
const OPEN_TIMEOUT_MS = 4000;

function done(request: IDBRequest): Promise<unknown> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

function finished(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new DOMException('The transaction was aborted', 'AbortError'));
  });
}

export function openIdb(factory: IDBFactory | undefined = globalThis.indexedDB): Promise<ArchiveBackend | null> {
  if (!factory) return Promise.resolve(null);
  return new Promise<IDBDatabase | null>((resolve) => {
    const timer = setTimeout(() => resolve(null), OPEN_TIMEOUT_MS);
    const settle = (db: IDBDatabase | null) => {
      clearTimeout(timer);
      resolve(db);
    };
    try {
      const request = factory.open(DB, 1);
      request.onupgradeneeded = () => {
        const db = request.result;
        if (!db.objectStoreNames.contains(META)) db.createObjectStore(META, { keyPath: 'key' });
        if (!db.objectStoreNames.contains(RUNS)) db.createObjectStore(RUNS, { keyPath: 'key' });
      };
      request.onsuccess = () => settle(request.result);
      request.onerror = () => settle(null);
      request.onblocked = () => settle(null);
    } catch {
      settle(null);
    }
  }).then((db) => (db ? backendOn(db) : null));
}

function backendOn(db: IDBDatabase): ArchiveBackend {
  // Another tab upgrading the database closes this one; later calls then fail and the archive says so.
  db.onversionchange = () => db.close();
  return {
    metas: async () => (await done(db.transaction(META).objectStore(META).getAll())) as SavedMeta[],
    load: async (keys) => {
      const store = db.transaction(RUNS).objectStore(RUNS);
      const runs = await Promise.all(keys.map((k) => done(store.get(k)) as Promise<SavedRun | undefined>));
      return runs.filter((r): r is SavedRun => !!r);
    },
    put: async (meta, run) => {
      const tx = db.transaction([META, RUNS], 'readwrite');
      const end = finished(tx);
      tx.objectStore(RUNS).put(run);
      tx.objectStore(META).put(meta);
      await end;
    },
    remove: async (keys) => {
      const tx = db.transaction([META, RUNS], 'readwrite');
      const end = finished(tx);
      for (const k of keys) {
        tx.objectStore(META).delete(k);
        tx.objectStore(RUNS).delete(k);
      }
      await end;
    },
  };
}
