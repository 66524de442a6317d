// One node:http server for every service, routed by the shape of the request, the way the
// SDK sends it when AWS_ENDPOINT_URL points here:
//   X-Amz-Target: CertificateManager.*   -> ACM (JSON 1.1)
//   /2020-05-31/...                      -> CloudFront (REST-XML)
//   /2013-04-01/...                      -> Route 53 (REST-XML)
//   Action=... (form body or query)      -> IAM's server-certificate actions, else STS (query protocol)
//   GET /oidc/token                      -> GitHub-style OIDC token endpoint
//   /__admin/<function>                  -> the sandbox's own API, as JSON
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AcmService } from './acm.js';
import { IAM_ACTIONS, IAM_NS, type IamService } from './iam.js';
import { CLOUDFRONT_NS, routeCloudFront, type CloudFrontService } from './cloudfront.js';
import { ServiceError, type Faults, type RequestRecord, type Service } from './faults.js';
import type { InvalidationService } from './invalidations.js';
import type { OidcIssuer } from './oidc.js';
import { ROUTE53_NS, routeRoute53, type Route53Service } from './route53.js';
import { STS_NS, type StsService } from './sts.js';
import { errorResponseXml } from './xml.js';

export interface Backend {
  cloudfront: CloudFrontService;
  invalidations: InvalidationService;
  acm: AcmService;
  sts: StsService;
  iam: IamService;
  oidc: OidcIssuer;
  route53: Route53Service;
  faults: Faults;
  now(): Date;
  record(entry: RequestRecord): void;
  /** Called right after a distribution was read with an ETag (the concurrent writer's cue). */
  afterRead(id: string, operation: 'GetDistribution' | 'GetDistributionConfig'): void;
  admin(name: string, args: unknown): Promise<unknown>;
}

interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

interface Signer {
  accessKeyId: string | undefined;
  region: string | undefined;
  sessionToken: string | undefined;
}

interface Call {
  service: Service;
  operation: string;
  target: string | undefined;
  signer: Signer;
  /** Whether the operation needs SigV4 credentials. */
  signed: boolean;
  run: (requestId: string) => Reply;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function signerOf(req: IncomingMessage, url: URL): Signer {
  const credential =
    /Credential=([^,\s]+)/.exec(header(req, 'authorization') ?? '')?.[1] ??
    url.searchParams.get('X-Amz-Credential') ??
    undefined;
  const parts = credential?.split('/') ?? [];
  return {
    accessKeyId: parts[0],
    region: parts[2],
    sessionToken:
      header(req, 'x-amz-security-token') ?? url.searchParams.get('X-Amz-Security-Token') ?? undefined,
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function json(status: number, value: unknown, headers: Record<string, string> = {}): Reply {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(value) };
}

function errorReply(service: Service, err: ServiceError, requestId: string): Reply {
  switch (service) {
    case 'acm':
      return {
        status: err.status,
        headers: {
          'content-type': 'application/x-amz-json-1.1',
          'x-amzn-requestid': requestId,
          'x-amzn-errortype': err.code,
        },
        body: JSON.stringify({ __type: err.code, message: err.message }),
      };
    case 'cloudfront':
      return {
        status: err.status,
        headers: { 'content-type': 'text/xml', 'x-amz-request-id': requestId },
        body: errorResponseXml(err, requestId, CLOUDFRONT_NS),
      };
    case 'sts':
    case 'iam':
      return {
        status: err.status,
        headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId },
        body: errorResponseXml(err, requestId, service === 'iam' ? IAM_NS : STS_NS),
      };
    case 'oidc':
      return json(err.status, { message: err.message });
    case 'route53':
      return {
        status: err.status,
        headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId },
        body: errorResponseXml(err, requestId, ROUTE53_NS),
      };
  }
}

function xml(status: number, body: string, requestId: string, headers: Record<string, string> = {}): Reply {
  return { status, headers: { 'content-type': 'text/xml', 'x-amz-request-id': requestId, ...headers }, body };
}

