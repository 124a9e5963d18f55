#!/usr/bin/env node
// Thin shim: the built entry point does the work and says which exit code to use.
import { runFromProcess } from '../dist/main.js';

process.exitCode = await runFromProcess();
