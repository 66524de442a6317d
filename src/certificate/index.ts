// The certificate bundle: decode the inputs, assemble leaf + chain + key, validate, and describe.
// Pure apart from reading a file when an input is a path; no @actions/core, no AWS.
export { BundleError, type BundleInput, type BundleErrorCode } from './errors.js';
export {
  certificateFacts,
  formatAcmSerial,
  normaliseSerial,
  describeKeyAlgorithm,
  type CertificateFacts,
  type KeyAlgorithm,
} from './facts.js';
export {
  loadBundle,
  ACM_LIMITS,
  CLOUDFRONT_KEY_ALGORITHMS,
  type BundleOptions,
  type CertificateBundle,
} from './bundle.js';
