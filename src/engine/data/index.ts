/**
 * The data pipeline, for browsers and workers. (The Node file source lives in ./source-node and is
 * not re-exported here, so that bundles for the browser never pull in node:fs.)
 */
export {
  parseManifest,
  ManifestError,
  MANIFEST_FORMAT,
  PIXELS,
  type Manifest,
  type FileEntry,
  type ShardEntry,
  type SourceSplit,
} from './manifest';
export { SPLITS, type Split } from './split';
export { planSubset, selectSubset, SubsetError, type DataTask, type SubsetRequest, type SubsetPlan, type Selection } from './subset';
export { buildDataset, classCounts, type InMemoryDataset, type RawSplit } from './dataset';
export { DataIntegrityError, verifyFile } from './integrity';
export { sha256Hex } from './sha256';
export { loadExperimentData, bytesNeeded, filesNeeded, type ShardSource, type LoadProgress, type ExperimentData } from './source';
export { createBrowserSource, DATA_CACHE, type BrowserSourceOptions } from './source-browser';
