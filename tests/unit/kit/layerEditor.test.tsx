// @vitest-environment jsdom
/**
 * The layer-stack editor as a reader uses it: add, remove and move rows with real buttons, type into fields,
 * see the spec's messages on the offending row, and keep focus on a sensible element.
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { h, render } from 'preact';
import { useState } from 'preact/hooks';
import { act } from 'preact/test-utils';
import { applyOverrides } from '../../../src/components/experiment/controls/hash';
import { control } from '../../../src/components/experiment/controls/defs/layers';
import { encodeLayers, type LayerInput } from '../../../src/components/experiment/controls/layers/codec';
import type { SpecInput } from '../../../src/components/experiment/controls/types';
import { loadValidator } from '../../../src/components/experiment/validation';
import { parseSpec } from '../../../src/engine/spec/parse';
import { courseCnn } from '../spec/fixtures';

const base: SpecInput = courseCnn();
let root: HTMLDivElement;
/** Every value the editor emitted, newest last. */
let emitted: unknown[];

/** Holds the override the way the demo state does, and passes the editor what Controls passes it. */
function Host({ initial }: { initial?: unknown }) {
  const [value, setValue] = useState<unknown>(initial);
  const spec = applyOverrides(base, value === undefined ? {} : { layers: value });
  const raw = typeof value === 'string' ? value : control.read(spec);
  return h(control.Component, {
    def: control,
    value: raw,
    spec,
    options: {},
    onChange: (v: unknown) => {
      emitted.push(v);
      setValue(v);
    },
  });
}

const show = (initial?: unknown) => act(() => render(h(Host, { initial }), root));
const rows = () => [...root.querySelectorAll<HTMLLIElement>('.lc-layers__list > li')];
const titles = () => rows().map((r) => r.querySelector('.lc-layer__title')!.textContent!.replace(/^\d+Layer \d+: /, ''));
const button = (name: string) => {
  const b = [...root.querySelectorAll('button')].find((el) => el.getAttribute('aria-label') === name);
  if (!b)
    throw new Error(
      `no button "${name}"; have ${[...root.querySelectorAll('button')].map((el) => el.getAttribute('aria-label')).join(', ')}`,
    );
  return b;
};
const click = (name: string) => act(() => button(name).click());
const field = (row: number, label: string) => {
  const r = rows()[row - 1];
  const l = [...r.querySelectorAll('label')].find((el) => el.textContent === label);
  return document.getElementById(l!.htmlFor) as HTMLInputElement | HTMLSelectElement;
};
const type = (input: HTMLInputElement | HTMLSelectElement, text: string) =>
  act(() => {
    input.value = text;
    input.dispatchEvent(new Event(input instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
  });
const last = () => emitted[emitted.length - 1] as LayerInput[];
const total = () => root.querySelector('[data-testid="param-total"]')?.textContent;
const rowProblems = (row: number) => [...rows()[row - 1].querySelectorAll('.lc-field__error')].map((p) => p.textContent);

// The browser loads the validator (zod) on first need; here it is loaded before any editor renders.
beforeAll(() => loadValidator());

beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
  emitted = [];
});
afterEach(() => {
  act(() => render(null, root));
  root.remove();
});

