/**
 * zod, configured once before any schema is built: `jitless` stops zod compiling parsers with `new Function`,
 * which the book's Content-Security-Policy (no 'unsafe-eval') forbids and the browser would report as a
 * violation. Every module imports zod from here, never from 'zod' directly.
 */
import { z } from 'zod';

z.config({ jitless: true });

export { z };
