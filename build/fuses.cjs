// @ts-check
/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS on purpose: electron-builder require()s its hooks. */
/**
 * Electron fuses flipped into the packaged binary (see after-pack.cjs). Off: ways to run the
 * app's binary as a plain Node or to inject code into it (ELECTRON_RUN_AS_NODE, --inspect,
 * NODE_OPTIONS). On: load only the app.asar, verify its embedded integrity hash, encrypt cookies.
 */
const { FuseV1Options, FuseVersion } = require('@electron/fuses');

/** @type {import('@electron/fuses').FuseV1Config} */
const fuseConfig = {
  version: FuseVersion.V1,
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.EnableCookieEncryption]: true,
  // The panel uses app://, never file://.
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
};

module.exports = { fuseConfig };
