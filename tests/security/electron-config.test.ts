import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * Static scan of the Electron shell (electron/main, electron/preload) and the panel (renderer)
 * against Electron's security checklist. Files are read as text and reduced to their code
 * tokens (comments dropped, so a comment saying "never sandbox: false" does not trip it), then
 * matched against rules. Behaviour of the guard modules is unit-tested in tests/unit/electron/main.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function filesUnder(dir: string, extensions: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (path: string): void => {
    for (const name of readdirSync(path)) {
      const full = join(path, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (extensions.some((extension) => name.endsWith(extension))) out.push(full);
    }
  };
  walk(join(ROOT, dir));
  return out;
}

/** The file's tokens joined by single spaces: code only, comments and layout gone. */
function codeOf(text: string): string {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, text);
  const tokens: string[] = [];
  // Which `}` closes a `${` of a template literal, so the template's text is read as one token.
  const braces: Array<'block' | 'template'> = [];
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    if (kind === ts.SyntaxKind.OpenBraceToken) braces.push('block');
    else if (kind === ts.SyntaxKind.TemplateHead) braces.push('template');
    else if (kind === ts.SyntaxKind.CloseBraceToken) {
      if (braces.at(-1) === 'template') {
        if (scanner.reScanTemplateToken(false) === ts.SyntaxKind.TemplateTail) braces.pop();
      } else braces.pop();
    }
    tokens.push(scanner.getTokenText());
  }
  return tokens.join(' ');
}

interface Source {
  readonly path: string;
  readonly code: string;
}

const shell: Source[] = [
  ...filesUnder('electron/main', ['.ts']),
  ...filesUnder('electron/preload', ['.ts']),
].map((file) => ({
  path: relative(ROOT, file).split('\\').join('/'),
  code: codeOf(readFileSync(file, 'utf8')),
}));

interface Rule {
  readonly name: string;
  readonly pattern: RegExp;
  /** Files where the pattern is the point (the one wrapper allowed to do it). */
  readonly allowedIn?: readonly string[];
}

