// `npm run bench`: times `validate` against the start-up floor, a read-and-parse floor and ajv-cli,
// on generated folders of 1 to 100,000 instance files, and checks the targets as ratios of one run.
//
//   npm run bench                      every size (about 3 minutes on 2 cores)
//   npm run bench -- --quick           1, 1,000 and 10,000 files, fewer runs
//   npm run bench -- --sizes 1,10000 --runs 5 --no-ajv
//   npm run bench -- --sizes 10000 --valid-only   no broken files: what the broken ones cost
//   npm run bench -- --no-large        without the two large single files (700,000 tags, 250,000 keys)
//   npm run bench -- --events-only     only events listen against a bare node:http server (--no-events: without it)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { benchEvents, printEventsReport } from './events.js';
import { generateInstances, SYNTAX_SUFFIX } from './generate.js';
import { writeLargeFiles } from './large-files.js';
import { memoryRun, median, rssMethod, timeRun } from './measure.js';
import { machineLine, printReport } from './report.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const { values: flags } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    sizes: { type: 'string' },
    runs: { type: 'string' },
    'no-ajv': { type: 'boolean', default: false },
    'valid-only': { type: 'boolean', default: false },
    'no-large': { type: 'boolean', default: false },
    'events-only': { type: 'boolean', default: false },
    'no-events': { type: 'boolean', default: false },
  },
});
const sizes = (flags.sizes ?? (flags.quick ? '1,1000,10000' : '1,1000,10000,100000')).split(',').map(Number);
/**
 * Timed runs per command after the warm-up: more where a run is short and noisy. At 10,000 files the
 * median of 7 runs still moved by 0.04 in c/b from one bench to the next on a busy 2-core machine;
 * 15 runs hold it to about half that.
 */
const runsFor = (size) => Number(flags.runs ?? (size <= 1 ? 21 : size <= 1000 ? 11 : size <= 10000 ? 15 : 3) / (flags.quick ? 2 : 1)) | 1;

const node = process.execPath;
const cli = join(root, 'bin/ecwid-instance.js');
const ajvCli = join(root, 'node_modules/ajv-cli/dist/index.js');
const schema = join(root, 'schemas/ecwid-instance.schema.json');

/** The commands timed on a folder of `size` files, by the row names the report uses. */
function casesFor(size, dir) {
  const cases = [
    { id: 'a', name: '`node -e 0`', args: ['-e', '0'] },
    { id: 'b', name: 'read + JSON.parse floor', args: [join(root, 'test/bench/read-floor.js'), dir] },
    { id: 'c', name: '`validate <dir>`', args: [cli, 'validate', dir], expect: 'summary' },
  ];
  if (size === 1) {
    cases.push({ id: 'version', name: '`--version`', args: [cli, '--version'] });
    cases.push({ id: 'help', name: '`--help`', args: [cli, '--help'] });
  }
  if (size === 10000) cases.push({ id: 'json', name: '`validate <dir> --format json`', args: [cli, 'validate', dir, '--format', 'json'] });
  if (!flags['no-ajv']) {
    // ajv-cli exits at the first file that is not JSON, so it is given the others.
    const glob = size === 1 ? `${dir}/*.json` : `${dir}/!(*${SYNTAX_SUFFIX.replace('.json', '')}).json`;
    cases.push({
      id: 'd',
      name: 'ajv-cli 5 + ajv-formats',
      args: [ajvCli, 'validate', '-s', schema, '-d', glob, '-c', 'ajv-formats', '--spec=draft7', '--strict=false', '--all-errors', '--errors=line'],
    });
  }
  return cases;
}

async function benchSize(size, base) {
  const dir = join(base, `n${size}`);
  const expected = generateInstances(dir, size, { broken: !flags['valid-only'] });
  const cases = casesFor(size, `n${size}`);
  const runs = runsFor(size);
  const kind = flags['valid-only'] ? ' (all valid)' : '';
  process.stderr.write(`${size} files${kind}: warm-up and peak memory, then ${runs} interleaved runs of ${cases.length} commands\n`);
  for (const item of cases) {
    const { kib, status, stdout } = await memoryRun({ command: node, args: item.args, cwd: base }, item.expect === 'summary');
    item.rssMiB = kib / 1024;
    item.status = status;
    if (item.expect === 'summary') checkSummary(stdout, expected, size);
    item.times = [];
  }
  // Interleaved, so that a slow moment of the machine touches every command alike.
  for (let run = 0; run < runs; run++) {
    for (const item of cases) item.times.push(timeRun({ command: node, args: item.args, cwd: base }).ms);
  }
  for (const item of cases) item.median = median(item.times);
  rmSync(dir, { recursive: true, force: true });
  return { size, runs, cases };
}

/** A fast wrong answer is no answer: the summary must count what the generator made. */
function checkSummary(stdout, expected, size) {
  const line = `${size} file${size === 1 ? '' : 's'} checked: ${expected.files - expected.invalid} valid, ${expected.invalid} invalid`;
  if (!stdout.includes(line)) throw new Error(`validate did not report "${line}"; it printed:\n${stdout.slice(-500)}`);
}

/** Runs per large file: each takes most of a second, and one file's time varies little. */
const LARGE_RUNS = 5;

/** `validate <file>` on each large file: the answer checked first, then the median of a few runs. */
async function benchLargeFiles(base) {
  const files = writeLargeFiles(base);
  process.stderr.write(`${files.length} large files: one checked run each, then ${LARGE_RUNS} runs\n`);
  for (const file of files) {
    const args = [cli, 'validate', file.path, '--no-color'];
    const { kib, stdout } = await memoryRun({ command: node, args, cwd: base }, true);
    if (!stdout.includes(file.summary)) throw new Error(`validate did not report "${file.summary}" for ${file.name}; it printed:\n${stdout.slice(-500)}`);
    file.rssMiB = kib / 1024;
    const times = [];
    for (let run = 0; run < LARGE_RUNS; run++) times.push(timeRun({ command: node, args, cwd: base }).ms);
    file.median = median(times);
    rmSync(file.path, { force: true });
  }
  return files;
}

if (!flags['events-only']) {
  const base = mkdtempSync(join(tmpdir(), 'ecwid-instance-bench-'));
  process.on('exit', () => rmSync(base, { recursive: true, force: true }));
  const started = performance.now();
  const results = [];
  for (const size of sizes) results.push(await benchSize(size, base));
  const large = flags['no-large'] ? [] : await benchLargeFiles(base);
  printReport(results, { machine: machineLine(), rssMethod, seconds: (performance.now() - started) / 1000, validOnly: flags['valid-only'], large });
}
if (!flags['no-events']) printEventsReport(await benchEvents({ rounds: flags.quick ? 3 : 5, seconds: flags.quick ? 3 : 5 }));
