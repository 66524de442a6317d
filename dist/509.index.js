export const id = 509;
export const ids = [509];
export const modules = {

/***/ 4509:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CloudFront: () => (/* binding */ CloudFront)
/* harmony export */ });
/* harmony import */ var _aws_sdk_client_cloudfront__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3169);
// CloudFront reads and writes: the full config with its ETag, and If-Match on every write.

class CloudFront {
    client;
    constructor(client) {
        this.client = client;
    }
    async read(id, signal) {
        const out = await this.client.send(new _aws_sdk_client_cloudfront__WEBPACK_IMPORTED_MODULE_0__.GetDistributionConfigCommand({ Id: id }), signal ? { abortSignal: signal } : {});
        if (!out.DistributionConfig || !out.ETag) {
            throw new Error(`GetDistributionConfig for ${id} returned no config or no ETag`);
        }
        return { id, etag: out.ETag, config: out.DistributionConfig };
    }
    /** Sends the whole config back with the ETag it was read with; returns the new ETag. */
    async write(state, config) {
        const out = await this.client.send(new _aws_sdk_client_cloudfront__WEBPACK_IMPORTED_MODULE_0__.UpdateDistributionCommand({ Id: state.id, IfMatch: state.etag, DistributionConfig: config }));
        return out.ETag ?? '';
    }
    async status(id) {
        const out = await this.client.send(new _aws_sdk_client_cloudfront__WEBPACK_IMPORTED_MODULE_0__.GetDistributionCommand({ Id: id }));
        return out.Distribution?.Status ?? 'unknown';
    }
    /**
     * What a Route 53 alias record points at. Only GetDistribution has the DomainName
     * (GetDistributionConfig does not), so this is one more read, made only when Route 53 is on.
     */
    async aliasTarget(id) {
        const out = await this.client.send(new _aws_sdk_client_cloudfront__WEBPACK_IMPORTED_MODULE_0__.GetDistributionCommand({ Id: id }));
        const domainName = out.Distribution?.DomainName;
        if (!domainName)
            throw new Error(`GetDistribution for ${id} returned no DomainName`);
        return { domainName, ipv6Enabled: out.Distribution?.DistributionConfig?.IsIPV6Enabled === true };
    }
    /** Returns the invalidation ID. */
    async invalidate(id, paths, callerReference) {
        const out = await this.client.send(new _aws_sdk_client_cloudfront__WEBPACK_IMPORTED_MODULE_0__.CreateInvalidationCommand({
            DistributionId: id,
            InvalidationBatch: {
                CallerReference: callerReference,
                Paths: { Quantity: paths.length, Items: [...paths] },
            },
        }));
        return out.Invalidation?.Id ?? '';
    }
}


/***/ })

};
