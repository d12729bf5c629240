import { execFileSync } from 'node:child_process';

function which(binary: string): string | null {
  try {
    return execFileSync('which', [binary], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

/**
 * The path of a native tool outside the pipeline proper (the service's private redis-server, the
 * tests' and the bench's tools), installed with apt-get on first use when missing and we are root,
 * as in CI. Returns null, having said why through `say`, where it cannot be had.
 */
export function debianBinary(binary: string, debianPackage: string, say: (message: string) => void): string | null {
  const found = which(binary);
  if (found) return found;
  if (process.getuid?.() !== 0) {
    say(`${binary}: not installed and not root; \`apt-get install ${debianPackage}\` to run this`);
    return null;
  }
  say(`${binary}: not installed; installing Debian package ${debianPackage} (apt-get) …`);
  // Another apt-get may hold the lock for a while (unattended upgrades, a parallel job): wait for it.
  const install = `apt-get -o DPkg::Lock::Timeout=120 install -y ${debianPackage} >/dev/null 2>&1`;
  try {
    // Non-interactive: a package asking a debconf question would otherwise wait for an answer no one gives.
    execFileSync('sh', ['-c', `${install} || (apt-get update >/dev/null 2>&1 && ${install})`], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  } catch {
    say(`${binary}: apt-get install ${debianPackage} failed`);
  }
  return which(binary);
}
