/**
 * Prints, after the run, how long each spec file took (the sum of its tests' durations, slowest first), so that a
 * slow file shows up in every CI log. `npm test` has a budget of 12 minutes on the 2-core machine (tests/README.md).
 */
import type { FullResult, Reporter, TestCase, TestResult } from '@playwright/test/reporter';

export default class DurationsReporter implements Reporter {
  private files = new Map<string, { ms: number; tests: number }>();
  private started = Date.now();

  onTestEnd(test: TestCase, result: TestResult) {
    const file = test.location.file.replace(/^.*tests[\\/]e2e[\\/]/, '');
    const entry = this.files.get(file) ?? { ms: 0, tests: 0 };
    entry.ms += result.duration;
    entry.tests += 1;
    this.files.set(file, entry);
  }

  onEnd(result: FullResult) {
    const rows = [...this.files].sort((a, b) => b[1].ms - a[1].ms);
    const width = Math.max(...rows.map(([f]) => f.length), 4);
    const lines = rows.map(
      ([file, { ms, tests }]) => `  ${file.padEnd(width)}  ${String(tests).padStart(4)}  ${(ms / 1000).toFixed(1).padStart(7)} s`,
    );
    const total = rows.reduce((sum, [, e]) => sum + e.ms, 0);
    console.log(`\nBrowser tests by file (${result.status}, ${((Date.now() - this.started) / 1000).toFixed(0)} s wall):`);
    console.log(`  ${'file'.padEnd(width)}  tests  seconds`);
    for (const line of lines) console.log(line);
    console.log(
      `  ${'all'.padEnd(width)}  ${String(rows.reduce((n, [, e]) => n + e.tests, 0)).padStart(4)}  ${(total / 1000).toFixed(1).padStart(7)} s\n`,
    );
  }

  printsToStdio() {
    return false;
  }
}
