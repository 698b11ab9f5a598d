/** The own-image view's sentences, from numbers alone (pure, tested in Node). */
import { labelProbabilities } from '../featureMaps/probe';

/** What the reader's moves and inversion did to the prepared picture, in words (none when nothing changed). */
export function editSteps(dx: number, dy: number, invert: boolean): string[] {
  const out: string[] = [];
  const part = (n: number, pos: string, neg: string) => (n === 0 ? '' : `${Math.abs(n)} px ${n > 0 ? pos : neg}`);
  const moves = [part(dx, 'right', 'left'), part(dy, 'down', 'up')].filter(Boolean);
  if (moves.length) out.push(`Moved ${moves.join(' and ')}, as the shift test moves an image: the pixels that come in are black.`);
  if (invert) out.push('Inverted by you: a dark object on a light background, which the network never saw in training.');
  return out;
}

const percent = (p: number) => `${(100 * p).toFixed(1)} %`;

/** "Predicted: Sneaker (87.3 %), then Sandal (9.1 %). From the weights after 40 steps of training (run 1)." */
export function predictionText(probabilities: ArrayLike<number>, labelNames: readonly string[], source: string): string {
  const ps = labelProbabilities(Float32Array.from(probabilities));
  const order = ps.map((p, k) => [p, k] as const).sort((a, b) => b[0] - a[0]);
  const name = (k: number) => labelNames[k] ?? String(k);
  const [best, next] = order;
  const runnerUp = next ? `, then ${name(next[1])} (${percent(next[0])})` : '';
  return `Predicted: ${name(best[1])} (${percent(best[0])})${runnerUp}. From ${source}.`;
}
