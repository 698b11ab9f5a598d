/**
 * `node scripts/pretrain/run.mjs`: trains the book's pretrained feature extractor (recipe.ts) with the engine on
 * the tfjs CPU backend and writes public/models/<name>/model.json and weights.<sha12>.bin.
 *   --check   train, then compare with the committed file instead of writing (exit 1 if the bytes differ)
 * Seeded: the same machine, Node and tfjs give the same bytes. See the README in that folder.
 */
import { readdirSync, readFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DESCRIPTION, EXTRACTOR_LAYERS, MODEL_NAME, pretrainSpec } from './recipe';
import { manifestFor, pretrain } from './pretrain';

const check = process.argv.includes('--check');
const dir = join('public', 'models', MODEL_NAME);
const result = await pretrain(pretrainSpec, { log: (line) => console.log(line) });
const manifest = manifestFor(result, MODEL_NAME, DESCRIPTION, EXTRACTOR_LAYERS);
console.log(
  `trained ${result.steps} steps in ${result.seconds.toFixed(1)} s; weights ${result.bytes.byteLength} bytes, sha256 ${result.sha256}`,
);

if (check) {
  const committed = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')) as { weights: { sha256: string } };
  const same = committed.weights.sha256 === result.sha256;
  console.log(same ? 'identical to the committed weights' : `DIFFERENT from the committed weights (${committed.weights.sha256})`);
  process.exit(same ? 0 : 1);
}

mkdirSync(dir, { recursive: true });
for (const f of readdirSync(dir)) if (/^weights\.[0-9a-f]{12}\.bin$/.test(f)) rmSync(join(dir, f));
writeFileSync(join(dir, manifest.weights.file), result.bytes);
writeFileSync(join(dir, 'model.json'), `${JSON.stringify(manifest, null, 2)}\n`);
console.log(`wrote ${dir}/model.json and ${manifest.weights.file}`);
