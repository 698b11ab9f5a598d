// The book's service worker (written into the build by scripts/build/offline.mjs; the lists below are filled in).
// Pages: the network first, this build's copy when there is no network. Other files of the build: this build's
// copy first. Anything else (the data shards, which the training worker caches itself) goes to the network as is.
const SHELL = __SHELL__;
const CACHE = __CACHE__;
const PREFIX = __PREFIX__;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(SHELL))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((n) => n.startsWith(PREFIX) && n !== CACHE).map((n) => caches.delete(n))))
      .then(() => self.clients.claim()),
  );
});

const kept = new Set(SHELL.map((u) => new URL(u, self.location.origin).href));

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  const page = new URL(url.pathname, url.origin).href;
  if (request.mode === 'navigate') {
    event.respondWith(
      fetch(request).catch(() =>
        caches
          .open(CACHE)
          .then((c) => c.match(page))
          .then((r) => r ?? Response.error()),
      ),
    );
    return;
  }
  if (!kept.has(page)) return;
  event.respondWith(
    caches
      .open(CACHE)
      .then((c) => c.match(page))
      .then((r) => r ?? fetch(request)),
  );
});