describe('LayerEditor', () => {
  it('shows the stack as rows with labelled fields and the live parameter table beside it', () => {
    show();
    expect(titles()).toEqual(['Convolution', 'Max pool', 'Convolution', 'Max pool', 'Flatten', 'Dense', 'Dense']);
    expect(field(1, 'Filters').value).toBe('32');
    expect(field(1, 'Kernel').value).toBe('3');
    expect(field(1, 'Activation').value).toBe('relu');
    expect(field(2, 'Pool size').value).toBe('2');
    expect((field(2, 'Stride') as HTMLInputElement).placeholder).toBe('2');
    expect(rows()[4].querySelectorAll('input, select')).toHaveLength(0);
    expect(button('Remove layer 2 (max pool 2×2)').title).toBe('Remove');
    expect(button('Move layer 1 up').disabled).toBe(true);
    expect(button('Move layer 7 down').disabled).toBe(true);
    expect(total()).toBe(
      new Intl.NumberFormat('en').format(
        parseSpec(base).ok ? (parseSpec(base) as { summary: { totalParams: number } }).summary.totalParams : -1,
      ),
    );
  });

  it('removes a conv+pool block with Enter, Enter: focus moves to the layer that took its place', () => {
    show();
    const before = Number(total()!.replace(/,/g, ''));
    button('Remove layer 3 (conv 32 filters 3×3)').focus();
    click('Remove layer 3 (conv 32 filters 3×3)');
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Remove layer 3 (max pool 2×2)');
    click('Remove layer 3 (max pool 2×2)');
    expect(titles()).toEqual(['Convolution', 'Max pool', 'Flatten', 'Dense', 'Dense']);
    expect(encodeLayers(last())).toBe('c32k3-max2-flat-d128relu-d10softmax');
    // The dense layer after Flatten now sees 13×13×32 numbers instead of 5×5×32.
    const after = Number(total()!.replace(/,/g, ''));
    expect(after).toBe(320 + (13 * 13 * 32 * 128 + 128) + 1290);
    expect(after).toBeGreaterThan(before);
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Remove layer 3 (flatten)');
    expect(root.querySelector('[aria-live="polite"]')?.textContent).toBe('Removed layer 3 (max pool 2×2).');
  });

  it('moves a layer up and down, focus staying on the moved layer', () => {
    show();
    click('Move layer 2 up');
    expect(titles().slice(0, 2)).toEqual(['Max pool', 'Convolution']);
    expect(encodeLayers(last())).toBe('max2-c32k3-c32k3-max2-flat-d128relu-d10softmax');
    // At the top "up" is disabled, so focus goes to the same layer's "down".
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Move layer 1 down');
    click('Move layer 1 down');
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Move layer 2 down');
    click('Move layer 2 down');
    expect(titles().slice(0, 3)).toEqual(['Convolution', 'Convolution', 'Max pool']);
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Move layer 3 down');
  });

  it('keeps what the reader typed in a row when the row moves', () => {
    show();
    type(field(6, 'Units'), '6');
    type(field(6, 'Units'), '6.');
    expect(field(6, 'Units').value).toBe('6.');
    click('Move layer 6 up');
    expect(titles()[4]).toBe('Dense');
    expect(field(5, 'Units').value).toBe('6.');
  });

  it('adds blocks where they belong, with defaults, focusing the new row', () => {
    show();
    click('Add conv layer');
    expect(titles()).toEqual(['Convolution', 'Max pool', 'Convolution', 'Max pool', 'Convolution', 'Flatten', 'Dense', 'Dense']);
    expect(document.activeElement).toBe(field(5, 'Filters'));
    click('Add dropout layer');
    click('Add dense layer');
    click('Add avg pool layer');
    expect(encodeLayers(last())).toBe('c32k3-max2-c32k3-max2-c32k3-avg2-flat-d128relu-drop0.25-d32relu-d10softmax');
    click('Add flatten layer');
    expect(last()[6]).toEqual({ type: 'flatten' });
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Remove layer 7 (flatten)');
  });

  it('shows a pool that does not fit on its row, and the table stops there', () => {
    show();
    type(field(4, 'Pool size'), '12');
    expect(last()[3]).toEqual({ type: 'maxPooling2d', pool: 12, padding: 'valid' });
    const message = 'layer 4 (maxPooling2d): a 12×12 pool does not fit a 11×11 input';
    expect(rowProblems(4)).toEqual([message]);
    expect(rows()[3].className).toContain('lc-layer--invalid');
    expect(rows().filter((r) => r.className.includes('invalid'))).toHaveLength(1);
    expect(root.querySelector('.lc-params__error')?.textContent).toContain(message);
    type(field(4, 'Pool size'), '2');
    expect(rowProblems(4)).toEqual([]);
  });

  it('keeps invalid text in its field with the spec’s message beside it, and reads sizes like 3x5', () => {
    show();
    type(field(3, 'Filters'), '3a');
    expect(field(3, 'Filters').value).toBe('3a');
    expect(field(3, 'Filters').getAttribute('aria-invalid')).toBe('true');
    expect(rowProblems(3)).toEqual(['filters must be a whole number ≥ 1 and ≤ 1024, got "3a"']);
    expect(root.querySelector('.lc-figure__empty')?.textContent).toBe('Fix the marked layer to see the shapes and parameter counts.');
    type(field(3, 'Filters'), '16');
    type(field(1, 'Kernel'), '3x5');
    type(field(1, 'Padding'), 'same');
    type(field(2, 'Stride'), '1');
    expect(encodeLayers(last())).toBe('c32k3x5same-max2s1-c16k3-max2-flat-d128relu-d10softmax');
    expect(field(1, 'Kernel').value).toBe('3x5');
    type(field(2, 'Stride'), '');
    expect(last()[1]).toEqual({ type: 'maxPooling2d', pool: 2, padding: 'valid' });
  });

  it('says when the last layer cannot be an output, and when the stack is empty', () => {
    show();
    click('Remove layer 7 (dense 10 units)');
    expect(rowProblems(6)).toEqual(['a 10-class task needs 10 output units; end the model with dense(10)']);
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Remove layer 6 (dense 128 units)');
    for (let n = 6; n >= 1; n--) act(() => (document.activeElement as HTMLButtonElement).click());
    expect(rows()).toHaveLength(0);
    expect(root.querySelector('.lc-layers__problems')?.textContent).toBe('a model needs at least one layer');
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Add conv layer');
  });

  it('edits text from an older link in the compact form until it reads as a stack', () => {
    show('c8k3-oops');
    const input = root.querySelector('input')!;
    expect(input.value).toBe('c8k3-oops');
    type(input, 'c8k3-max2-flat-d10softmax');
    expect(rows()).toHaveLength(4);
  });

  it('two edits before the page re-renders build on each other: the second keeps the first', () => {
    show();
    const kernel = field(1, 'Kernel') as HTMLInputElement;
    const padding = field(1, 'Padding') as HTMLSelectElement;
    // Both events in one act: the editor has not rendered the kernel change when the padding changes (a slow page).
    act(() => {
      kernel.value = '3x5';
      kernel.dispatchEvent(new Event('input', { bubbles: true }));
      padding.value = 'same';
      padding.dispatchEvent(new Event('change', { bubbles: true }));
    });
    const last = emitted[emitted.length - 1] as LayerInput[];
    expect(last[0]).toMatchObject({ kernel: [3, 5], padding: 'same' });
  });
});
