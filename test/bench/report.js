// Prints the benchmark as Markdown: one table of medians, then the targets as ratios of that run.
import { cpus, totalmem } from 'node:os';

export function machineLine() {
  const cpu = cpus();
  return `${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${cpu.length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${process.platform}`;
}

const ms = (value) => (value === undefined ? 'n/a' : value < 100 ? value.toFixed(1) : value.toFixed(0));
const ratio = (a, b) => (a === undefined || b === undefined ? undefined : a / b);
const x = (value) => (value === undefined ? '–' : `${value.toFixed(2)}x`);

export function printReport(results, { machine, rssMethod, seconds, validOnly = false, large = [] }) {
  const out = [];
  out.push(`Machine: ${machine}`, '');
  if (validOnly) out.push('Every file valid (--valid-only): the targets are set for the usual mix, about 10% broken.', '');
  out.push('| files | command | median ms | peak RSS MiB | c/a | c/b | c/d |', '|---:|---|---:|---:|---:|---:|---:|');
  for (const { size, cases } of results) {
    const by = Object.fromEntries(cases.map((item) => [item.id, item]));
    for (const item of cases) {
      const isC = item.id === 'c';
      const cells = isC
        ? [x(ratio(by.c.median, by.a?.median)), x(ratio(by.c.median, by.b?.median)), x(ratio(by.c.median, by.d?.median))]
        : ['', '', ''];
      const label = ['a', 'b', 'c', 'd'].includes(item.id) ? `(${item.id}) ${item.name}` : item.name;
      out.push(`| ${size.toLocaleString('en-US')} | ${label} | ${ms(item.median)} | ${item.rssMiB.toFixed(0)} | ${cells.join(' | ')} |`);
    }
  }
  out.push('', `Runs per command (after one warm-up): ${results.map((r) => `${r.size.toLocaleString('en-US')}: ${r.runs}`).join(', ')}. Memory: ${rssMethod}.`);
  out.push('ajv-cli stops at the first file that is not JSON, so (d) is given the same folder without the syntax-error files.');
  if (large.length > 0) {
    out.push('', 'Single large files (`validate <file>`, text format):', '');
    out.push('| file | MiB | median ms | peak RSS MiB |', '|---|---:|---:|---:|');
    for (const file of large) out.push(`| ${file.name} | ${file.mib.toFixed(1)} | ${ms(file.median)} | ${file.rssMiB.toFixed(0)} |`);
  }
  out.push('', 'Targets:', '');
  const largeTargets = large.map((file) => [`${file.name}: median ms`, file.median, 1000]);
  for (const [text, value, limit] of [...targets(results), ...largeTargets]) {
    const verdict = value === undefined ? 'not measured' : value <= limit ? 'met' : 'MISSED';
    out.push(`- ${text}: ${value === undefined ? 'n/a' : value.toFixed(2)} (<= ${limit}) ${verdict}`);
  }
  out.push('', `Total bench time: ${seconds.toFixed(0)} s.`);
  process.stdout.write(`${out.join('\n')}\n`);
}

function targets(results) {
  const find = (size, id) => results.find((r) => r.size === size)?.cases.find((item) => item.id === id);
  const m = (size, id) => find(size, id)?.median;
  return [
    ['1 file: c / a', ratio(m(1, 'c'), m(1, 'a')), 1.3],
    ['--version / a', ratio(m(1, 'version'), m(1, 'a')), 1.2],
    ['--help / a', ratio(m(1, 'help'), m(1, 'a')), 1.2],
    ['10,000 files: c / b', ratio(m(10000, 'c'), m(10000, 'b')), 1.25],
    ['100,000 files: c(100k) / c(10k)', ratio(m(100000, 'c'), m(10000, 'c')), 11],
    ['100,000 files: peak RSS of c, MiB', find(100000, 'c')?.rssMiB, 150],
    ['10,000 files: --format json / text', ratio(m(10000, 'json'), m(10000, 'c')), 1.1],
  ];
}
