#!/usr/bin/env node
// Launcher: runs papermap's TypeScript CLI through tsx, so `npx papermap` works right after `npm ci` with no build.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../pipeline/cli.ts');
process.exitCode = await main(process.argv.slice(2));
