/**
 * False on the first render, true after mount. An island's first client render must match what the server
 * rendered (Preact's hydration keeps server attributes such as `hidden` and reuses nodes by position), so state
 * the server could not see — runs another island already trained, a validator another island loaded — is read
 * only once this is true.
 */
import { useEffect, useState } from 'preact/hooks';

export function useMounted(onMount?: () => void): boolean {
  const [mounted, setMounted] = useState(false);
  useEffect(() => {
    setMounted(true);
    onMount?.();
  }, []);
  return mounted;
}
