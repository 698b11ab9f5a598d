/** A row of small example images to choose from, drawn on canvases (no per-pixel DOM). */
import { mapToRgba } from '../../../charts/featureMaps';

function draw(canvas: HTMLCanvasElement | null, pixels: Float32Array, offset: number) {
  const ctx = canvas?.getContext('2d');
  if (!ctx) return;
  const rgba = mapToRgba(pixels.subarray(offset, offset + 784), 28, 28, 1, 0, { kind: 'grey', min: 0, max: 1 });
  const image = ctx.createImageData(28, 28);
  image.data.set(rgba);
  ctx.putImageData(image, 0, 0);
}

export interface ThumbsProps {
  pixels: Float32Array;
  names: string[];
  selected: number;
  onSelect(i: number): void;
  label: string;
}

export function Thumbs({ pixels, names, selected, onSelect, label }: ThumbsProps) {
  return (
    <div class="lc-thumbs" role="group" aria-label={label}>
      {names.map((name, i) => (
        <button
          type="button"
          class="lc-thumb"
          aria-pressed={i === selected}
          aria-label={`Image ${i + 1}: ${name}`}
          title={name}
          onClick={() => onSelect(i)}
        >
          <canvas width={28} height={28} ref={(c) => draw(c, pixels, i * 784)} />
        </button>
      ))}
    </div>
  );
}
