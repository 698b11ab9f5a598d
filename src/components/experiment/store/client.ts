/** The page's one training worker client, with the backend the URL asks for. */
import type { BackendPreference } from '../../../engine/backend';
import { EngineClient } from '../../../engine/worker/client';
import { siteBase } from '../../site/base';

/** `?backend=webgl` (or webgpu, cpu) forces a backend: for readers comparing hardware, and for tests. */
export function backendFromUrl(search: string = location.search): BackendPreference {
  const b = new URLSearchParams(search).get('backend');
  return b === 'webgpu' || b === 'webgl' || b === 'cpu' ? b : 'auto';
}

export function sharedClient(): EngineClient {
  return EngineClient.shared({ backend: backendFromUrl(), baseUrl: siteBase() });
}