const FORBIDDEN: Rule[] = [
  {
    name: 'nodeIntegration: true',
    pattern: /\bnodeIntegration(InWorker|InSubFrames)?\s*:\s*(?![\s]|false\b)/,
  },
  { name: 'contextIsolation: false', pattern: /\bcontextIsolation\s*:\s*(?![\s]|true\b)/ },
  { name: 'sandbox: false', pattern: /\bsandbox\s*:\s*(?![\s]|true\b)/ },
  { name: 'webSecurity: false', pattern: /\bwebSecurity\s*:\s*(?![\s]|true\b)/ },
  {
    name: 'allowRunningInsecureContent',
    pattern: /\ballowRunningInsecureContent\s*:\s*(?![\s]|false\b)/,
  },
  { name: 'experimentalFeatures', pattern: /\bexperimentalFeatures\s*:\s*(?![\s]|false\b)/ },
  { name: 'enableBlinkFeatures', pattern: /\benableBlinkFeatures\b/ },
  { name: 'webviewTag: true', pattern: /\bwebviewTag\s*:\s*(?![\s]|false\b)/ },
  { name: '@electron/remote', pattern: /['"`]@electron\/remote['"`]|\benableRemoteModule\b/ },
  {
    name: 'shell.openExternal outside the allowlist module',
    pattern: /\bopenExternal\s*\(/,
    allowedIn: ['electron/main/security/external-urls.ts'],
  },
  {
    name: 'ipcMain outside electron/main/ipc.ts',
    pattern: /\bipcMain\s*\./,
    allowedIn: ['electron/main/ipc.ts'],
  },
  { name: 'executeJavaScript', pattern: /\bexecuteJavaScript\s*\(/ },
  {
    name: 'loadURL of a web page',
    pattern: /\bloadURL\s*\(\s*['"`]\s*(https?|file|data|javascript):/i,
  },
  {
    name: 'certificate errors accepted',
    pattern: /['"`]certificate-error['"`]|\bsetCertificateVerifyProc\b|ignore-certificate-errors/,
  },
  { name: 'web permissions granted', pattern: /\bcallback\s*\(\s*true\s*\)/ },
  {
    name: 'insecure command-line switches',
    pattern:
      /appendSwitch\s*\(\s*['"`](disable-web-security|no-sandbox|ignore-certificate-errors|allow-running-insecure-content)/,
  },
];

/**
 * Findings known to be in files this suite may not change, each naming the fix. The rule's
 * test is `it.fails` while listed: once the shell is fixed, it starts failing here as a
 * reminder to drop the entry.
 */
const KNOWN: Record<string, string> = {};

describe('static scan of the Electron shell', () => {
  it('catches what each rule is for, and not what comments or strings say', () => {
    const hits = (text: string): string[] =>
      FORBIDDEN.filter((rule) => rule.pattern.test(codeOf(text))).map((rule) => rule.name);
    expect(
      hits('new BrowserWindow({ webPreferences: { sandbox: false, contextIsolation: false } })'),
    ).toEqual(['contextIsolation: false', 'sandbox: false']);
    expect(hits('const o = {\n  nodeIntegration:\n    true }')).toEqual(['nodeIntegration: true']);
    expect(hits('const o = { webviewTag: enable, webSecurity: !strict }')).toEqual([
      'webSecurity: false',
      'webviewTag: true',
    ]);
    expect(hits('const t = `${a}`; win.webContents.executeJavaScript(`go(${b})`)')).toEqual([
      'executeJavaScript',
    ]);
    expect(hits("import { ipcMain } from 'electron'; ipcMain.on('x', f)")).toEqual([
      'ipcMain outside electron/main/ipc.ts',
    ]);
    expect(hits("win.loadURL('https://example.com')")).toEqual(['loadURL of a web page']);
    expect(
      hits(
        '// sandbox: false and nodeIntegration: true, never\n/* executeJavaScript( */ const ok = { sandbox: true, nodeIntegration: false }',
      ),
    ).toEqual([]);
  });

  it('reads the shell sources', () => {
    expect(shell.map((source) => source.path)).toEqual(
      expect.arrayContaining([
        'electron/main/main.ts',
        'electron/main/window.ts',
        'electron/main/ipc.ts',
        'electron/preload/preload.ts',
      ]),
    );
  });

  for (const rule of FORBIDDEN) {
    const test = KNOWN[rule.name] ? it.fails : it;
    test(`never uses ${rule.name}${KNOWN[rule.name] ? ` (known: ${KNOWN[rule.name]})` : ''}`, () => {
      const offenders = shell
        .filter(
          (source) =>
            !(rule.allowedIn ?? []).includes(source.path) && rule.pattern.test(source.code),
        )
        .map((source) => source.path);
      expect(offenders).toEqual([]);
    });
  }

  const composition = shell.find((source) => source.path === 'electron/main/main.ts')?.code ?? '';
  const everywhere = shell.map((source) => source.code).join('\n');

  // The composition root switches each guard on (a setupX call); the modules hold the wiring.
  it.each([
    [
      'the window is built with the hardened options',
      /\bnew\s+PanelWindow\s*\(/,
      [/\bpanelWindowOptions\s*\(/],
    ],
    [
      'hardened web preferences',
      /\bPanelWindow\b/,
      [
        /\bcontextIsolation\s*:\s*true\b[\s\S]*\bsandbox\s*:\s*true\b[\s\S]*\bnodeIntegration\s*:\s*false\b/,
      ],
    ],
    [
      'a permission request handler',
      /\bsetupSecurity\s*\(\s*app\s*,\s*session\s*\.\s*defaultSession/,
      [/\bdenyAllPermissions\s*\(\s*session\b/, /\bsetPermissionRequestHandler\s*\(/],
    ],
    [
      'a will-navigate guard on every web contents',
      /\bsetupSecurity\s*\(\s*app\b/,
      [
        /['"`]web-contents-created['"`]\s*,[^;]*\bguardNavigation\s*\(/,
        /['"`]will-navigate['"`]\s*,[^;]*\bpreventDefault\s*\(/,
      ],
    ],
    [
      'a window-open handler',
      /\bsetupSecurity\s*\(/,
      [/\bguardNavigation\b/, /\bsetWindowOpenHandler\s*\(\s*\(\s*\)\s*=>\s*\{[^}]*['"`]deny['"`]/],
    ],
    [
      'IPC through the sender-checking wrapper',
      /\bsetupIpc\s*\(\s*service\b/,
      [
        /\bregister(?:Ipc)?\s*\(\s*\{\s*isTrusted\s*:[^}]*\bisTrustedSender\s*\(/,
        /\bisTrusted\s*\(\s*event\s*\)/,
        /=\s*registerIpc\b/,
      ],
    ],
    [
      'the panel served with a CSP header',
      /\bsetupPanelProtocol\s*\(\s*protocol\s*,\s*\{[^}]*\bcsp\s*:/,
      [
        /\bbuildCsp\s*\(/,
        /\bcreatePanelProtocolHandler\s*\(/,
        /['"`]Content-Security-Policy['"`]\s*:/,
      ],
    ],
    [
      'openExternal only through the allowlisted opener',
      /\bcreateExternalOpener\s*\(\s*shell\b/,
      [/\bisAllowedExternalUrl\s*\(/],
    ],
  ] as const)('wires %s', (_what, inComposition, inModules) => {
    expect(composition).toMatch(inComposition);
    for (const pattern of inModules) expect(everywhere).toMatch(pattern);
  });

  it('the preload exposes only the bridge, never ipcRenderer itself', () => {
    const preload = shell.filter((source) => source.path.startsWith('electron/preload/'));
    const exposed = preload.flatMap((source) =>
      [...source.code.matchAll(/exposeInMainWorld\s*\(([^;]*)\)/g)].map((match) => match[1]!),
    );
    expect(exposed.length).toBeGreaterThan(0);
    for (const argument of exposed) {
      const value = argument.slice(argument.indexOf(',') + 1).trim();
      expect(value).not.toBe('ipcRenderer');
      expect(value).not.toMatch(/\{[^}]*\bipcRenderer\b/);
    }
  });
});

describe('static scan of the panel', () => {
  const panel = filesUnder('renderer/src', ['.ts', '.svelte']).map((file) => ({
    path: relative(ROOT, file),
    text: readFileSync(file, 'utf8'),
  }));

  it('never turns text into markup or code', () => {
    expect(panel.length).toBeGreaterThan(5);
    const sinks =
      /\{@html\b|\.innerHTML\s*=|\.outerHTML\s*=|insertAdjacentHTML\s*\(|document\.write\s*\(|\beval\s*\(|new\s+Function\s*\(|\bsrcdoc\b/;
    expect(panel.filter((file) => sinks.test(file.text)).map((file) => file.path)).toEqual([]);
  });

  it('ships a CSP meta tag without unsafe sources', () => {
    const html = readFileSync(join(ROOT, 'renderer/index.html'), 'utf8');
    const csp = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(csp).toMatch(/default-src 'none'/);
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).toMatch(/base-uri 'none'/);
    expect(csp).not.toMatch(
      /unsafe-inline|unsafe-eval|(^|\s)\*(\s|;|$)|script-src[^;]*(https?:|data:|blob:)/,
    );
  });
});
