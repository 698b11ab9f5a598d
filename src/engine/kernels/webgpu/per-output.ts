/**
 * The shape of most of the engine's WebGPU programs: one thread per element of the output (a flat dispatch over
 * it, 64 threads a workgroup), a bounds check, then a WGSL body that works out and writes that one element with
 * `setOutputAtIndex(index, …)`. tfjs compiles each program once and caches it by `shaderKey`, so each body
 * needs its own key.
 */
const WORKGROUP = 64;

export class PerOutputProgram {
  size = true;
  workgroupSize: [number, number, number] = [WORKGROUP, 1, 1];
  dispatchLayout: { x: number[] };
  dispatch: [number, number, number];
  constructor(
    readonly outputShape: number[],
    readonly variableNames: string[],
    readonly shaderKey: string,
    /** WGSL uniform fields the body reads as `uniforms.<name>`, e.g. 'channels : i32,'. */
    readonly uniforms: string,
    private readonly body: string,
  ) {
    this.dispatchLayout = { x: outputShape.map((_, i) => i) };
    this.dispatch = [Math.ceil(outputShape.reduce((a, b) => a * b, 1) / WORKGROUP), 1, 1];
  }

  getUserCode(): string {
    return `
    fn main(index : i32) {
      if (index >= uniforms.size) { return; }
      ${this.body}
    }`;
  }
}
