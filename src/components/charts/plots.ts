/**
 * Every chart builder and data helper, Plot included. Islands load this module lazily (ChartFigure's
 * `loadPlots`/`usePlots`), so a page's first paint does not pay for Plot; what first paint needs (tables of
 * the learning curves, series, theme) is imported from its own Plot-free module instead.
 */
export * from './index';
