/**
 * Layer stacks several specs share. `twoBlockCnn` is the course's CNN shape — conv 3×3 (ReLU) → max-pool 2×2 →
 * conv 3×3 (ReLU) → max-pool 2×2 → Flatten → Dense (ReLU) → Dense output — at any width: the course's own model is
 * `twoBlockCnn([32, 32], 128, 10)`. Type-only imports: no zod reaches a page through this file.
 */
import type { ExperimentSpecInput } from './schema';

type LayersModel = Extract<ExperimentSpecInput['model'], { kind: 'layers' }>;
export type LayerInput = LayersModel['layers'][number];

/** Softmax over `outputs` classes, or one sigmoid unit when `outputs` is 1 (a binary task). */
export function twoBlockCnn(filters: readonly [number, number], hidden: number, outputs: number): LayerInput[] {
  return [
    { type: 'conv2d', filters: filters[0], kernel: 3, activation: 'relu' },
    { type: 'maxPooling2d', pool: 2 },
    { type: 'conv2d', filters: filters[1], kernel: 3, activation: 'relu' },
    { type: 'maxPooling2d', pool: 2 },
    { type: 'flatten' },
    { type: 'dense', units: hidden, activation: 'relu' },
    { type: 'dense', units: outputs, activation: outputs === 1 ? 'sigmoid' : 'softmax' },
  ];
}
