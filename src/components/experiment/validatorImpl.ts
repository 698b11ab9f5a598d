/** What `validation.ts` loads lazily: the engine's spec checks and the kit's summary rows. */
export { parseSpec } from '../../engine/spec/parse';
export { summaryRows } from './views/summaryRows';
