// Opt-in enforcement: tighten viewer and origin protocol policies in the same UpdateDistribution
// that carries the certificate. Pure: the origin TLS checks (src/posture/preflight.ts) run before,
// and their verdicts come in as data.
import type { DistributionConfig, Origin, ViewerProtocolPolicy } from '@aws-sdk/client-cloudfront';
import { behaviorsInEvaluationOrder, describeOrigin, isCustomOrigin } from './audit.js';

export type ViewerPolicyTarget = 'redirect-to-https' | 'https-only';

export interface Enforcement {
  /** undefined: leave viewer protocol policies as they are. */
  readonly viewerProtocolPolicy: ViewerPolicyTarget | undefined;
  /** undefined: leave origin protocol policies as they are. */
  readonly originProtocolPolicy: 'https-only' | undefined;
}

export type OriginVerdict = { readonly ok: true } | { readonly ok: false; readonly reason: string };

export interface Enforced {
  /** A new deep copy; the input is never mutated. */
  readonly config: DistributionConfig;
  /** e.g. "cache behavior '/img/*': allow-all -> redirect-to-https" */
  readonly changes: readonly string[];
  /** e.g. "origin 'api' (api.example.com): not switched to https-only: certificate does not name api.example.com" */
  readonly refused: readonly string[];
}

/** The only origin SSL protocol list enforcement writes. */
const ORIGIN_SSL_PROTOCOL = 'TLSv1.2';

/**
 * Viewer policies a target replaces. redirect-to-https replaces allow-all only (https-only is
 * already stricter and stays). https-only also replaces redirect-to-https: a redirect still takes
 * the plain-HTTP request, with its path, cookies and headers in the clear.
 */
const REPLACED_BY: Record<ViewerPolicyTarget, ReadonlySet<ViewerProtocolPolicy | undefined>> = {
  'redirect-to-https': new Set(['allow-all']),
  'https-only': new Set(['allow-all', 'redirect-to-https']),
};

/**
 * Custom origins that `enforcement` would change: the policy is not https-only yet, or the SSL
 * protocols are anything but exactly TLSv1.2. Each needs a TLS preflight before it is switched.
 */
export function originsToSwitch(
  config: DistributionConfig,
  enforcement: Enforcement,
): Array<{ id: string; domainName: string; port: number }> {
  if (enforcement.originProtocolPolicy === undefined) return [];
  return (config.Origins?.Items ?? []).filter(needsSwitch).map((origin) => ({
    id: origin.Id ?? '',
    domainName: origin.DomainName ?? '',
    port: origin.CustomOriginConfig?.HTTPSPort ?? 443,
  }));
}

function needsSwitch(origin: Origin): boolean {
  if (!isCustomOrigin(origin)) return false;
  const custom = origin.CustomOriginConfig;
  const protocols = custom?.OriginSslProtocols?.Items ?? [];
  const onlyTls12 = protocols.length > 0 && protocols.every((p) => p === ORIGIN_SSL_PROTOCOL);
  return custom?.OriginProtocolPolicy !== 'https-only' || !onlyTls12;
}

/**
 * The config with the requested policies applied, and what changed or was refused, in words. An
 * origin is switched only on a passing verdict: CloudFront answers 502 for every request to an
 * origin whose certificate it does not trust or that does not name the origin's domain.
 */
export function enforce(
  config: DistributionConfig,
  enforcement: Enforcement,
  verdicts: ReadonlyMap<string, OriginVerdict>,
): Enforced {
  const copy = structuredClone(config);
  const changes: string[] = [];
  const refused: string[] = [];

  const target = enforcement.viewerProtocolPolicy;
  if (target !== undefined) {
    for (const { target: name, behavior } of behaviorsInEvaluationOrder(copy)) {
      if (!REPLACED_BY[target].has(behavior.ViewerProtocolPolicy)) continue;
      changes.push(`${name}: ${behavior.ViewerProtocolPolicy ?? 'unset'} -> ${target}`);
      // behaviorsInEvaluationOrder hands out the copy's own objects: this writes into `copy`.
      behavior.ViewerProtocolPolicy = target;
    }
  }

  if (enforcement.originProtocolPolicy !== undefined) {
    const ids = new Set(originsToSwitch(copy, enforcement).map((o) => o.id));
    for (const origin of copy.Origins?.Items ?? []) {
      const custom = origin.CustomOriginConfig;
      if (!ids.has(origin.Id ?? '') || custom === undefined) continue;
      const policy = custom.OriginProtocolPolicy;
      const protocols = custom.OriginSslProtocols?.Items ?? [];
      const name = describeOrigin(origin);
      const verdict = verdicts.get(origin.Id ?? '');
      if (verdict === undefined || !verdict.ok) {
        const what =
          policy === 'https-only' ? `not restricted to ${ORIGIN_SSL_PROTOCOL}` : 'not switched to https-only';
        const reason =
          verdict === undefined ? 'its TLS setup was not checked from the runner' : verdict.reason;
        refused.push(`${name}: ${what}: ${reason}`);
        continue;
      }
      const parts: string[] = [];
      if (policy !== 'https-only') parts.push(`${policy ?? 'unset'} -> https-only`);
      if (!(protocols.length > 0 && protocols.every((p) => p === ORIGIN_SSL_PROTOCOL))) {
        parts.push(`SSL protocols ${protocols.join(', ') || 'unset'} -> ${ORIGIN_SSL_PROTOCOL}`);
      }
      changes.push(`${name}: ${parts.join(', ')}`);
      custom.OriginProtocolPolicy = 'https-only';
      custom.OriginSslProtocols = { Quantity: 1, Items: [ORIGIN_SSL_PROTOCOL] };
    }
  }

  return { config: copy, changes, refused };
}
