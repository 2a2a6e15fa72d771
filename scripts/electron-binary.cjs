// Finds the installed Electron binary WITHOUT require('electron'): that
// require tries to download the binary when it is missing, and these
// machines must not reach out to the internet.
const fs = require('node:fs');
const path = require('node:path');

function installedElectronBinary(repo = path.resolve(__dirname, '..')) {
  const dir = path.join(repo, 'node_modules', 'electron');
  const pathFile = path.join(dir, 'path.txt');
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    const p = path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH, 'electron');
    return fs.existsSync(p) ? p : undefined;
  }
  if (!fs.existsSync(pathFile)) return undefined;
  const p = path.join(dir, 'dist', fs.readFileSync(pathFile, 'utf8').trim());
  return fs.existsSync(p) ? p : undefined;
}

module.exports = { installedElectronBinary };
