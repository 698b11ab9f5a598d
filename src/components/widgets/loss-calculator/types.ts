/** What a chapter passes to the LossCalculator island: the starting p, the worked table, and every word shown. */
export interface LossCalculatorConfig {
  /** Unique on the page (ids of the inputs derive from it). */
  id: string;
  title: string;
  /** p the calculator starts at. */
  initial: number;
  /** The decision threshold on p (default 0.5). */
  threshold?: number;
  /** The worked table's probabilities, shown first; the reader can add rows. */
  rows: number[];
  text: {
    /** Label of the text field for p. */
    inputLabel: string;
    /** Label of the log-scale slider for p. */
    sliderLabel: string;
    /** A line under the field (what can be typed). */
    hint?: string;
    /** Before the computed loss, e.g. "Loss of this example". */
    lossLabel: string;
    /** What p on each side of the threshold means; {p} and {threshold} are filled in. */
    right: string;
    wrong: string;
    tie: string;
    /** Messages beside the field for input that is not a probability in (0, 1]; {value} is what was typed. */
    errors: { empty: string; nan: string; range: string; zero: string };
    tableCaption: string;
    /** Column headings: p, −ln p, what accuracy sees. */
    columns: [string, string, string];
    /** What accuracy sees for each side, in the table. */
    sides: { right: string; wrong: string; tie: string };
    /** The button that adds the current p to the table, and the one that removes an added row. */
    add: string;
    remove: string;
    /** The chart: its accessible name, and labels of its axes and regions. */
    chartLabel: string;
    xLabel: string;
    yLabel: string;
    regions: { right: string; wrong: string };
    /**
     * Optional: the squared error (1 − p)² beside −ln p, for comparison: its label by the result, its column in the
     * table (after −ln p) and its curve's label on the chart.
     */
    squared?: { label: string; column: string; curveLabel: string };
  };
}
