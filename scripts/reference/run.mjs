// `npm run reference -- <name>`: runs scripts/reference/<name>.ref.ts (slow, on purpose; never part of `npm test`),
// which writes src/reference/<name>.json. Commit the file it writes.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const name = process.argv[2];
const file = `scripts/reference/${name}.ref.ts`;
if (!name || !existsSync(file)) {
  console.error(
    `usage: npm run reference -- <name>, with scripts/reference/<name>.ref.ts (${name ? `${file} not found` : 'no name given'})`,
  );
  process.exit(2);
}
const run = spawnSync('npx', ['vitest', 'run', '-c', 'scripts/reference/vitest.config.ts', file], {
  stdio: 'inherit',
  shell: process.platform === 'win32',
});
process.exit(run.status ?? 1);
