/** The own-image view's sentences (src/components/experiment/views/own-image/words.ts), from numbers alone. */
import { describe, expect, it } from 'vitest';
import { editSteps, predictionText } from '../../../src/components/experiment/views/own-image/words';

describe('own-image words', () => {
  it('says how the picture was moved and whether the reader inverted it; nothing when nothing changed', () => {
    expect(editSteps(0, 0, false)).toEqual([]);
    expect(editSteps(2, 0, false)).toEqual(['Moved 2 px right, as the shift test moves an image: the pixels that come in are black.']);
    expect(editSteps(-1, 3, true)).toEqual([
      'Moved 1 px left and 3 px down, as the shift test moves an image: the pixels that come in are black.',
      'Inverted by you: a dark object on a light background, which the network never saw in training.',
    ]);
    expect(editSteps(0, -2, false)[0]).toMatch(/^Moved 2 px up,/);
  });

  it('names the most probable class and the runner-up, with the weights they come from; a binary output is two classes', () => {
    expect(predictionText(Float32Array.of(0.1, 0.7, 0.2), ['Bag', 'Sneaker', 'Sandal'], 'random weights, before training')).toBe(
      'Predicted: Sneaker (70.0 %), then Sandal (20.0 %). From random weights, before training.',
    );
    expect(predictionText(Float32Array.of(0.999), ['T-shirt/top', 'Shirt'], 'the weights after 3 steps of training (run “lr 0.003”)')).toBe(
      'Predicted: Shirt (99.9 %), then T-shirt/top (0.1 %). From the weights after 3 steps of training (run “lr 0.003”).',
    );
  });
});
