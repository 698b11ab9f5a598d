/** The backend badge's note (issue 27, item 10): plain words on where training runs, the engine's reason as detail. */
import { describe, expect, it } from 'vitest';
import { backendLabel, backendNote } from '../../../src/components/experiment/backendNote';
import { tinyModelBackend } from '../../../src/engine/backend-probe';
import { assertSpec } from '../../../src/engine/spec/parse';
import { lrPuzzle } from '../spec/fixtures';

const webgl = {
  name: 'webgl' as const,
  adapter: 'ANGLE (Google, SwiftShader)',
  fallbackAdapter: false,
  reason: 'WebGL, because no WebGPU adapter',
};

describe('backendNote', () => {
  it('explains the CPU for a tiny model without jargon, from the engine’s own reason', () => {
    const tiny = tinyModelBackend(assertSpec(lrPuzzle), webgl)!;
    expect(tiny.reason).toMatch(/multiply-adds/);
    const note = backendNote({ name: 'cpu', adapter: 'JavaScript', fallbackAdapter: false, reason: tiny.reason });
    expect(note.sentences[0]).toMatch(/main processor \(CPU\).*this network is so small that the processor is faster/);
    expect(note.sentences.join(' ')).not.toMatch(/multiply-adds|adapter|JavaScript/i);
    // The engine's words stay available as a detail, without "Adapter: JavaScript".
    expect(note.detail).toBe(`${tiny.reason}.`);
  });

  it('says which chip trains and why not WebGPU', () => {
    const note = backendNote(webgl);
    expect(note.sentences).toEqual([
      'Training runs on this device’s graphics chip (GPU), through WebGL.',
      'WebGPU, the newer way to reach the graphics chip, could not be used in this browser.',
      'Your runs are computed in your browser; nothing about them leaves it.',
    ]);
    expect(note.detail).toBe('WebGL, because no WebGPU adapter; device: ANGLE (Google, SwiftShader).');
    expect(
      backendNote({
        ...webgl,
        name: 'webgpu',
        fallbackAdapter: true,
        reason: 'WebGPU was requested; its adapter is a software fallback (slow)',
      }).sentences[0],
    ).toMatch(/software imitation/);
    expect(backendNote({ name: 'cpu', adapter: 'JavaScript', fallbackAdapter: false, reason: 'CPU, as requested' }).sentences[0]).toMatch(
      /address asks for it/,
    );
    expect(
      backendNote({ name: 'cpu', adapter: 'JavaScript', fallbackAdapter: false, reason: 'CPU, because WebGL is not available' })
        .sentences[0],
    ).toMatch(/no graphics chip could be used/);
    expect([backendLabel({ name: 'webgpu' }), backendLabel({ name: 'webgl' }), backendLabel({ name: 'cpu' })]).toEqual([
      'WebGPU',
      'WebGL',
      'CPU',
    ]);
  });
});
