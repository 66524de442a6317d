// Seeds a sandbox from a JSON file (`npm run sandbox -- --seed seed.json`):
// {
//   "certificates": [{ "name": "site", "certificateFile": "leaf.pem", "privateKeyFile": "key.pem", "chainFile": "chain.pem" }],
//   "distributions": [{ "id": "E1SANDBOX00001", "aliases": ["www.example.com"], "certificate": "site" }],
//   "roles": [{ "arn": "arn:aws:iam::123456789012:role/deploy", "trust": { "aud": "sts.amazonaws.com", "sub": "repo:o/r:*" } }],
//   "oidcSubject": "repo:o/r:ref:refs/heads/main"
// }
// Paths are relative to the seed file; inline "certificate" / "privateKey" / "chain" work too.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { DistributionSeed, Role, Sandbox, Tag } from './index.js';

export interface CertificateSeedEntry {
  name?: string;
  certificate?: string;
  certificateFile?: string;
  privateKey?: string;
  privateKeyFile?: string;
  chain?: string;
  chainFile?: string;
  tags?: Tag[];
  region?: string;
}

export interface SeedFile {
  certificates?: CertificateSeedEntry[];
  /** `certificate` names an entry of `certificates` (shorthand for certificateArn). */
  distributions?: Array<DistributionSeed & { certificate?: string }>;
  roles?: Role[];
  oidcSubject?: string;
}

export interface SeedResult {
  certificates: Record<string, string>;
  distributions: string[];
}

export function seedSandbox(sandbox: Sandbox, seed: SeedFile, baseDir = process.cwd()): SeedResult {
  const read = (inline: string | undefined, file: string | undefined): string | undefined =>
    inline ?? (file === undefined ? undefined : readFileSync(resolve(baseDir, file), 'utf8'));
  const certificates: Record<string, string> = {};
  (seed.certificates ?? []).forEach((entry, i) => {
    const certificate = read(entry.certificate, entry.certificateFile);
    const privateKey = read(entry.privateKey, entry.privateKeyFile);
    if (certificate === undefined || privateKey === undefined) {
      throw new Error(`seed certificates[${i}] needs certificate(File) and privateKey(File)`);
    }
    const chain = read(entry.chain, entry.chainFile);
    const arn = sandbox.importCertificate({
      certificate,
      privateKey,
      ...(chain === undefined ? {} : { chain }),
      ...(entry.tags ? { tags: entry.tags } : {}),
      ...(entry.region ? { region: entry.region } : {}),
    });
    certificates[entry.name ?? String(i)] = arn;
  });
  for (const role of seed.roles ?? []) sandbox.addRole(role);
  if (seed.oidcSubject !== undefined) sandbox.setOidcSubject(seed.oidcSubject);
  const distributions = (seed.distributions ?? []).map((entry, i) => {
    const { certificate, ...rest } = entry;
    if (certificate !== undefined) {
      const arn = certificates[certificate];
      if (arn === undefined)
        throw new Error(`seed distributions[${i}] names unknown certificate "${certificate}"`);
      rest.certificateArn = arn;
    }
    return sandbox.createDistribution(rest).id;
  });
  return { certificates, distributions };
}

export function seedSandboxFromFile(sandbox: Sandbox, path: string): SeedResult {
  const seed = JSON.parse(readFileSync(path, 'utf8')) as SeedFile;
  return seedSandbox(sandbox, seed, dirname(resolve(path)));
}
