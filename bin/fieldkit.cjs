#!/usr/bin/env node
'use strict';
// Thin launcher: the CLI itself is bundled by `npm run build` into out/cli.
const path = require('node:path');
const fs = require('node:fs');
const built = path.join(__dirname, '..', 'out', 'cli', 'fieldkit.cjs');
if (!fs.existsSync(built)) {
  process.stderr.write('fieldkit: the command line tool is not built yet.\n  → Run "npm run build" (or "npm run build:cli") in the FieldKit folder first.\n');
  process.exit(1);
}
require(built);
