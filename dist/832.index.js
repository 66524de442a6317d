export const id = 832;
export const ids = [832];
export const modules = {

/***/ 9832:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   IAMClient: () => (/* reexport safe */ _aws_sdk_client_iam__WEBPACK_IMPORTED_MODULE_1__.h8v),
/* harmony export */   Iam: () => (/* binding */ Iam)
/* harmony export */ });
/* harmony import */ var _aws_sdk_client_iam__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6764);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6762);
// IAM server certificates: the legacy way to give CloudFront a certificate (IAMCertificateId). Read
// only to know the expiry of the one a distribution serves, so the downgrade guard covers it too.
// Loaded only when a listed distribution serves one.



// CloudFront uses only server certificates uploaded under this path.
// https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/cnames-and-https-procedures.html
const CLOUDFRONT_PATH = '/cloudfront';
class Iam {
    client;
    constructor(client) {
        this.client = client;
    }
    /** Every server certificate CloudFront could use, by its ID (what IAMCertificateId holds). */
    async serverCertificates(signal) {
        const certificates = new Map();
        let marker;
        try {
            do {
                const out = await this.client.send(new _aws_sdk_client_iam__WEBPACK_IMPORTED_MODULE_1__/* .ListServerCertificatesCommand */ .n8o({
                    PathPrefix: CLOUDFRONT_PATH,
                    MaxItems: 1000,
                    ...(marker ? { Marker: marker } : {}),
                }), signal ? { abortSignal: signal } : {});
                for (const m of out.ServerCertificateMetadataList ?? []) {
                    if (!m.ServerCertificateId)
                        continue;
                    certificates.set(m.ServerCertificateId, {
                        id: m.ServerCertificateId,
                        name: m.ServerCertificateName ?? m.ServerCertificateId,
                        notAfter: m.Expiration,
                    });
                }
                marker = out.IsTruncated ? out.Marker : undefined;
            } while (marker);
        }
        catch (error) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .AwsCallError */ .iQ('could not list IAM server certificates', error);
        }
        return certificates;
    }
}


/***/ })

};
