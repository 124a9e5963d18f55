// Runs the CLI like bin/ does, then reports the process's peak resident memory on stderr.
import { runFromProcess } from '../../dist/main.js';

process.exitCode = await runFromProcess();
process.on('exit', () => process.stderr.write(`maxRSS ${process.resourceUsage().maxRSS}\n`));