function cloudFrontCall(b: Backend, req: IncomingMessage, url: URL, body: string, signer: Signer): Call {
  const { operation, id, invalidationId } = routeCloudFront(req.method ?? 'GET', url.pathname);
  const cf = b.cloudfront;
  const run = (requestId: string): Reply => {
    switch (operation) {
      case 'CreateDistribution': {
        const d = cf.create(cf.parseBody(body));
        call.target = d.id;
        return xml(201, cf.distributionXml(d, 'InProgress'), requestId, {
          etag: d.etag,
          location: `https://cloudfront.amazonaws.com/2020-05-31/distribution/${d.id}`,
        });
      }
      case 'ListDistributions':
        return xml(
          200,
          cf.listXml(
            url.searchParams.get('Marker') ?? undefined,
            url.searchParams.get('MaxItems') ?? undefined,
          ),
          requestId,
        );
      case 'GetDistribution': {
        const d = cf.require(id!);
        return xml(200, cf.distributionXml(d), requestId, { etag: d.etag });
      }
      case 'GetDistributionConfig': {
        const d = cf.require(id!);
        return xml(200, cf.configXml(d), requestId, { etag: d.etag });
      }
      case 'UpdateDistribution': {
        cf.require(id!);
        const d = cf.update(id!, cf.parseBody(body), header(req, 'if-match'));
        return xml(200, cf.distributionXml(d, 'InProgress'), requestId, { etag: d.etag });
      }
      case 'CreateInvalidation': {
        const { invalidation, created } = b.invalidations.create(id!, cf.parseBody(body));
        return xml(created ? 201 : 200, b.invalidations.invalidationXml(invalidation), requestId, {
          location: `https://cloudfront.amazonaws.com/2020-05-31/distribution/${id}/invalidation/${invalidation.id}`,
        });
      }
      case 'GetInvalidation':
        return xml(
          200,
          b.invalidations.invalidationXml(b.invalidations.require(id!, invalidationId!)),
          requestId,
        );
      case 'ListInvalidations':
        return xml(
          200,
          b.invalidations.listXml(
            id!,
            url.searchParams.get('Marker') ?? undefined,
            url.searchParams.get('MaxItems') ?? undefined,
          ),
          requestId,
        );
      default:
        throw new ServiceError(
          'InvalidAction',
          `The sandbox does not implement ${req.method} ${url.pathname}.`,
          404,
        );
    }
  };
  const call: Call = { service: 'cloudfront', operation, target: id, signer, signed: true, run };
  return call;
}

function route53Call(b: Backend, req: IncomingMessage, url: URL, body: string, signer: Signer): Call {
  const { operation, id } = routeRoute53(req.method ?? 'GET', url.pathname);
  const r53 = b.route53;
  const q = (name: string) => url.searchParams.get(name) ?? undefined;
  const call: Call = {
    service: 'route53',
    operation,
    target: id,
    signer,
    signed: true,
    run: (requestId) => {
      const ok = (body: string): Reply => ({
        status: 200,
        headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId },
        body,
      });
      switch (operation) {
        case 'GetHostedZone':
          return ok(r53.getHostedZone(id!));
        case 'ListHostedZones':
          return ok(r53.listHostedZones(q('marker'), q('maxitems')));
        case 'ListHostedZonesByName':
          return ok(r53.listHostedZonesByName(q('dnsname'), q('hostedzoneid'), q('maxitems')));
        case 'ListResourceRecordSets':
          return ok(
            r53.listResourceRecordSets(id!, {
              name: q('name'),
              type: q('type'),
              identifier: q('identifier'),
              maxItems: q('maxitems'),
            }),
          );
        case 'ChangeResourceRecordSets':
          return ok(r53.changeResourceRecordSets(id!, body).xml);
        case 'GetChange':
          return ok(r53.getChange(id!));
        default:
          throw new ServiceError(
            'InvalidAction',
            `The sandbox does not implement ${req.method} ${url.pathname}.`,
            404,
          );
      }
    },
  };
  return call;
}

function acmCall(b: Backend, target: string, body: string, signer: Signer): Call {
  const operation = target.slice('CertificateManager.'.length);
  let input: Record<string, unknown> = {};
  let parseError: ServiceError | undefined;
  try {
    input = body.trim() === '' ? {} : (JSON.parse(body) as Record<string, unknown>);
  } catch {
    parseError = new ServiceError('SerializationException', 'The request body is not valid JSON.');
  }
  const arn = typeof input.CertificateArn === 'string' ? input.CertificateArn : undefined;
  const call: Call = {
    service: 'acm',
    operation,
    target: arn,
    signer,
    signed: true,
    run: (requestId) => {
      if (parseError) throw parseError;
      const output = b.acm.handle(operation, input, signer.region ?? 'us-east-1') as {
        CertificateArn?: string;
      };
      // A new import's log entry names the ARN it created.
      if (operation === 'ImportCertificate') call.target = output.CertificateArn;
      return {
        status: 200,
        headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': requestId },
        body: JSON.stringify(output),
      };
    },
  };
  return call;
}

/** A query-protocol call (form or query `Action=...`): STS, or IAM's server-certificate actions. */
function queryCall(b: Backend, params: URLSearchParams, signer: Signer): Call {
  const operation = params.get('Action') ?? 'Unknown';
  const iam = IAM_ACTIONS.has(operation);
  return {
    service: iam ? 'iam' : 'sts',
    operation,
    target: (iam ? params.get('ServerCertificateName') : params.get('RoleArn')) ?? undefined,
    signer,
    signed: operation !== 'AssumeRoleWithWebIdentity',
    run: (requestId) => ({
      status: 200,
      headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId },
      body: iam ? b.iam.handle(params, requestId) : b.sts.handle(params, signer.accessKeyId, requestId),
    }),
  };
}

