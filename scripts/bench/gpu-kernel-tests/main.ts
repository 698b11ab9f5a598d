/**
 * The WebGPU kernel tests (tests/unit/kernels), each checking a kernel against tfjs on the CPU, run on whatever GPU
 * the machine has: `node kernels.mjs` in the folder pack-gpu.mjs writes. Prints PASS/FAIL per test; exits 1 on a failure.
 */
import { runAll } from './vitest-shim';
import '../../../tests/unit/kernels/bias-relu.test';
import '../../../tests/unit/kernels/bias-relu-pool.test';
import '../../../tests/unit/kernels/conv-forward.test';
import '../../../tests/unit/kernels/conv-filter-grad.test';
import '../../../tests/unit/kernels/max-pool-grad.test';
import '../../../tests/unit/kernels/softmax-xent.test';
import '../../../tests/unit/kernels/adam.test';
import '../../../tests/unit/kernels/divergence-watch.test';
process.exitCode = (await runAll()) ? 1 : 0;
