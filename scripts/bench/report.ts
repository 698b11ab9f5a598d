/** The bench's result format, and its rendering as Markdown for the terminal and BENCHMARKS.md. */
import { appendFileSync, existsSync, writeFileSync } from 'node:fs';
import type { GpuCounts } from './gpu-counters';
import type { RunResult } from './workloads';

export interface BenchRow {
  workload: string;
  label: string;
  backend: string;
  adapter: string;
  batch: number;
  /** engine, engineStock (engine with tfjs' stock kernels), fit, fitCallback. */
  runs: Record<string, RunResult>;
}

export interface BenchReport {
  where: string;
  date: string;
  machine: string;
  versions: Record<string, string>;
  adapters: Record<string, string>;
  flags: Record<string, string>;
  rows: BenchRow[];
  notes: string[];
  /** Browser-only measurements (click to done, long tasks…), in words and numbers. */
  page?: { name: string; value: string }[];
}

const RUN_NAMES: Record<string, string> = {
  engine: 'engine',
  engineStock: 'engine, stock tfjs kernels',
  fit: 'model.fit',
  fitCallback: 'model.fit + onBatchEnd',
};

const f1 = (n: number) => (Number.isFinite(n) ? (n >= 100 ? n.toFixed(0) : n.toFixed(1)) : '—');
const counts = (c?: GpuCounts) => (c ? `${f1(c.dispatches)} / ${f1(c.uploads)} / ${f1(c.readbacks)} / ${f1(c.submits)}` : '—');

export function renderReport(r: BenchReport): string {
  const lines = [
    `### ${r.where}, ${r.date.slice(0, 16).replace('T', ' ')} UTC`,
    '',
    `Machine: ${r.machine}. Versions: ${Object.entries(r.versions)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}.`,
    `Adapters: ${Object.entries(r.adapters)
      .map(([k, v]) => `${k} = ${v}`)
      .join('; ')}.`,
  ];
  if (Object.keys(r.flags).length)
    lines.push(
      `tfjs flags: ${Object.entries(r.flags)
        .map(([k, v]) => `${k}=${v}`)
        .join(', ')}.`,
    );
  lines.push(
    '',
    '| workload | backend | run | steps/s | samples/s | ms/step | ÷ model.fit | GPU per step: dispatches / uploads / readbacks / submits | tensors, bytes after warm-up → after |',
    '| --- | --- | --- | ---: | ---: | ---: | ---: | --- | --- |',
  );
  for (const row of r.rows) {
    const fit = row.runs.fit;
    const fitRate = fit ? fit.samples / fit.ms : NaN;
    for (const [name, run] of Object.entries(row.runs)) {
      const rate = run.samples / run.ms;
      lines.push(
        `| ${row.label} | ${row.backend} | ${RUN_NAMES[name] ?? name} | ${f1((run.steps / run.ms) * 1000)} | ${f1(rate * 1000)} | ${f1(run.ms / run.steps)} | ${name === 'fit' ? '1' : `${(rate / fitRate).toFixed(2)}×`} | ${counts(run.perStep)} | ${run.numTensorsAfterWarmup}, ${run.numBytesAfterWarmup} → ${run.numTensorsAfter}, ${run.numBytesAfter}${run.numTensorsAfter === run.numTensorsAfterWarmup && run.numBytesAfter === run.numBytesAfterWarmup ? ' (flat)' : ' (GREW)'} |`,
      );
    }
  }
  for (const p of r.page ?? []) lines.push(`- ${p.name}: ${p.value}`);
  for (const n of r.notes) lines.push(`- ${n}`);
  return lines.join('\n');
}

/** Prints the report and, unless `write` is false, appends it to BENCHMARKS.md (created with a header). */
export function publish(r: BenchReport, write: boolean, file = 'BENCHMARKS.md'): void {
  const md = renderReport(r);
  console.log(`\n${md}\n`);
  if (!write) return;
  if (!existsSync(file)) writeFileSync(file, '# Benchmarks\n\nAppended by `npm run bench` (see scripts/bench/).\n');
  appendFileSync(file, `\n${md}\n`);
}
