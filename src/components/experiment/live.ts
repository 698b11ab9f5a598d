/**
 * Whether the island is live (hydrated). The server-rendered controls stay in the tab order while it loads
 * (aria-disabled, text fields read-only), so a keyboard reader does not skip them; nothing they press is acted on.
 */
import { createContext } from 'preact';

export const LiveContext = createContext(true);
