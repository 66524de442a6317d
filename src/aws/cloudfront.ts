// CloudFront reads and writes: the full config with its ETag, and If-Match on every write.
import {
  CloudFrontClient,
  CreateInvalidationCommand,
  type DistributionConfig,
  GetDistributionCommand,
  GetDistributionConfigCommand,
  UpdateDistributionCommand,
} from '@aws-sdk/client-cloudfront';
import type { DistributionState } from '../distribution.js';

export class CloudFront {
  constructor(readonly client: CloudFrontClient) {}

  async read(id: string, signal?: AbortSignal): Promise<DistributionState> {
    const out = await this.client.send(
      new GetDistributionConfigCommand({ Id: id }),
      signal ? { abortSignal: signal } : {},
    );
    if (!out.DistributionConfig || !out.ETag) {
      throw new Error(`GetDistributionConfig for ${id} returned no config or no ETag`);
    }
    return { id, etag: out.ETag, config: out.DistributionConfig };
  }

  /** Sends the whole config back with the ETag it was read with; returns the new ETag. */
  async write(state: DistributionState, config: DistributionConfig): Promise<string> {
    const out = await this.client.send(
      new UpdateDistributionCommand({ Id: state.id, IfMatch: state.etag, DistributionConfig: config }),
    );
    return out.ETag ?? '';
  }

  async status(id: string): Promise<string> {
    const out = await this.client.send(new GetDistributionCommand({ Id: id }));
    return out.Distribution?.Status ?? 'unknown';
  }

  /**
   * What a Route 53 alias record points at. Only GetDistribution has the DomainName
   * (GetDistributionConfig does not), so this is one more read, made only when Route 53 is on.
   */
  async aliasTarget(id: string): Promise<{ domainName: string; ipv6Enabled: boolean }> {
    const out = await this.client.send(new GetDistributionCommand({ Id: id }));
    const domainName = out.Distribution?.DomainName;
    if (!domainName) throw new Error(`GetDistribution for ${id} returned no DomainName`);
    return { domainName, ipv6Enabled: out.Distribution?.DistributionConfig?.IsIPV6Enabled === true };
  }

  /** Returns the invalidation ID. */
  async invalidate(id: string, paths: readonly string[], callerReference: string): Promise<string> {
    const out = await this.client.send(
      new CreateInvalidationCommand({
        DistributionId: id,
        InvalidationBatch: {
          CallerReference: callerReference,
          Paths: { Quantity: paths.length, Items: [...paths] },
        },
      }),
    );
    return out.Invalidation?.Id ?? '';
  }
}
