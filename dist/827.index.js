export const id = 827;
export const ids = [827];
export const modules = {

/***/ 8316:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   s: () => (/* binding */ mapLimit)
/* harmony export */ });
/** Maps `items` through `fn` with at most `limit` calls in flight; results keep the input order. */
async function mapLimit(items, limit, fn) {
    const results = new Array(items.length);
    let next = 0;
    const worker = async () => {
        while (next < items.length) {
            const index = next++;
            results[index] = await fn(items[index], index);
        }
    };
    await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
    return results;
}


/***/ }),

/***/ 9827:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   observe: () => (/* binding */ observe)
/* harmony export */ });
/* harmony import */ var _aws_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6762);
/* harmony import */ var _concurrency_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8316);
/* harmony import */ var _distribution_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(781);
/* harmony import */ var _posture_index_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6436);




const DISTRIBUTION_ARN = /^arn:aws[a-z-]*:cloudfront::\d{12}:distribution\/([A-Z0-9]+)$/;
async function observe(leaf, aws, options) {
    const distributions = await (0,_concurrency_js__WEBPACK_IMPORTED_MODULE_2__/* .mapLimit */ .s)(options.distributionIds, options.readConcurrency, async (id) => {
        try {
            return { id, state: await aws.cloudfront.read(id) };
        }
        catch (error) {
            return { id, failure: (0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .awsFailure */ .MT)(error) };
        }
    });
    const states = distributions.flatMap((d) => ('state' in d ? [d.state] : []));
    const certificates = new Map();
    const attached = [
        ...new Set(states.map((s) => (0,_distribution_js__WEBPACK_IMPORTED_MODULE_3__/* .attachedAcmArn */ .Zt)(s.config)).filter((a) => a !== undefined)),
    ];
    await (0,_concurrency_js__WEBPACK_IMPORTED_MODULE_2__/* .mapLimit */ .s)(attached, options.readConcurrency, async (arn) => {
        try {
            certificates.set(arn, await aws.acm.describe(arn));
        }
        catch (error) {
            // Not fatal: the certificate may be in another account or gone. The plan just knows less.
            options.warn(`${error instanceof Error ? error.message : String(error)} (its expiry is not compared)`);
        }
    });
    if (options.certificateArn !== undefined && !certificates.has(options.certificateArn)) {
        try {
            certificates.set(options.certificateArn, await aws.acm.describe(options.certificateArn));
        }
        catch (error) {
            throw new _aws_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .AwsCallError */ .iQ(`Input 'certificate-arn': cannot use ${options.certificateArn}`, error instanceof _aws_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .AwsCallError */ .iQ ? error.cause : error);
        }
    }
    // "Same leaf?" is settled by the PEM itself (GetCertificate), asked only of certificates whose
    // serial already matches: a constant number of calls whatever the fleet size.
    // A failed lookup only costs a reuse: the plan then imports (or re-imports) instead.
    const confirm = async (record) => {
        if (record.serial !== (0,_distribution_js__WEBPACK_IMPORTED_MODULE_3__/* .serialKey */ .S_)(leaf.serial))
            return record;
        let fingerprintSha256;
        try {
            fingerprintSha256 = await aws.acm.fingerprint(record.arn);
        }
        catch (error) {
            options.warn(`${error instanceof Error ? error.message : String(error)} (not reused)`);
            return record;
        }
        const confirmed = { ...record, fingerprintSha256 };
        certificates.set(record.arn, confirmed);
        return confirmed;
    };
    let identicalArn;
    for (const record of [...certificates.values()]) {
        const confirmed = await confirm(record);
        if (confirmed.fingerprintSha256 === leaf.fingerprintSha256 && identicalArn === undefined)
            identicalArn = record.arn;
    }
    // Not attached anywhere we looked: maybe imported by an earlier run that failed before updating.
    // Reusing it saves an import from the yearly ACM quota.
    if (identicalArn === undefined && options.certificateArn === undefined && states.length > 0) {
        let candidates = [];
        try {
            candidates = (await aws.acm.listLookalikes(leaf.notAfter, leaf.sans)).filter((arn) => !certificates.has(arn));
        }
        catch (error) {
            options.warn(`${error instanceof Error ? error.message : String(error)} (an identical certificate cannot be reused)`);
        }
        for (const arn of candidates) {
            let described;
            try {
                described = await aws.acm.describe(arn);
            }
            catch (error) {
                options.warn(error instanceof Error ? error.message : String(error));
                continue;
            }
            const confirmed = await confirm(described);
            if (confirmed.fingerprintSha256 === leaf.fingerprintSha256) {
                certificates.set(arn, confirmed);
                identicalArn = arn;
                break;
            }
        }
    }
    // A re-import changes what every user of the ARN serves, listed or not: read those too.
    const bystanders = [];
    if (options.certificateArn !== undefined) {
        const listed = new Set(options.distributionIds);
        const others = (certificates.get(options.certificateArn)?.inUseBy ?? [])
            .map((arn) => DISTRIBUTION_ARN.exec(arn)?.[1])
            .filter((id) => id !== undefined && !listed.has(id));
        await (0,_concurrency_js__WEBPACK_IMPORTED_MODULE_2__/* .mapLimit */ .s)(others, options.readConcurrency, async (id) => {
            try {
                bystanders.push(await aws.cloudfront.read(id));
            }
            catch (error) {
                throw new _aws_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .AwsCallError */ .iQ(`could not read distribution ${id}, which uses ${options.certificateArn}, to check a re-import will not break it`, error);
            }
        });
    }
    // origin-protocol-policy: connect to each origin that would be switched, as CloudFront will, and
    // switch only those that pass. One check per domain and port, however many distributions share it.
    // The checks run concurrently: each may take up to its timeout against an unreachable origin.
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
    return { distributions, certificates, identicalArn, bystanders, originVerdicts };
}


/***/ })

};
