export const id = 803;
export const ids = [803];
export const modules = {

/***/ 4803:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   apply: () => (/* binding */ apply)
/* harmony export */ });
/* harmony import */ var _aws_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6762);
/* harmony import */ var _distribution_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(781);
/* harmony import */ var _outcome_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3259);
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
            const message = (0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .gJ)(error);
            const code = (0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .awsFailure */ .MT)(error).code;
            // Distributions on the ARN were to pick the certificate up through the re-import: they still
            // serve the old one, so they failed too, not "unchanged".
            const onArn = (d) => step.kind === 'reimport' && d.decision.kind === 'unchanged' && d.previousCertificateArn === step.arn;
            const outcomes = plan.distributions.map((d) => {
                if (d.decision.kind === 'update') {
                    return { ...(0,_outcome_js__WEBPACK_IMPORTED_MODULE_2__/* .outcomeOf */ .s)(d, false), outcome: 'failed', reason: `not updated: ${message}`, code };
                }
                if (onArn(d)) {
                    return {
                        ...(0,_outcome_js__WEBPACK_IMPORTED_MODULE_2__/* .outcomeOf */ .s)(d, false),
                        outcome: 'failed',
                        reason: `still serves the old certificate: ${message}`,
                        code,
                    };
                }
                return (0,_outcome_js__WEBPACK_IMPORTED_MODULE_2__/* .outcomeOf */ .s)(d, false);
            });
            return { certificateArn: undefined, outcomes, importFailure: message };
        }
    }
    const outcomes = await writeAll(plan, arn, aws, options);
    return { certificateArn: arn, outcomes, importFailure: undefined };
}
// CloudFront answers 400 Throttling ("Rate exceeded") at a few UpdateDistribution calls a second
// per account, and does not publish the rate. The SDK's retries (jittered backoff) absorb short
// bursts; a write still throttled after them goes back to the end of the queue after a pause that
// doubles while nothing gets through and halves on each success. So a fleet slows down to the rate
// CloudFront allows instead of failing distributions.
const THROTTLING = ['Throttling', 'ThrottlingException', 'TooManyRequestsException', 'RequestLimitExceeded'];
const MIN_PAUSE_MS = 1_000;
const MAX_PAUSE_MS = 30_000;
async function writeAll(plan, arn, aws, options) {
    const outcomes = plan.distributions.map((d) => (0,_outcome_js__WEBPACK_IMPORTED_MODULE_2__/* .outcomeOf */ .s)(d, false));
    const queue = plan.distributions.flatMap((d, index) => d.decision.kind === 'update' && arn !== undefined ? [{ planned: d, index }] : []);
    const total = queue.length;
    const started = options.now();
    let done = 0;
    let pause = 0;
    let lastProgress = started;
    const worker = async () => {
        for (let item = queue.shift(); item !== undefined; item = queue.shift()) {
            const result = await writeOne(item.planned, arn, aws, options);
            if (!('throttled' in result)) {
                outcomes[item.index] = result;
                if (result.outcome === 'updated') {
                    done++;
                    lastProgress = options.now();
                    pause = Math.floor(pause / 2);
                    options.info(`Updated ${item.planned.id} (${done} of ${total}${eta(started, options.now(), done, total)})`);
                }
                continue;
            }
            if (options.now() - lastProgress >= options.maxThrottleStallMs) {
                const waited = Math.round((options.now() - lastProgress) / 1000);
                outcomes[item.index] = {
                    ...(0,_outcome_js__WEBPACK_IMPORTED_MODULE_2__/* .outcomeOf */ .s)(item.planned, false),
                    outcome: 'failed',
                    code: 'Throttling',
                    reason: `UpdateDistribution was throttled for ${waited} s without a single write getting through; not updated (a re-run finishes the job)`,
                };
                continue;
            }
            pause = Math.min(MAX_PAUSE_MS, Math.max(MIN_PAUSE_MS, pause * 2));
            options.info(`${item.planned.id}: throttled by CloudFront; slowing down (next attempt in ${pause / 1000} s)`);
            // Back with what it is now (a 412 may have re-read it), so the next try starts from there.
            queue.push({ planned: result.throttled, index: item.index });
            await options.sleep(pause);
        }
    };
    await Promise.all(Array.from({ length: Math.min(options.writeConcurrency, total) }, worker));
    return outcomes;
}
function eta(started, now, done, total) {
    if (done === 0 || done === total)
        return '';
    const left = Math.ceil((((now - started) / done) * (total - done)) / 1000);
    return `, about ${left} s left`;
}
/** One distribution's write, re-deciding after a 412; `throttled` sends it back to the queue. */
async function writeOne(planned, arn, aws, options) {
    const { cloudfront } = aws;
    let current = planned;
    for (let attempt = 0;; attempt++) {
        const decision = current.decision;
        if (decision.kind !== 'update' || current.state === undefined)
            return (0,_outcome_js__WEBPACK_IMPORTED_MODULE_2__/* .outcomeOf */ .s)(current, false);
        const config = (0,_distribution_js__WEBPACK_IMPORTED_MODULE_3__/* .withViewerCertificate */ .WP)(decision.config, {
            ...decision.viewerCertificate,
            ACMCertificateArn: arn,
        });
        try {
            await cloudfront.write(current.state, config);
            return (0,_outcome_js__WEBPACK_IMPORTED_MODULE_2__/* .outcomeOf */ .s)(current, false);
        }
        catch (error) {
            if ((0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .isErrorCode */ .We)(error, ...THROTTLING))
                return { throttled: current };
            const failure = (0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .awsFailure */ .MT)(error);
            if (failure.code !== 'PreconditionFailed' || attempt >= options.maxConflictRetries) {
                return {
                    ...(0,_outcome_js__WEBPACK_IMPORTED_MODULE_2__/* .outcomeOf */ .s)(current, false),
                    outcome: 'failed',
                    reason: `UpdateDistribution failed: ${failure.code}: ${failure.message}`,
                    code: failure.code,
                };
            }
            options.info(`${current.id} changed since it was read (PreconditionFailed): reading it again`);
            try {
                const state = await cloudfront.read(current.id);
                // The other writer may have attached another certificate: know its expiry before replacing
                // it, so the downgrade guard (and delete-replaced-certificates) judge the real one.
                const attachedNow = (0,_distribution_js__WEBPACK_IMPORTED_MODULE_3__/* .attachedAcmArn */ .Zt)(state.config);
                let seen = options.seen;
                if (attachedNow !== undefined && attachedNow !== arn && !seen.certificates.has(attachedNow)) {
                    let record;
                    try {
                        record = await aws.acm.describe(attachedNow);
                    }
                    catch (describeError) {
                        const f = (0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .awsFailure */ .MT)(describeError);
                        return {
                            ...(0,_outcome_js__WEBPACK_IMPORTED_MODULE_2__/* .outcomeOf */ .s)(current, false),
                            previousCertificateArn: attachedNow,
                            outcome: 'skipped',
                            reason: `changed since it was read to ${attachedNow}, which could not be described (${f.code}): not replaced`,
                        };
                    }
                    seen = { ...seen, certificates: new Map([...seen.certificates, [attachedNow, record]]) };
                }
                // Or an IAM server certificate: its expiry comes from IAM, or it is not replaced.
                const iamNow = (0,_distribution_js__WEBPACK_IMPORTED_MODULE_3__/* .attachedIamId */ .P8)(state.config);
                if (iamNow !== undefined && !seen.iamCertificates.has(iamNow)) {
                    let listed;
                    let why = 'not listed under /cloudfront';
                    try {
                        listed = (await (await aws.iam()).serverCertificates()).get(iamNow);
                    }
                    catch (listError) {
                        why = (0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .awsFailure */ .MT)(listError).code;
                    }
                    if (listed === undefined) {
                        return {
                            ...(0,_outcome_js__WEBPACK_IMPORTED_MODULE_2__/* .outcomeOf */ .s)(current, false),
                            outcome: 'skipped',
                            reason: `changed since it was read to IAM certificate ${iamNow}, whose expiry could not be read (${why}): not replaced`,
                        };
                    }
                    seen = { ...seen, iamCertificates: new Map([...seen.iamCertificates, [iamNow, listed]]) };
                }
                current = (0,_plan_js__WEBPACK_IMPORTED_MODULE_1__/* .decideDistribution */ .ne)(options.leaf, state, seen, arn, false, options.settings);
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
    }
}


/***/ })

};
