// Makes sure a Chromium exists before the end-to-end tests: the one already on the machine, else
// Debian's package when we are root on Debian, else Playwright's own download (a laptop).
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { findChromium } from './chromium';

function run(command: string, args: string[]) {
  const result = spawnSync(command, args, { stdio: 'inherit' });
  return result.status === 0;
}

if (findChromium()) process.exit(0);

const root = typeof process.getuid === 'function' && process.getuid() === 0;
if (root && existsSync('/etc/debian_version')) {
  console.log("No Chromium found: installing Debian's chromium package.");
  run('apt-get', ['update', '-qq']);
  run('apt-get', ['install', '-y', '-qq', 'chromium']);
} else {
  console.log('No Chromium found: asking Playwright to install its own.');
  run('npx', ['playwright', 'install', 'chromium']);
}

if (!findChromium()) {
  console.error(
    'No Chromium could be found or installed: install Chromium (or set CHROMIUM_PATH to one) and run the tests again.',
  );
  process.exit(1);
}
