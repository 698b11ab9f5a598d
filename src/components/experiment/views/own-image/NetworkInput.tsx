/** The 28 × 28 picture the network reads, drawn pixel for pixel (black 0 to white 1) and scaled up without smoothing. */
import { useEffect, useRef } from 'preact/hooks';
import { mapToRgba } from '../../../charts/featureMaps';
import { canDraw } from './Pad';

export function NetworkInput({ pixels }: { pixels: Float32Array | null }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const g = canDraw() ? canvas.current?.getContext('2d') : null;
    if (!g) return;
    const image = g.createImageData(28, 28);
    if (pixels) image.data.set(mapToRgba(pixels, 28, 28, 1, 0, { kind: 'grey', min: 0, max: 1 }));
    else for (let i = 3; i < image.data.length; i += 4) image.data[i] = 255;
    g.putImageData(image, 0, 0);
  }, [pixels]);
  let lit = 0;
  if (pixels) for (const v of pixels) if (v > 0) lit++;
  return (
    <figure class="lc-own__input">
      <canvas
        ref={canvas}
        width={28}
        height={28}
        role="img"
        data-lit={lit}
        aria-label={
          pixels ? `The 28×28 picture the network reads: ${lit} of 784 pixels lit.` : 'The 28×28 picture the network reads: empty so far.'
        }
      />
      <figcaption>What the network sees: 28×28 pixels</figcaption>
    </figure>
  );
}
