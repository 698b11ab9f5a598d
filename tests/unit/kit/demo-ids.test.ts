/** One definition of a demo's id: the config's. The spec a demo trains (and exports to Keras/PyTorch) carries it. */
import { describe, expect, it } from 'vitest';
import { createDemoState } from '../../../src/components/experiment/state';
import { RunStore } from '../../../src/components/experiment/store/runStore';
import { allDemos } from '../../../src/demos';

describe('demo ids', () => {
  it('every demo’s spec takes its id from the config, whatever its spec literal says', () => {
    const store = new RunStore(null as never, () => null as never);
    for (const config of allDemos) {
      const state = createDemoState({ ...config, spec: { ...config.spec, id: 'something-else' } }, store);
      expect(state.spec.value.id, config.id).toBe(config.id);
      state.dispose();
    }
  });
});
