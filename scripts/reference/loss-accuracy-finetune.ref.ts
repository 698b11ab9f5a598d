/**
 * Reference measurements for the loss-accuracy chapter's fine-tuned variant (src/demos/loss-accuracy.ts
 * finetuneSpec: the pretrained extractor of transferSpec, not frozen; seed 1, batch size 2, 30 epochs), on the
 * engine's CPU backend in Node, written to src/reference/loss-accuracy-finetune.json with their setup: the same
 * summary as loss-accuracy.ref.ts gives the frozen run. Its own file because backpropagating through the
 * convolutions at batch size 2 takes several minutes on a 2-core CPU.
 *   npm run reference -- loss-accuracy-finetune
 */
import * as tf from '@tensorflow/tfjs';
import { it } from 'vitest';
import { finetuneSpec } from '../../src/demos/loss-accuracy';
import { summary, train } from './loss-accuracy-runs';
import { setupOf, writeReference } from './write';

it('loss-accuracy chapter reference: the fine-tuned extractor', async () => {
  await tf.setBackend('cpu');
  const run = await train(finetuneSpec);
  const model = run.spec.model;
  writeReference('loss-accuracy-finetune', {
    setup: setupOf({
      backend: 'cpu (tfjs, Node)',
      specs: 'src/demos/loss-accuracy.ts finetuneSpec (probabilities recorded), seed 1',
      data: run.spec.data,
      pretrained: model.pretrained,
      epochs: 30,
      batchSize: 2,
      seconds: run.seconds,
    }),
    finetune: summary(run.evals),
  });
});
