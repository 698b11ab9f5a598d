import { describe, expect, it } from 'vitest';
import * as charts from '../../../src/components/charts';

describe('charts index', () => {
  it('exports every builder, table and pure helper of the new views', () => {
    const names = [
      'reliabilityBins',
      'expectedCalibrationError',
      'calibrationInput',
      'reliabilityChart',
      'reliabilityTable',
      'eceChart',
      'eceTable',
      'confusionCounts',
      'confusionMatrixChart',
      'confusionTable',
      'probabilityStrip',
      'probabilityStripTable',
      'confidenceSummary',
      'confidenceSummaryTable',
      'jitter',
      'mapToRgba',
      'featureMaps',
      'featureMapStack',
      'featureMapTable',
      'mapCaption',
      'probabilityBars',
      'probabilityBarsTable',
      'galleryChart',
      'galleryTable',
      'bestEpoch',
      'bestEpochMarks',
      'sweetSpotMarks',
      'paramTable',
      'largestParamLayer',
      'largestParamText',
      'shiftChart',
      'shiftTable',
      'shiftPoints',
      'cosineSimilarity',
      'formatCount',
      'formatPercent',
      'formatShape',
      'compactCount',
      'abbreviate',
      // existing ones stay
      'lossChart',
      'lossTable',
      'gradientNormChart',
      'deadUnitsMeter',
      'sweepChart',
      'toCsv',
      'svgMarkup',
    ];
    for (const n of names) expect(typeof (charts as Record<string, unknown>)[n], n).toBe('function');
  });
});
