export const id = 827;
export const ids = [827];
export const modules = {

/***/ 8316:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   s: () => (/* binding */ mapLimit)
/* harmony export */ });
/**
 * Maps `items` through `fn` with at most `limit` calls in flight; results keep the input order.
 * Once `signal` is aborted no new call starts, and the promise rejects with its reason.
 */
async function mapLimit(items, limit, fn, signal) {
    const results = new Array(items.length);
    let next = 0;
    const worker = async () => {
        while (next < items.length && !signal?.aborted) {
            const index = next++;
            results[index] = await fn(items[index], index);
        }
    };
    await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
    signal?.throwIfAborted();
    return results;
}


/***/ }),

/***/ 9827:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   identify: () => (/* binding */ identify),
/* harmony export */   observe: () => (/* binding */ observe),
/* harmony export */   survey: () => (/* binding */ survey),
/* harmony export */   surveyFirstWave: () => (/* binding */ surveyFirstWave)
/* harmony export */ });
/* harmony import */ var _aws_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6762);
/* harmony import */ var _concurrency_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8316);
/* harmony import */ var _distribution_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(781);
/* harmony import */ var _posture_index_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6436);




const DISTRIBUTION_ARN = /^arn:aws[a-z-]*:cloudfront::\d{12}:distribution\/([A-Z0-9]+)$/;
/** How many requests survey() sends before it waits for any: a read per slot, and the ACM call. */
function surveyFirstWave(options) {
    return Math.min(options.distributionIds.length, options.readConcurrency) + 1;
}
/**
 * Reads every distribution and what ACM says of the certificates they use. ListCertificates goes
 * out with the first distribution reads: its summaries give every attached certificate's expiry and
 * key type, so DescribeCertificate is needed only for what it does not list (another account's
 * ARN) and for `certificate-arn`, whose users (InUseBy) a re-import must check.
 */
async function survey(aws, options) {
    const { signal } = options;
    const warnings = [];
    // The first wave (surveyFirstWave): the ACM call and a read per slot. Listed only when we may
    // need to look for our leaf: with certificate-arn the ARN is given.
    const listing = options.certificateArn === undefined
        ? aws.acm.list(signal).catch((error) => {
            warnings.push(`${(0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .gJ)(error)} (an identical certificate cannot be reused)`);
            return undefined;
        })
        : Promise.resolve(undefined);
    const target = options.certificateArn === undefined
        ? Promise.resolve(undefined)
        : aws.acm.describe(options.certificateArn, signal).catch((error) => {
            throw new _aws_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .AwsCallError */ .iQ(`Input 'certificate-arn': cannot use ${options.certificateArn}`, error);
        });
    target.catch(() => undefined); // awaited below, after the reads
    const distributions = await (0,_concurrency_js__WEBPACK_IMPORTED_MODULE_2__/* .mapLimit */ .s)(options.distributionIds, options.readConcurrency, async (id) => {
        try {
            return { id, state: await aws.cloudfront.read(id, signal) };
        }
        catch (error) {
            return { id, failure: (0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .awsFailure */ .MT)(error) };
        }
    }, signal);
    const states = distributions.flatMap((d) => ('state' in d ? [d.state] : []));
    const [listed, targetRecord] = await Promise.all([listing, target]);
    signal?.throwIfAborted();
    // A re-import changes what every user of the ARN serves, listed or not: read those too. After
    // the main reads, so that no more than readConcurrency reads are ever in flight.
    const bystanders = await readBystanders(targetRecord, aws.cloudfront, options);
    const certificates = new Map();
    if (targetRecord)
        certificates.set(targetRecord.arn, targetRecord);
    const summaries = new Map((listed ?? []).map((s) => [s.arn, s]));
    const unlisted = [];
    for (const arn of new Set(states.map((s) => (0,_distribution_js__WEBPACK_IMPORTED_MODULE_3__/* .attachedAcmArn */ .Zt)(s.config)))) {
        if (arn === undefined || certificates.has(arn))
            continue;
        const summary = summaries.get(arn);
        // A summary without an expiry cannot serve the downgrade guard: describe that one.
        if (summary?.notAfter !== undefined)
            certificates.set(arn, summary);
        else
            unlisted.push(arn);
    }
    const describing = (0,_concurrency_js__WEBPACK_IMPORTED_MODULE_2__/* .mapLimit */ .s)(unlisted, options.readConcurrency, async (arn) => {
        try {
            certificates.set(arn, await aws.acm.describe(arn, signal));
        }
        catch (error) {
            // Not fatal: the certificate may be in another account or gone. The plan just knows less.
            warnings.push(`${(0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .gJ)(error)} (its expiry is not compared)`);
        }
    }, signal);
    const [, iamCertificates] = await Promise.all([
        describing,
        readIamCertificates(states, aws.iam, warnings, signal),
    ]);
    return {
        distributions,
        certificates,
        listed,
        bystanders,
        originVerdicts: await checkOrigins(states, options),
        iamCertificates,
        warnings,
    };
}
/**
 * Finds an ACM certificate whose PEM is exactly our leaf. Candidates are those that could be it
 * (same serial when described; same expiry and a shared name when only listed), and GetCertificate
 * settles each: a constant number of calls whatever the fleet size. A failed lookup only costs a
 * reuse: the plan then imports (or re-imports) instead.
 */