function oidcCall(b: Backend, req: IncomingMessage, url: URL): Call {
  // getIDToken() appends `&audience=...` to ACTIONS_ID_TOKEN_REQUEST_URL, so a URL without a
  // query string turns into a path like /oidc/token&audience=x: accept that too.
  const [, tail = ''] = url.pathname.split(/&(.*)/s);
  const query = new URLSearchParams(`${url.search.slice(1)}&${tail}`);
  return {
    service: 'oidc',
    operation: 'GetIdToken',
    target: query.get('audience') ?? undefined,
    signer: { accessKeyId: undefined, region: undefined, sessionToken: undefined },
    signed: false,
    run: () => {
      const r = b.oidc.handle(query, header(req, 'authorization'));
      return json(r.status, r.body);
    },
  };
}

function classify(b: Backend, req: IncomingMessage, url: URL, body: string): Call | undefined {
  const signer = signerOf(req, url);
  const target = header(req, 'x-amz-target');
  if (target?.startsWith('CertificateManager.')) return acmCall(b, target, body, signer);
  if (url.pathname.startsWith('/2020-05-31/')) return cloudFrontCall(b, req, url, body, signer);
  if (url.pathname.startsWith('/2013-04-01/')) return route53Call(b, req, url, body, signer);
  if (url.pathname.startsWith('/oidc/token')) return oidcCall(b, req, url);
  const form = req.method === 'POST' ? new URLSearchParams(body) : url.searchParams;
  if (form.has('Action')) return queryCall(b, form, signer);
  return undefined;
}

async function adminReply(b: Backend, req: IncomingMessage, url: URL, body: string): Promise<Reply> {
  const name = decodeURIComponent(url.pathname.slice('/__admin/'.length));
  let args: unknown;
  try {
    args = body.trim() === '' ? undefined : JSON.parse(body);
  } catch {
    return json(400, { error: 'admin request body is not JSON' });
  }
  try {
    const result = await b.admin(name, args);
    return json(200, { result: result ?? null });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return json(err instanceof ServiceError ? err.status : 400, {
      error: message,
      ...(err instanceof ServiceError ? { code: err.code } : {}),
    });
  }
}

function send(res: ServerResponse, reply: Reply): void {
  res.writeHead(reply.status, { ...reply.headers, 'content-length': Buffer.byteLength(reply.body) });
  res.end(reply.body);
}

export async function handleRequest(b: Backend, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readBody(req);
  const url = new URL(req.url ?? '/', 'http://sandbox');
  if (url.pathname.startsWith('/__admin/')) {
    send(res, await adminReply(b, req, url, body));
    return;
  }
  const call = classify(b, req, url, body);
  if (!call) {
    send(res, json(404, { message: `The sandbox has no route for ${req.method} ${url.pathname}` }));
    return;
  }

  const requestId = randomUUID();
  const time = b.now();
  let injected = false;
  let reply: Reply;
  try {
    if (call.signed) {
      if (call.signer.accessKeyId === undefined) {
        throw new ServiceError('MissingAuthenticationToken', 'Request is missing Authentication Token', 403);
      }
      b.sts.checkCredentials(call.signer.accessKeyId, call.signer.sessionToken);
    }
    const delay = b.faults.latencyFor(call.operation);
    if (delay > 0) await sleep(delay);
    const fault = b.faults.check(call.service, call.operation, call.target);
    if (fault) {
      injected = true;
      throw fault;
    }
    reply = call.run(requestId);
  } catch (err) {
    const error =
      err instanceof ServiceError
        ? err
        : new ServiceError(
            'InternalFailure',
            `sandbox error: ${err instanceof Error ? err.message : String(err)}`,
            500,
            'Receiver',
          );
    reply = errorReply(call.service, error, requestId);
  }

  b.record({
    service: call.service,
    operation: call.operation,
    target: call.target,
    accessKeyId: call.signer.accessKeyId,
    region: call.signer.region,
    status: reply.status,
    errorCode: reply.status >= 300 ? errorCodeOf(reply) : undefined,
    injected,
    time,
  });
  send(res, reply);
  if (
    reply.status === 200 &&
    call.target !== undefined &&
    (call.operation === 'GetDistributionConfig' || call.operation === 'GetDistribution')
  ) {
    b.afterRead(call.target, call.operation);
  }
}

function errorCodeOf(reply: Reply): string | undefined {
  const fromHeader = reply.headers['x-amzn-errortype'];
  if (fromHeader) return fromHeader;
  return (
    /<Code>([^<]*)<\/Code>/.exec(reply.body)?.[1] ??
    (/"message"/.test(reply.body) ? `HTTP${reply.status}` : undefined)
  );
}
