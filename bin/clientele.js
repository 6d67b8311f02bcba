#!/usr/bin/env node
// Runs the TypeScript sources directly (tsx), so `npx clientele` works from a fresh clone without a build.
import { register } from 'tsx/esm/api';

register();
await import('../src/main/cli.ts');
