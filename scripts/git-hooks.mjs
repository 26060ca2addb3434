// Run by `prepare` (so by `npm ci` and `npm install`): points git at the tracked hooks in .githooks/
// (commit-msg checks a message's shape) when this folder is the top of a git work tree. Anywhere
// else (a tarball, a dependency inside another project's repository, a machine without git) it does
// nothing, and it never fails the install. A core.hooksPath the developer set is left alone.
import { execFileSync } from 'node:child_process';
import { realpathSync } from 'node:fs';

function git(...args) {
  return execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
}

try {
  const top = git('rev-parse', '--show-toplevel');
  if (realpathSync(top) === realpathSync(process.cwd())) {
    let current = '';
    try {
      current = git('config', '--get', 'core.hooksPath');
    } catch {
      // unset: git exits 1
    }
    if (current === '') git('config', 'core.hooksPath', '.githooks');
    else if (current !== '.githooks')
      console.warn(`git-hooks: core.hooksPath is ${current}; .githooks/commit-msg is not installed`);
  }
} catch {
  // Not a git work tree, or no git: nothing to install.
}
