import { describe, expect, it } from 'vitest';
import { terminalLine } from '../../../../electron/cli/error-line.js';

describe('terminalLine', () => {
  it('keeps the first line, without escape sequences, bells or bidi overrides', () => {
    expect(
      terminalLine('b24-presence: x \u001B]0;owned\u0007\u001B[2J\u009B1m\u202Ey\nstack'),
    ).toBe('b24-presence: x ]0;owned[2J1my\n');
  });

  it('redacts a secret before the cut and one that cleaning would join', () => {
    const secret = 'https://p.example/rest/1/s3cr3tc0de/';
    expect(terminalLine(`failed: ${'x'.repeat(1_990)} ${secret}`, [secret])).not.toContain(
      's3cr3t',
    );
    expect(
      terminalLine('failed: https://p.example/rest/1/s3cr3\u0007tc0de/', [secret]),
    ).not.toContain('s3cr3tc0de');
  });
});
