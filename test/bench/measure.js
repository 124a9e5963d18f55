// Runs one command as a child process and measures its wall time and peak resident memory.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { performance } from 'node:perf_hooks';
import { join } from 'node:path';

const GNU_TIME = '/usr/bin/time';

/** How peak memory is measured here: GNU time's %M where present, else sampling /proc. */
const gnuTime = hasGnuTime();
export const rssMethod = gnuTime
  ? 'peak RSS from `/usr/bin/time -f %M` (the child\'s maxrss)'
  : 'peak RSS by sampling VmHWM in /proc/<pid>/status every 2 ms (may miss a final rise)';

function hasGnuTime() {
  if (!existsSync(GNU_TIME)) return false;
  const probe = spawnSync(GNU_TIME, ['-f', '%M', 'true'], { encoding: 'utf8' });
  return probe.status === 0 && /^\d+\s*$/.test(probe.stderr.trim().split('\n').at(-1) ?? '');
}

const devNull = openSync('/dev/null', 'w');
process.on('exit', () => closeSync(devNull));

/**
 * Wall time of one run in milliseconds. Output goes to /dev/null so that only the command's own work
 * is timed; no wrapper sits between this process and the command.
 */
export function timeRun({ command, args, cwd }) {
  const start = performance.now();
  const result = spawnSync(command, args, { cwd, stdio: ['ignore', devNull, devNull] });
  const ms = performance.now() - start;
  if (result.error) throw result.error;
  return { ms, status: result.status };
}

/** Peak RSS of one run in KiB, with the exit status and (when asked) the output. */
export async function memoryRun({ command, args, cwd }, capture = false) {
  if (gnuTime) {
    const dir = mkdtempSync(join(tmpdir(), 'bench-time-'));
    const file = join(dir, 'rss');
    const result = spawnSync(GNU_TIME, ['-f', '%M', '-o', file, command, ...args], {
      cwd,
      encoding: 'utf8',
      maxBuffer: 1024 * 1024 * 1024,
      stdio: ['ignore', capture ? 'pipe' : devNull, devNull],
    });
    const kib = Number(readFileSync(file, 'utf8').trim().split('\n').at(-1));
    rmSync(dir, { recursive: true, force: true });
    return { kib, status: result.status, stdout: result.stdout ?? '' };
  }
  return sampleProc({ command, args, cwd }, capture);
}

function sampleProc({ command, args, cwd }, capture) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', capture ? 'pipe' : devNull, devNull] });
    let kib = 0;
    let stdout = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk) => (stdout += chunk));
    const sample = () => {
      try {
        const match = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (match) kib = Math.max(kib, Number(match[1]));
      } catch {
        // The child has just exited.
      }
    };
    const timer = setInterval(sample, 2);
    child.on('error', reject);
    child.on('close', (status) => {
      clearInterval(timer);
      resolve({ kib, status, stdout });
    });
  });
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
