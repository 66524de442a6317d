export const id = 803;
export const ids = [803];
export const modules = {

/***/ 4803:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   apply: () => (/* binding */ apply)
/* harmony export */ });
/* harmony import */ var _aws_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6762);
/* harmony import */ var _concurrency_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8316);
/* harmony import */ var _distribution_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(781);
/* harmony import */ var _outcome_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8497);
/* harmony import */ var _plan_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4794);





async function apply(plan, aws, options) {
    let arn;
    const step = plan.certificate;
    if (step.kind === 'reuse')
        arn = step.arn;
    if (step.kind === 'import' || step.kind === 'reimport') {
        try {
            arn = await aws.acm.import({
                ...options.material,
                arn: step.kind === 'reimport' ? step.arn : undefined,
                tags: options.tags,
            });
            options.info(step.kind === 'import'
                ? `Imported the certificate as ${arn}`
                : `Re-imported the certificate into ${arn}`);
        }
        catch (error) {
            const message = error instanceof Error ? error.message : String(error);
            const code = (0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .awsFailure */ .MT)(error instanceof Error && error.cause ? error.cause : error).code;
            const outcomes = plan.distributions.map((d) => d.decision.kind === 'update'
                ? { ...(0,_outcome_js__WEBPACK_IMPORTED_MODULE_2__/* .outcomeOf */ .s)(d, false), outcome: 'failed', reason: `not updated: ${message}`, code }
                : (0,_outcome_js__WEBPACK_IMPORTED_MODULE_2__/* .outcomeOf */ .s)(d, false));
            return { certificateArn: undefined, outcomes, importFailure: message };
        }
    }
    const total = plan.distributions.filter((d) => d.decision.kind === 'update').length;
    let done = 0;
    const outcomes = await (0,_concurrency_js__WEBPACK_IMPORTED_MODULE_3__/* .mapLimit */ .s)(plan.distributions, options.writeConcurrency, async (planned) => {
        let current = planned;
        for (let attempt = 0;; attempt++) {
            const decision = current.decision;
            if (decision.kind !== 'update' || current.state === undefined || arn === undefined)
                return (0,_outcome_js__WEBPACK_IMPORTED_MODULE_2__/* .outcomeOf */ .s)(current, false);
            const config = (0,_distribution_js__WEBPACK_IMPORTED_MODULE_4__/* .withViewerCertificate */ .WP)(decision.config, {
                ...decision.viewerCertificate,
                ACMCertificateArn: arn,
            });
            try {
                await aws.cloudfront.write(current.state, config);
                done++;
                options.info(`Updated ${current.id} (${done} of ${total})`);
                return (0,_outcome_js__WEBPACK_IMPORTED_MODULE_2__/* .outcomeOf */ .s)(current, false);
            }
            catch (error) {
                const failure = (0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .awsFailure */ .MT)(error);
                if ((0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .isErrorCode */ .We)(error, 'PreconditionFailed') && attempt < options.maxConflictRetries) {
                    options.info(`${current.id} changed since it was read (PreconditionFailed): reading it again`);
                    try {
                        const state = await aws.cloudfront.read(current.id);
                        current = (0,_plan_js__WEBPACK_IMPORTED_MODULE_1__/* .decideDistribution */ .ne)(options.leaf, state, options.seen, arn, false, options.settings);
                        continue;
                    }
                    catch (readError) {
                        const f = (0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .awsFailure */ .MT)(readError);
                        return {
                            ...(0,_outcome_js__WEBPACK_IMPORTED_MODULE_2__/* .outcomeOf */ .s)(current, false),
                            outcome: 'failed',
                            reason: `re-read after a conflict failed: ${f.code}: ${f.message}`,
                            code: f.code,
                        };
                    }
                }
                return {
                    ...(0,_outcome_js__WEBPACK_IMPORTED_MODULE_2__/* .outcomeOf */ .s)(current, false),
                    outcome: 'failed',
                    reason: `UpdateDistribution failed: ${failure.code}: ${failure.message}`,
                    code: failure.code,
                };
            }
        }
    });
    return { certificateArn: arn, outcomes, importFailure: undefined };
}


/***/ }),

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


/***/ })

};
