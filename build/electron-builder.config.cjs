// @ts-check
/**
 * Packaging for Linux (AppImage, deb), Windows (NSIS) and macOS (dmg).
 * Only the built app (dist/**) and package.json are packed, inside an asar archive; sources,
 * tests and build scripts stay out. The fuses are flipped in after-pack.cjs.
 */

/** @type {import('electron-builder').Configuration} */
const config = {
  appId: 'com.b24presence.desktop',
  productName: 'B24 Presence',
  copyright: 'Copyright © B24 Presence contributors',
  directories: { output: 'release', buildResources: 'build' },
  files: ['dist/**', 'package.json', '!dist/cli/**', '!dist/bench/**', '!**/*.map'],
  // Tray icons are read from disk at runtime (nativeImage), next to app.asar.
  extraResources: [{ from: 'build/tray', to: 'tray', filter: ['*.png'] }],
  asar: true,
  afterPack: './build/after-pack.cjs',
  icon: 'build/icon.png',
  linux: {
    target: ['AppImage', 'deb'],
    executableName: 'b24-presence',
    category: 'Network;InstantMessaging',
    icon: 'build/icons',
    synopsis: "Your Bitrix24 team's presence at a glance",
    maintainer: 'B24 Presence contributors <b24presence@users.noreply.github.com>',
  },
  // electron-builder's own dependency list is left as it is (setting `depends` replaces it, and
  // Electron would then install without GTK or NSS); the tray indicator library is recommended.
  deb: { recommends: ['libayatana-appindicator3-1 | libappindicator3-1'] },
  win: { target: ['nsis'], icon: 'build/icon.png' },
  nsis: {
    oneClick: false,
    perMachine: false,
    allowToChangeInstallationDirectory: true,
    createDesktopShortcut: true,
  },
  mac: {
    target: ['dmg'],
    category: 'public.app-category.productivity',
    icon: 'build/icon.png',
    hardenedRuntime: true,
  },
  dmg: { title: 'B24 Presence' },
};

module.exports = config;
