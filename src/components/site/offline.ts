/**
 * Production pages only (injected by scripts/build/offline.mjs): registers the book's service worker, so pages
 * visited once open without a network, and says so when the reader is offline.
 */
import { siteBase, siteHref } from './base';

const NOTICE_ID = 'lc-offline-notice';

/** Shows or removes the offline notice (a polite status line at the foot of the window). */
export function showOffline(offline: boolean): void {
  let notice = document.getElementById(NOTICE_ID);
  if (!offline) return void notice?.remove();
  if (!notice) {
    notice = document.createElement('p');
    notice.id = NOTICE_ID;
    notice.className = 'lc-offline';
    notice.setAttribute('role', 'status');
    notice.textContent = 'You are offline. Pages you have opened before still work, and demos train on data already downloaded.';
    document.body.append(notice);
  }
}

/**
 * Once the service worker keeps the pages, fetches the data of this page's demos when the browser is idle (not
 * when the reader asked to save data, or on a 2G connection): they then train offline too, never trained or not.
 * The root element's `data-offline-data` says how it went ("ready", or "failed").
 */
function prefetchWhenIdle(): void {
  const connection = (navigator as { connection?: { saveData?: boolean; effectiveType?: string } }).connection;
  if (!navigator.onLine || connection?.saveData || /2g$/.test(connection?.effectiveType ?? '')) return;
  const ids = [...new Set([...document.querySelectorAll('[data-demo]')].map((e) => e.getAttribute('data-demo') ?? ''))].filter(Boolean);
  if (ids.length === 0) return;
  const run = () =>
    import('./prefetch-data')
      .then((m) => m.prefetchData(ids, { baseUrl: siteBase() }))
      .then(
        () => (document.documentElement.dataset.offlineData = 'ready'),
        () => (document.documentElement.dataset.offlineData = 'failed'),
      );
  if ('requestIdleCallback' in window) requestIdleCallback(() => void run(), { timeout: 10_000 });
  else setTimeout(() => void run(), 3000);
}

if ('serviceWorker' in navigator) {
  void navigator.serviceWorker.register(siteHref('/sw.js'), { scope: siteHref('/') }).catch(() => undefined);
  void navigator.serviceWorker.ready.then(prefetchWhenIdle);
}
addEventListener('online', () => showOffline(false));
addEventListener('offline', () => showOffline(true));
showOffline(!navigator.onLine);
