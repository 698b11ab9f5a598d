/**
 * Production pages only (injected by scripts/build/offline.mjs): registers the book's service worker, so pages
 * visited once open without a network, and says so when the reader is offline.
 */
import { siteHref } from './base';

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

if ('serviceWorker' in navigator) {
  void navigator.serviceWorker.register(siteHref('/sw.js'), { scope: siteHref('/') }).catch(() => undefined);
}
addEventListener('online', () => showOffline(false));
addEventListener('offline', () => showOffline(true));
showOffline(!navigator.onLine);
