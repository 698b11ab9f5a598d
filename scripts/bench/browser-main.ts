/**
 * `npm run bench -- --browser`: the headless-Chromium part. Flags: --chapter=auto,webgl,cpu,webgpu (the
 * learning-rate chapter's default run per ?backend=), --gpu=webgl,webgpu,cpu (workloads on the page),
 * --only=mlp,cnn-b64  --steps=N  --no-write.
 */
import { cpus, totalmem } from 'node:os';
import { runBrowserBench } from './browser';
import { publish } from './report';

const args = new Map(
  process.argv.slice(2).map((a) => {
    const [k, ...v] = a.replace(/^--/, '').split('=');
    return [k, v.join('=') || 'true'] as const;
  }),
);
const list = (k: string, d: string) => (args.get(k) ?? d).split(',').filter((x) => x && x !== 'none');
const heavy = args.has('heavy');

const report = await runBrowserBench({
  // --dist=DIR: another build of the site (e.g. an earlier commit's, to compare in one session).
  dist: args.get('dist') ?? 'dist',
  benchDir: process.env.LC_BENCH_PAGE ?? 'node_modules/.cache/lc-bench/page',
  chapterBackends: list('chapter', heavy ? 'auto,cpu,webgl,webgpu' : 'auto,webgl'),
  workloadBackends: list('gpu', 'webgl,webgpu'),
  only: list('only', heavy ? 'mlp,cnn-b64,cnn-b256' : 'mlp,cnn-b64'),
  cnnSteps: Number(args.get('steps') ?? (heavy ? 20 : 2)),
  log: (s) => console.log(s),
});
report.machine = `${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, ${Math.round(totalmem() / 2 ** 30)} GiB`;
publish(report, !args.has('no-write'));
process.exit(0);
