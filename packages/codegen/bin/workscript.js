#!/usr/bin/env node
// The `workscript` command; see packages/codegen/README.md.
import process from 'node:process';
import { main } from '../dist/cli.js';

process.exitCode = await main(process.argv.slice(2));
