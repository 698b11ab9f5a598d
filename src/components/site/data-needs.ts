/**
 * Which data files each demo of the book downloads with its own settings (no link, no control changed), worked
 * out at build time from the demos' specs and the datasets' manifests, exactly as the training worker plans a
 * load. The site serves it as `data-needs.json`; after a visit, a page fetches the files of its demos ahead of
 * time (src/components/site/prefetch-data.ts), so that they train offline too.
 */
import { filesNeeded } from '../../engine/data/source';
import type { Manifest } from '../../engine/data/manifest';
import { mergeNeeds, type DataNeeds, type DatasetFiles } from './data-needs-list';
import { planSubset } from '../../engine/data/subset';
import { parseSpec } from '../../engine/spec/parse';
import type { ExperimentSpecInput } from '../../engine/spec/schema';

export { mergeNeeds, type DataNeeds, type DatasetFiles };

interface Trainable {
  id: string;
  spec: ExperimentSpecInput;
}

interface Compared {
  id: string;
  /** The demos whose runs it compares; without a list, the page's own demos (which are listed themselves). */
  demos?: string[];
}

/**
 * The files each demo (and sweep: its runs differ only in learning rate) reads with its authored spec, and each
 * gallery the union of its demos'. Throws if a demo's spec is invalid or asks for more images than there are:
 * the book must not ship a demo that cannot load.
 */
export async function dataNeeds(
  trainables: Trainable[],
  galleries: Compared[],
  manifestOf: (dataset: string) => Promise<Manifest>,
): Promise<DataNeeds> {
  const demos: Record<string, DatasetFiles[]> = {};
  for (const { id, spec: input } of trainables) {
    const parsed = parseSpec(input);
    if (!parsed.ok) throw new Error(`demo ${id}: ${parsed.issues.map((i) => i.message).join('; ')}`);
    const spec = parsed.spec;
    const manifest = await manifestOf(spec.data.dataset);
    const plan = planSubset(manifest, { ...spec.data, seed: spec.seed });
    demos[id] = [{ dataset: spec.data.dataset, files: filesNeeded(manifest, plan).flatMap((s) => s.entries) }];
  }
  for (const { id, demos: compared = [] } of galleries) demos[id] = mergeNeeds(compared.map((d) => demos[d] ?? []));
  return { demos };
}