async function identify(leaf, surveyed, acm, warn) {
    const certificates = new Map(surveyed.certificates);
    const names = new Set(leaf.sans.map((n) => n.toLowerCase()));
    const sameExpiry = (c) => c.notAfter === undefined || Math.abs(c.notAfter.getTime() - leaf.notAfter.getTime()) < 1000;
    // A summary without names (moto leaves them out) could still be ours: only its expiry counts then.
    const sharesName = (c) => c.sans.length === 0 || c.sans.some((n) => names.has(n.toLowerCase()));
    const couldBeOurs = (c) => 'serial' in c && c.serial !== undefined
        ? c.serial === (0,_distribution_js__WEBPACK_IMPORTED_MODULE_3__/* .serialKey */ .S_)(leaf.serial)
        : sameExpiry(c) && sharesName(c);
    const isOurs = async (record) => {
        if (!couldBeOurs(record))
            return false;
        let fingerprintSha256;
        try {
            fingerprintSha256 = await acm.fingerprint(record.arn);
        }
        catch (error) {
            warn(`${(0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .gJ)(error)} (not reused)`);
            return false;
        }
        certificates.set(record.arn, { ...record, fingerprintSha256 });
        return fingerprintSha256 === leaf.fingerprintSha256;
    };
    let identicalArn;
    for (const record of [...certificates.values()]) {
        if ((await isOurs(record)) && identicalArn === undefined)
            identicalArn = record.arn;
    }
    // Not attached anywhere we looked: maybe imported by an earlier run that failed before updating.
    // Reusing it saves an import from the yearly ACM quota.
    const anyRead = surveyed.distributions.some((d) => 'state' in d);
    if (identicalArn === undefined && surveyed.listed !== undefined && anyRead) {
        for (const summary of surveyed.listed) {
            if (certificates.has(summary.arn))
                continue;
            if (await isOurs(summary)) {
                identicalArn = summary.arn;
                break;
            }
        }
    }
    return {
        distributions: surveyed.distributions,
        certificates,
        identicalArn,
        bystanders: surveyed.bystanders,
        originVerdicts: surveyed.originVerdicts,
        iamCertificates: surveyed.iamCertificates,
    };
}
/** survey() then identify(), for when the leaf is known before the reads start. */
async function observe(leaf, aws, options) {
    const surveyed = await survey(aws, options);
    for (const warning of surveyed.warnings)
        options.warn(warning);
    return identify(leaf, surveyed, aws.acm, options.warn);
}
/**
 * The IAM server certificates the distributions serve (legacy IAMCertificateId), for the downgrade
 * guard. Listed only when a distribution serves one; a failure costs only that comparison.
 */
async function readIamCertificates(states, iam, warnings, signal) {
    const found = new Map();
    const ids = [...new Set(states.flatMap((s) => (0,_distribution_js__WEBPACK_IMPORTED_MODULE_3__/* .attachedIamId */ .P8)(s.config) ?? []))];
    // Aborted: the survey is failing anyway; do not load IAM for nothing.
    if (ids.length === 0 || signal?.aborted)
        return found;
    let all;
    try {
        all = await (await iam()).serverCertificates(signal);
    }
    catch (error) {
        warnings.push(`${(0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .gJ)(error)} (the expiry of IAM certificate ${ids.join(', ')} is not compared)`);
        return found;
    }
    for (const id of ids) {
        const certificate = all.get(id);
        if (certificate)
            found.set(id, certificate);
        else
            warnings.push(`IAM server certificate ${id} is not listed under /cloudfront (its expiry is not compared)`);
    }
    return found;
}
async function readBystanders(target, cloudfront, options) {
    if (target === undefined)
        return [];
    const listed = new Set(options.distributionIds);
    const others = target.inUseBy
        .map((arn) => DISTRIBUTION_ARN.exec(arn)?.[1])
        .filter((id) => id !== undefined && !listed.has(id));
    return (0,_concurrency_js__WEBPACK_IMPORTED_MODULE_2__/* .mapLimit */ .s)(others, options.readConcurrency, async (id) => {
        try {
            return await cloudfront.read(id, options.signal);
        }
        catch (error) {
            throw new _aws_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .AwsCallError */ .iQ(`could not read distribution ${id}, which uses ${target.arn}, to check a re-import will not break it`, error);
        }
    }, options.signal);
}
/**
 * origin-protocol-policy: connect to each origin that would be switched, as CloudFront will, and
 * switch only those that pass. One check per domain and port, however many distributions share it.
 * The checks run concurrently: each may take up to its timeout against an unreachable origin.
 */
async function checkOrigins(states, options) {
    const checks = new Map();
    const pending = states.flatMap((state) => (0,_posture_index_js__WEBPACK_IMPORTED_MODULE_1__/* .originsToSwitch */ .bh)(state.config, options.enforcement).map((origin) => {
        const key = `${origin.domainName}:${origin.port}`;
        if (!checks.has(key))
            checks.set(key, options.preflight(origin.domainName, origin.port));
        return { distributionId: state.id, originId: origin.id, verdict: checks.get(key) };
    }));
    const originVerdicts = new Map(states.map((s) => [s.id, new Map()]));
    for (const p of pending)
        originVerdicts.get(p.distributionId).set(p.originId, await p.verdict);
    return originVerdicts;
}


/***/ })

};
