// Does a certificate's SAN list cover a distribution's aliases, as CloudFront checks it?
// CloudFront refuses an alias the certificate does not cover (InvalidViewerCertificate):
// https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/cnames-and-https-requirements.html
// Rules (RFC 6125 as CloudFront applies them): names compare case-insensitively, a trailing dot is
// not part of the name, `*.example.com` covers exactly one whole left-most label, and an alias that is
// itself a wildcard needs the identical wildcard SAN.

export function normaliseName(name: string): string {
  return name.trim().toLowerCase().replace(/\.$/, '');
}

export function covers(san: string, alias: string): boolean {
  const s = normaliseName(san);
  const a = normaliseName(alias);
  if (s === '' || a === '') return false;
  if (s === a) return true;
  if (a.startsWith('*.')) return false; // a wildcard alias needs the same wildcard SAN, matched above
  if (!s.startsWith('*.')) return false;
  const suffix = s.slice(1); // ".example.com"
  if (!a.endsWith(suffix)) return false;
  const label = a.slice(0, a.length - suffix.length);
  // Exactly one non-empty label: `a.example.com` yes, `example.com` and `a.b.example.com` no.
  return label !== '' && !label.includes('.') && !label.includes('*');
}

export function uncoveredAliases(aliases: readonly string[], sans: readonly string[]): string[] {
  return aliases.filter((alias) => !sans.some((san) => covers(san, alias)));
}
