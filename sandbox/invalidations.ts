// CloudFront invalidations: CreateInvalidation, GetInvalidation, ListInvalidations.
import { randomBytes } from 'node:crypto';
import { CLOUDFRONT_NS, type CloudFrontService } from './cloudfront.js';
import { ServiceError } from './faults.js';
import { buildXml, child, cloneElement, element, listItems, textAt, type XmlElement } from './xml.js';

export interface StoredInvalidation {
  id: string;
  distributionId: string;
  callerReference: string;
  paths: string[];
  batch: XmlElement;
  createTime: Date;
  /** Epoch ms at which Status turns Completed. */
  completedAt: number;
}

export interface InvalidationView {
  id: string;
  distributionId: string;
  callerReference: string;
  paths: string[];
  status: 'InProgress' | 'Completed';
  createTime: Date;
}

function invalidationId(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  const bytes = randomBytes(25);
  let id = 'I';
  for (let i = 0; i < 25; i++) id += alphabet[bytes[i]! % alphabet.length];
  return id;
}

export class InvalidationService {
  readonly invalidations: StoredInvalidation[] = [];

  constructor(
    private readonly cloudfront: CloudFrontService,
    private readonly deps: { now: () => Date; completeDelayMs: () => number },
  ) {}

  reset(): void {
    this.invalidations.length = 0;
  }

  status(inv: StoredInvalidation): 'InProgress' | 'Completed' {
    return this.deps.now().getTime() >= inv.completedAt ? 'Completed' : 'InProgress';
  }

  inProgress(distributionId: string): number {
    return this.invalidations.filter(
      (i) => i.distributionId === distributionId && this.status(i) === 'InProgress',
    ).length;
  }

  view(inv: StoredInvalidation): InvalidationView {
    return {
      id: inv.id,
      distributionId: inv.distributionId,
      callerReference: inv.callerReference,
      paths: [...inv.paths],
      status: this.status(inv),
      createTime: inv.createTime,
    };
  }

  create(distributionId: string, batch: XmlElement): { invalidation: StoredInvalidation; created: boolean } {
    this.cloudfront.require(distributionId);
    if (batch.name !== 'InvalidationBatch') {
      throw new ServiceError(
        'MalformedInput',
        `Unexpected root element ${batch.name}; expected InvalidationBatch.`,
      );
    }
    const callerReference = textAt(batch, 'CallerReference');
    if (!callerReference)
      throw new ServiceError('MalformedInput', 'Missing required element CallerReference.');
    const pathsList = child(batch, 'Paths');
    const paths = listItems(pathsList).map((p) => p.text);
    const quantity = Number(textAt(pathsList, 'Quantity'));
    if (quantity !== paths.length) {
      throw new ServiceError(
        'InvalidArgument',
        `The value of Quantity (${quantity}) in Paths doesn't match the number of items (${paths.length}).`,
      );
    }
    if (paths.length === 0)
      throw new ServiceError('InvalidArgument', 'Your request is missing one or more paths.');
    const bad = paths.find((p) => !p.startsWith('/'));
    if (bad !== undefined)
      throw new ServiceError('InvalidArgument', `Invalid path: ${bad}. Paths must begin with /.`);

    const existing = this.invalidations.find(
      (i) => i.distributionId === distributionId && i.callerReference === callerReference,
    );
    if (existing) {
      if (existing.paths.join('\n') === paths.join('\n')) return { invalidation: existing, created: false };
      throw new ServiceError(
        'InvalidationBatchAlreadyExists',
        'The CallerReference you attempted to create the invalidation batch with is already in use.',
        409,
      );
    }
    const stored = cloneElement(batch);
    stored.attributes = {};
    const invalidation: StoredInvalidation = {
      id: invalidationId(),
      distributionId,
      callerReference,
      paths,
      batch: stored,
      createTime: this.deps.now(),
      completedAt: this.deps.now().getTime() + this.deps.completeDelayMs(),
    };
    this.invalidations.push(invalidation);
    return { invalidation, created: true };
  }

  require(distributionId: string, id: string): StoredInvalidation {
    this.cloudfront.require(distributionId);
    const inv = this.invalidations.find((i) => i.distributionId === distributionId && i.id === id);
    if (!inv) throw new ServiceError('NoSuchInvalidation', 'The specified invalidation does not exist.', 404);
    return inv;
  }

  invalidationXml(inv: StoredInvalidation): string {
    return buildXml(
      element(
        'Invalidation',
        [
          element('Id', inv.id),
          element('Status', this.status(inv)),
          element('CreateTime', inv.createTime.toISOString()),
          cloneElement(inv.batch),
        ],
        { xmlns: CLOUDFRONT_NS },
      ),
    );
  }

  listXml(distributionId: string, marker: string | undefined, maxItemsParam: string | undefined): string {
    this.cloudfront.require(distributionId);
    const maxItems = Math.min(maxItemsParam === undefined ? 100 : Number(maxItemsParam), 1000);
    if (!Number.isInteger(maxItems) || maxItems < 1) {
      throw new ServiceError('InvalidArgument', `Invalid MaxItems: ${maxItemsParam}`);
    }
    // Newest first, as CloudFront lists them.
    const all = this.invalidations.filter((i) => i.distributionId === distributionId).reverse();
    let start = marker ? all.findIndex((i) => i.id === marker) : 0;
    if (start < 0) start = all.length;
    const page = all.slice(start, start + maxItems);
    const next = all[start + maxItems];
    return buildXml(
      element(
        'InvalidationList',
        [
          element('Marker', marker ?? ''),
          ...(next ? [element('NextMarker', next.id)] : []),
          element('MaxItems', maxItems),
          element('IsTruncated', next ? 'true' : 'false'),
          element('Quantity', page.length),
          ...(page.length > 0
            ? [
                element(
                  'Items',
                  page.map((i) =>
                    element('InvalidationSummary', [
                      element('Id', i.id),
                      element('CreateTime', i.createTime.toISOString()),
                      element('Status', this.status(i)),
                    ]),
                  ),
                ),
              ]
            : []),
        ],
        { xmlns: CLOUDFRONT_NS },
      ),
    );
  }
}
