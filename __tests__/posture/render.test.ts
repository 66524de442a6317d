import { describe, expect, it } from 'vitest';
import { type Finding, describeFinding, renderFindings } from '../../src/posture/index.js';

const http: Finding = {
  code: 'viewer-http-allowed',
  target: "cache behavior '/img/*'",
  message:
    'Viewer protocol policy is allow-all: CloudFront serves these requests over plain HTTP, where anyone on the network can read or change them.',
};
const vip: Finding = {
  code: 'vip-ssl-support',
  target: 'viewer certificate',
  message: 'SSL support method is vip: a | pipe\nand a newline.',
};

describe('renderFindings', () => {
  it('is empty when there is nothing to say', () => {
    expect(renderFindings([])).toBe('');
    expect(
      renderFindings([
        { id: 'E1', findings: [] },
        { id: 'E2', findings: [] },
      ]),
    ).toBe('');
  });

  it('renders one table row per finding, distributions in the order given', () => {
    expect(
      renderFindings([
        { id: 'E2ABCDEF', findings: [http, vip] },
        { id: 'E3CLEAN', findings: [] },
        { id: 'E1XYZ', findings: [{ ...http, target: 'default cache behavior' }] },
      ]),
    ).toBe(
      [
        '### HTTPS posture',
        '',
        '| Distribution | Where | Finding | What it means |',
        '|---|---|---|---|',
        "| `E2ABCDEF` | cache behavior '/img/*' | `viewer-http-allowed` | Viewer protocol policy is allow-all: CloudFront serves these requests over plain HTTP, where anyone on the network can read or change them. |",
        '| `E2ABCDEF` | viewer certificate | `vip-ssl-support` | SSL support method is vip: a \\| pipe and a newline. |',
        '| `E1XYZ` | default cache behavior | `viewer-http-allowed` | Viewer protocol policy is allow-all: CloudFront serves these requests over plain HTTP, where anyone on the network can read or change them. |',
        '',
      ].join('\n'),
    );
  });
});

describe('describeFinding', () => {
  it('is one line naming the distribution, the place, the reason and the code', () => {
    expect(describeFinding('E2ABCDEF', http)).toBe(
      "E2ABCDEF: cache behavior '/img/*': Viewer protocol policy is allow-all: CloudFront serves these requests over plain HTTP, where anyone on the network can read or change them. (viewer-http-allowed)",
    );
  });
});
