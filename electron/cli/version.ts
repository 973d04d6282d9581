/**
 * The package's version. build/build.js writes it into the bundle (esbuild `define`, from
 * package.json at build time), so the installed bin or an npx run never looks for a
 * package.json at run time. Unbundled (tests running the TypeScript), it is a dev marker.
 */
declare const __B24_PRESENCE_VERSION__: string | undefined;

export const VERSION: string =
  typeof __B24_PRESENCE_VERSION__ === 'string' ? __B24_PRESENCE_VERSION__ : '0.0.0-dev';
