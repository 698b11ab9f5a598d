// `npm run test:full`: `npm test` with LC_FULL=1, which makes the browser suite train, hammer and audit every demo
// of the book at full size and open every hostile link (see tests/e2e/full.ts). Portable: no shell syntax.
import { spawnSync } from 'node:child_process';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const run = spawnSync(npm, ['test'], { stdio: 'inherit', env: { ...process.env, LC_FULL: '1' }, shell: process.platform === 'win32' });
process.exit(run.status ?? 1);
