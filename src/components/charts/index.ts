/**
 * Pure chart builders for the demos: data in, DOM node out (Observable Plot, `document` passed in).
 * No Preact and no signals here; islands own state and call these to (re)draw.
 */
export * from './theme';
export * from './series';
export * from './lossChart';
export * from './gradientNormChart';
export * from './deadUnitsMeter';
export * from './sweepChart';
export * from './tables';
export * from './svgMarkup';
export * from './labels';
export * from './reliabilityChart';
export * from './eceChart';
export * from './lossShares';
export * from './lossShareChart';
export * from './confusionMatrix';
export * from './probabilityStrip';
export * from './featureMaps';
export * from './probabilityBars';
export * from './galleryChart';
export * from './bestEpoch';
export * from './paramTable';
export * from './shiftChart';
export * from './preActivations';
export * from './preActivationChart';
