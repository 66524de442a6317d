// HTTPS posture: audit every distribution, optionally enforce HTTPS, preflight origins first.
export {
  type Finding,
  type FindingCode,
  type ServedCertificate,
  auditDistribution,
  behaviorsInEvaluationOrder,
  describeOrigin,
  isCustomOrigin,
} from './audit.js';
export {
  type Enforced,
  type Enforcement,
  type OriginVerdict,
  type ViewerPolicyTarget,
  enforce,
  originsToSwitch,
} from './enforce.js';
export { type PreflightOptions, checkOriginTls } from './preflight.js';
export { describeFinding, renderFindings } from './render.js';
