// @vitest-environment jsdom
/** The layer-sizes control's presets: one press sets the list, and the chip of the current list is pressed. */
import { describe, expect, it } from 'vitest';
import { h, render } from 'preact';
import { useState } from 'preact/hooks';
import { act } from 'preact/test-utils';
import { control } from '../../../src/components/experiment/controls/defs/sizes';

const presets = [
  [784, 100, 100, 20, 75, 10, 1],
  [784, 20, 7, 5, 1],
];

function Host() {
  const [value, setValue] = useState<number[] | string>([784, 7, 1]);
  return h(control.Component, {
    def: control,
    value,
    error: undefined,
    onChange: (v: unknown) => setValue(v as number[]),
    options: { presets },
    spec: {},
  } as never);
}

describe('sizes presets', () => {
  it('sets the list with one press and marks the current one', async () => {
    const root = document.createElement('div');
    document.body.append(root);
    await act(() => render(h(Host, {}), root));
    const input = root.querySelector('input')!;
    const chips = [...root.querySelectorAll<HTMLButtonElement>('[role="group"] button')];
    expect(chips.map((c) => c.textContent)).toEqual(['[784, 100, 100, 20, 75, 10, 1]', '[784, 20, 7, 5, 1]']);
    expect(chips.map((c) => c.getAttribute('aria-pressed'))).toEqual(['false', 'false']);
    await act(() => chips[1].click());
    expect(input.value).toBe('[784, 20, 7, 5, 1]');
    expect(chips.map((c) => c.getAttribute('aria-pressed'))).toEqual(['false', 'true']);
  });
});
