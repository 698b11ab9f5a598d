/**
 * The book's metrics, pure: numbers in, numbers out. No Plot, no tfjs, no DOM, so views print them on first paint
 * (before the chart chunk loads), and build-time and reference scripts import them without the charts.
 */
export * from './bestEpoch';
export * from './calibration';
export * from './confidence';
export * from './lossShare';
export * from './temperature';
