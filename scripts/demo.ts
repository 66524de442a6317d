// npm run demo: the whole action on this machine, with nothing to install beyond `npm ci`.
// Starts the sandbox (a local CloudFront, ACM, STS and GitHub OIDC), seeds two distributions
// (one the certificate covers, one it does not), generates a certificate chain, runs the committed
// dist/index.js exactly as the runner would, and prints the step's outputs and job summary.
import 'reflect-metadata';
import { runAction } from '../__tests__/support/action.js';
import { makeChain, makeLeaf } from '../__tests__/support/pki.js';
import { startSandbox } from '../sandbox/index.js';

const bold = (s: string): string => (process.stdout.isTTY ? `\x1b[1m${s}\x1b[0m` : s);

async function main(): Promise<void> {
  const sandbox = await startSandbox();
  try {
    console.log(`sandbox listening on ${sandbox.url}`);
    const chain = await makeChain({ leaf: { sans: ['example.com', '*.example.com'] } });
    const old = await makeLeaf(chain.intermediate, {
      sans: ['example.com', '*.example.com', 'shop.example.org'],
      notAfter: new Date(Date.now() + 7 * 86_400_000),
    });
    const oldArn = sandbox.importCertificate({
      certificate: old.pem,
      privateKey: old.keyPem,
      chain: chain.intermediate.pem,
    });
    const site = sandbox.createDistribution({
      aliases: ['example.com', 'www.example.com'],
      certificateArn: oldArn,
      comment: 'site',
    });
    const shop = sandbox.createDistribution({
      aliases: ['shop.example.org'],
      certificateArn: oldArn,
      comment: 'shop',
    });
    console.log(
      `seeded ${site.id} (example.com, www.example.com) and ${shop.id} (shop.example.org), both on a certificate that expires in 7 days`,
    );
    console.log(`running dist/index.js with a new certificate for example.com, *.example.com\n`);

    const role = 'arn:aws:iam::123456789012:role/cert-deploy';
    sandbox.addRole({ arn: role, trust: { aud: 'sts.amazonaws.com', sub: 'repo:octo/site:*' } });
    sandbox.setOidcSubject('repo:octo/site:ref:refs/heads/main');
    const run = await runAction(
      {
        'distribution-ids': `${site.id}, ${shop.id}`,
        certificate: chain.leaf.pem,
        'certificate-chain': chain.intermediate.pem,
        'private-key': chain.leaf.keyPem,
        'role-to-assume': role,
        'fail-on-skip': 'false',
      },
      {
        AWS_ENDPOINT_URL: sandbox.url,
        ACTIONS_ID_TOKEN_REQUEST_URL: sandbox.oidcTokenUrl,
        ACTIONS_ID_TOKEN_REQUEST_TOKEN: sandbox.oidcRequestToken,
      },
    );

    console.log(bold('── step log ──'));
    console.log(
      run.stdout
        .split('\n')
        .filter((l) => !l.startsWith('::add-mask::'))
        .join('\n')
        .trim(),
    );
    if (run.stderr.trim()) console.log(run.stderr.trim());
    console.log(`\n${bold('── outputs ──')}`);
    for (const [name, value] of Object.entries(run.outputs)) {
      console.log(`${name}: ${name === 'result' ? JSON.stringify(JSON.parse(value), null, 2) : value}`);
    }
    console.log(`\n${bold('── job summary ──')}\n${renderMarkdown(run.summary)}`);
    console.log(bold('── AWS calls the action made ──'));
    for (const r of sandbox.requests) {
      console.log(
        `${r.service.padEnd(10)} ${r.operation.padEnd(28)} ${String(r.status).padEnd(4)} ${r.target ?? ''}`,
      );
    }
    console.log(`\nexit code ${run.exitCode}`);
  } finally {
    await sandbox.close();
  }
}

/** Enough Markdown for a terminal: headings in bold, tables as aligned columns. */
function renderMarkdown(markdown: string): string {
  const out: string[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.startsWith('|')) {
      const rows: string[][] = [];
      for (; i < lines.length && (lines[i] ?? '').startsWith('|'); i++) {
        const cells = (lines[i] ?? '')
          .slice(1, -1)
          .split(/(?<!\\)\|/)
          .map((c) => c.trim().replace(/\\\|/g, '|').replace(/<br>/g, ', ').replace(/`/g, ''));
        if (!cells.every((c) => /^-+$/.test(c))) rows.push(cells);
      }
      i--;
      const widths = rows[0]!.map((_, col) =>
        Math.min(60, Math.max(...rows.map((r) => (r[col] ?? '').length))),
      );
      for (const row of rows) out.push('  ' + row.map((c, col) => c.padEnd(widths[col] ?? 0)).join('  '));
      continue;
    }
    if (line.startsWith('#')) out.push(bold(line.replace(/^#+\s*/, '')));
    else
      out.push(
        line
          .replace(/^> \[!(NOTE|WARNING)\]$/, '')
          .replace(/^> /, '  ')
          .replace(/`/g, ''),
      );
  }
  return out.join('\n');
}

await main();
