/**
 * The three parts of an experiment's data. The one split type of the protocol, the evaluation and the
 * trainer. Not to be confused with a dataset's file split (`SourceSplit` in manifest.ts: 'train' | 'test'):
 * training and validation images both come from the source's 'train' split.
 */
export type Split = 'train' | 'validation' | 'test';

export const SPLITS: readonly Split[] = ['train', 'validation', 'test'];
