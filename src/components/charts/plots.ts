/**
 * The chart builders that draw with Observable Plot. Islands load this module lazily (ChartFigure does), so a
 * page's first paint does not pay for Plot; tables and other pure helpers live in modules without Plot.
 */
export * from './lossChart';
export * from './gradientNormChart';
export * from './sweepChart';
