/**
 * What the backend badge says when the reader opens it: where their runs are computed and why, in plain words
 * (the engine's reason, "CPU, because this model is tiny (3.4 million multiply-adds per step) …", is kept as a
 * detail for the curious).
 */
import type { BackendInfo } from '../../engine/backend';

/** The badge's short label: "WebGPU", "WebGL" or "CPU". */
export function backendLabel(info: Pick<BackendInfo, 'name'>): string {
  return info.name === 'webgpu' ? 'WebGPU' : info.name === 'webgl' ? 'WebGL' : 'CPU';
}

const LOCAL = 'Your runs are computed in your browser; nothing about them leaves it.';

/** The note: sentences in plain language, then the technical detail (the engine's reason and the device). */
export function backendNote(info: BackendInfo): { sentences: string[]; detail: string } {
  const sentences: string[] = [];
  if (info.name === 'webgpu') {
    sentences.push(
      info.fallbackAdapter
        ? 'Training runs through WebGPU, but your browser offers only a software imitation of a graphics chip here, so it is slow.'
        : 'Training runs on this device’s graphics chip (GPU), through WebGPU, the newest way for a web page to use it.',
    );
  } else if (info.name === 'webgl') {
    sentences.push('Training runs on this device’s graphics chip (GPU), through WebGL.');
    if (/WebGPU/.test(info.reason)) sentences.push('WebGPU, the newer way to reach the graphics chip, could not be used in this browser.');
  } else if (/model is tiny/.test(info.reason)) {
    sentences.push(
      'Training runs on this device’s main processor (CPU), not its graphics chip: this network is so small that the processor is faster. A graphics chip takes a fixed time to start every step, longer than the whole step takes this network on the processor.',
    );
  } else if (/as requested/.test(info.reason)) {
    sentences.push('Training runs on this device’s main processor (CPU), because the page’s address asks for it (backend=cpu).');
  } else {
    sentences.push(
      'Training runs on this device’s main processor (CPU), because no graphics chip could be used in this browser. It works, only more slowly.',
    );
  }
  sentences.push(LOCAL);
  const device = info.name === 'cpu' ? '' : `; device: ${info.adapter}`;
  return { sentences, detail: `${info.reason}${device}.` };
}
