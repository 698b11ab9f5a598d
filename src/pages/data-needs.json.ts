/**
 * /data-needs.json — the data files each demo reads with its own settings (see src/components/site/data-needs.ts),
 * written at build time from the demos and the manifests under public/data.
 */
import { createNodeSource } from '../engine/data/source-node';
import { dataNeeds } from '../components/site/data-needs';
import { allDemos, allGalleries, allSweeps } from '../demos';

export async function GET(): Promise<Response> {
  const source = createNodeSource('public/data');
  const needs = await dataNeeds([...allDemos, ...allSweeps], allGalleries, (dataset) => source.manifest(dataset));
  return new Response(JSON.stringify(needs), { headers: { 'content-type': 'application/json' } });
}
