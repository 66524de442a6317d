// Shared pieces of the sandbox tests: certificates imported into the sandbox and SDK clients.
import { ACMClient } from '@aws-sdk/client-acm';
import { CloudFrontClient, type DistributionConfig } from '@aws-sdk/client-cloudfront';
import { STSClient } from '@aws-sdk/client-sts';
import { makeChain, type Chain, type IssueOptions, type KeySpec } from '../support/pki.js';
import { clientSettings, type ClientSettings, type Sandbox } from '../support/sandbox.js';

export interface Imported extends Chain {
  arn: string;
}

/** A root -> intermediate -> leaf chain imported into the sandbox's ACM (without the wire). */
export async function importLeaf(
  sb: Sandbox,
  leaf: IssueOptions = {},
  opts: { region?: string; key?: KeySpec } = {},
): Promise<Imported> {
  const chain = await makeChain({ leaf, ...(opts.key ? { key: opts.key } : {}) });
  const arn = sb.importCertificate({
    certificate: chain.leaf.pem,
    privateKey: chain.leaf.keyPem,
    chain: chain.intermediate.pem + chain.root.pem,
    ...(opts.region ? { region: opts.region } : {}),
  });
  return { ...chain, arn };
}

type ClientOptions = Parameters<typeof clientSettings>[1];

export const cloudFront = (sb: Sandbox, opts?: ClientOptions) =>
  new CloudFrontClient(clientSettings(sb, opts));
export const acm = (sb: Sandbox, opts?: ClientOptions) => new ACMClient(clientSettings(sb, opts));
export const sts = (sb: Sandbox, opts?: ClientOptions) => new STSClient(clientSettings(sb, opts));

export type Credentials = ClientSettings['credentials'];

/** A minimal DistributionConfig as a user of the SDK would write it. */
export function minimalConfig(opts: {
  callerReference?: string;
  aliases?: string[];
  certificateArn?: string;
  comment?: string;
}): DistributionConfig {
  const aliases = opts.aliases ?? [];
  return {
    CallerReference: opts.callerReference ?? `ref-${Math.random().toString(36).slice(2)}`,
    Aliases: { Quantity: aliases.length, ...(aliases.length ? { Items: aliases } : {}) },
    Origins: {
      Quantity: 1,
      Items: [
        {
          Id: 'site',
          DomainName: 'site.s3.us-east-1.amazonaws.com',
          S3OriginConfig: { OriginAccessIdentity: '' },
        },
      ],
    },
    DefaultCacheBehavior: {
      TargetOriginId: 'site',
      ViewerProtocolPolicy: 'redirect-to-https',
      CachePolicyId: '658327ea-f89d-4fab-a63d-7e88639e58f6',
    },
    Comment: opts.comment ?? 'created by a test',
    Enabled: true,
    ViewerCertificate: opts.certificateArn
      ? {
          ACMCertificateArn: opts.certificateArn,
          SSLSupportMethod: 'sni-only',
          MinimumProtocolVersion: 'TLSv1.2_2021',
        }
      : { CloudFrontDefaultCertificate: true },
  };
}

/** The error a promise rejects with (fails the test when it resolves). */
export async function rejection(
  p: Promise<unknown>,
): Promise<Error & { name: string; $metadata?: { httpStatusCode?: number } }> {
  try {
    await p;
  } catch (err) {
    return err as Error & { name: string; $metadata?: { httpStatusCode?: number } };
  }
  throw new Error('expected the call to fail, but it succeeded');
}
