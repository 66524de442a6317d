#!/usr/bin/env bash
# The script people write instead of the action: import the certificate, then for each distribution
# read its config, swap the ViewerCertificate with jq and write it back with the ETag. One AWS CLI
# process per call, one distribution after another. bench/bench.ts times it against the sandbox;
# it is a baseline, not something to use.
#
#   CERT=cert.pem KEY=key.pem CHAIN=chain.pem DISTRIBUTION_IDS="E1.. E2.." \
#   ENDPOINT_URL=http://127.0.0.1:PORT bench/naive.sh
#
# AWS (default: aws on PATH) picks the CLI; ENDPOINT_URL is optional (the real AWS without it).
set -euo pipefail

aws_cli() {
  if [[ -n "${ENDPOINT_URL:-}" ]]; then
    "${AWS:-aws}" --endpoint-url "$ENDPOINT_URL" --region us-east-1 --output json "$@"
  else
    "${AWS:-aws}" --region us-east-1 --output json "$@"
  fi
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

arn=$(aws_cli acm import-certificate \
  --certificate "fileb://$CERT" \
  --private-key "fileb://$KEY" \
  --certificate-chain "fileb://$CHAIN" \
  --query CertificateArn --output text)
echo "imported $arn"

for id in $DISTRIBUTION_IDS; do
  aws_cli cloudfront get-distribution-config --id "$id" >"$work/current.json"
  etag=$(jq -r .ETag "$work/current.json")
  jq --arg arn "$arn" '.DistributionConfig | .ViewerCertificate = {
      CloudFrontDefaultCertificate: false,
      ACMCertificateArn: $arn,
      SSLSupportMethod: "sni-only",
      MinimumProtocolVersion: "TLSv1.2_2021"
    }' "$work/current.json" >"$work/new.json"
  aws_cli cloudfront update-distribution --id "$id" --if-match "$etag" \
    --distribution-config "file://$work/new.json" >/dev/null
  echo "updated $id"
done
