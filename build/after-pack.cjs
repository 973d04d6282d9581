// @ts-check
/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS on purpose: electron-builder require()s its hooks. */
/**
 * electron-builder afterPack hook: flips the fuses in the packed Electron binary before it is
 * signed and wrapped into AppImage / deb / NSIS / dmg.
 */
const path = require('node:path');
const { flipFuses } = require('@electron/fuses');
const { fuseConfig } = require('./fuses.cjs');

/** The Electron executable inside the unpacked app directory, per platform. */
function electronBinary(
  /** @type {{ appOutDir: string, electronPlatformName: string, packager: { appInfo: { productFilename: string }, executableName?: string } }} */ context,
) {
  const { appOutDir, electronPlatformName, packager } = context;
  const name = packager.appInfo.productFilename;
  switch (electronPlatformName) {
    case 'darwin':
    case 'mas':
      return path.join(appOutDir, `${name}.app`);
    case 'win32':
      return path.join(appOutDir, `${name}.exe`);
    default:
      // LinuxPackager exposes the configured linux.executableName.
      return path.join(appOutDir, packager.executableName ?? name);
  }
}

/** @param {any} context */
async function afterPack(context) {
  const binary = electronBinary(context);
  await flipFuses(binary, {
    ...fuseConfig,
    // Re-sign ad hoc on Apple Silicon after the binary changed (real signing happens later).
    resetAdHocDarwinSignature:
      context.electronPlatformName === 'darwin' && context.arch === 3 /* Arch.arm64 */,
  });
}

module.exports = afterPack;
module.exports.default = afterPack;
module.exports.electronBinary = electronBinary;
