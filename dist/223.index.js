export const id = 223;
export const ids = [223];
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

/***/ 3223:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  aliasRecordsStep: () => (/* binding */ aliasRecordsStep)
});

// UNUSED EXPORTS: CLOUDFRONT_HOSTED_ZONE_ID, dnsRecordsOutput, ensureAliasRecords, normaliseName, readAliasTargets, renderDnsSection

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-route-53/dist-cjs/index.js
var dist_cjs = __webpack_require__(8621);
// EXTERNAL MODULE: ./lib/aws/errors.js
var errors = __webpack_require__(6762);
// EXTERNAL MODULE: ./lib/concurrency.js
var concurrency = __webpack_require__(8316);
// EXTERNAL MODULE: ./lib/dns/plan.js
var dns_plan = __webpack_require__(328);
;// CONCATENATED MODULE: ./lib/dns/route53.js
// Route 53 reads and writes, thin and typed: the zones by name or ID, the record sets at one name,
// one change batch per zone, and polling a change until it is INSYNC.



// Route 53 allows five requests a second per account; pages this size keep the calls few.
const ZONE_PAGE = 100;
const RECORD_PAGE = 100;
class Route53 {
    client;
    constructor(client) {
        this.client = client;
    }
    /** GetHostedZone: the zone's name and whether it is private. */
    async zone(id) {
        const out = await this.client.send(new dist_cjs/* GetHostedZoneCommand */.HAz({ Id: (0,dns_plan/* bareId */.yW)(id) }));
        if (!out.HostedZone)
            throw new Error(`GetHostedZone for ${id} returned no hosted zone`);
        return zoneOf(out.HostedZone);
    }
    /**
     * Every hosted zone named exactly `name`, public and private (there may be several). The list is
     * sorted by name with the labels reversed, so zones of one name are adjacent from `DNSName` on.
     */
    async zonesNamed(name) {
        const wanted = (0,dns_plan/* normaliseName */.GX)(name);
        const zones = [];
        let dnsName = wanted;
        let zoneId;
        for (;;) {
            const out = await this.client.send(new dist_cjs/* ListHostedZonesByNameCommand */.agy({
                DNSName: dnsName,
                ...(zoneId ? { HostedZoneId: zoneId } : {}),
                MaxItems: ZONE_PAGE,
            }));
            const page = (out.HostedZones ?? []).map(zoneOf);
            const named = page.filter((z) => z.name === wanted);
            zones.push(...named);
            // Past the name (or out of pages): nothing further can match.
            if (named.length < page.length || !out.IsTruncated || !out.NextDNSName)
                return zones;
            if ((0,dns_plan/* normaliseName */.GX)(out.NextDNSName) !== wanted)
                return zones;
            dnsName = out.NextDNSName;
            zoneId = out.NextHostedZoneId;
        }
    }
    /** The record sets at exactly `name` (every type), as Route 53 lists them. */
    async recordSetsNamed(zoneId, name) {
        const wanted = (0,dns_plan/* normaliseName */.GX)(name);
        const found = [];
        let start = { StartRecordName: (0,dns_plan/* route53Name */.xu)(wanted) };
        for (;;) {
            const out = await this.client.send(new dist_cjs/* ListResourceRecordSetsCommand */.IOz({ HostedZoneId: (0,dns_plan/* bareId */.yW)(zoneId), ...start, MaxItems: RECORD_PAGE }));
            const page = out.ResourceRecordSets ?? [];
            const named = page.filter((r) => (0,dns_plan/* normaliseName */.GX)(r.Name ?? '') === wanted);
            found.push(...named);
            if (named.length < page.length || !out.IsTruncated || !out.NextRecordName)
                return found;
            if ((0,dns_plan/* normaliseName */.GX)(out.NextRecordName) !== wanted)
                return found;
            start = {
                StartRecordName: out.NextRecordName,
                ...(out.NextRecordType ? { StartRecordType: out.NextRecordType } : {}),
                ...(out.NextRecordIdentifier ? { StartRecordIdentifier: out.NextRecordIdentifier } : {}),
            };
        }
    }
    /** One atomic ChangeResourceRecordSets batch. */
    async change(zoneId, changes, comment) {
        const out = await this.client.send(new dist_cjs/* ChangeResourceRecordSetsCommand */.yzn({
            HostedZoneId: (0,dns_plan/* bareId */.yW)(zoneId),
            ChangeBatch: { Comment: comment, Changes: [...changes] },
        }));
        return { id: (0,dns_plan/* bareId */.yW)(out.ChangeInfo?.Id ?? ''), status: out.ChangeInfo?.Status ?? 'PENDING' };
    }
    async changeStatus(id) {
        const out = await this.client.send(new dist_cjs/* GetChangeCommand */.Yn4({ Id: (0,dns_plan/* bareId */.yW)(id) }));
        return out.ChangeInfo?.Status ?? 'unknown';
    }
}
function zoneOf(zone) {
    return {
        id: (0,dns_plan/* bareId */.yW)(zone.Id ?? ''),
        name: (0,dns_plan/* normaliseName */.GX)(zone.Name ?? ''),
        private: zone.Config?.PrivateZone === true,
    };
}
/**
 * Polls GetChange until every change is INSYNC (all Route 53 name servers answer with it).
 * Returns the final status of each change by ID; errors are reported as `error: CODE: message`.
 */
async function waitForInsync(changeIds, route53, options) {
    const statuses = new Map(changeIds.map((id) => [id, 'PENDING']));
    const pending = new Set(changeIds);
    const started = options.now();
    const pollMs = options.pollMs ?? 10_000;
    while (pending.size > 0) {
        for (const id of [...pending]) {
            try {
                const status = await route53.changeStatus(id);
                statuses.set(id, status);
                if (status === 'INSYNC')
                    pending.delete(id);
            }
            catch (error) {
                const f = (0,errors/* awsFailure */.MT)(error);
                statuses.set(id, `error: ${f.code}: ${f.message}`);
                pending.delete(id);
            }
        }
        const waited = options.now() - started;
        if (pending.size === 0 || waited >= options.timeoutMs)
            break;
        options.info(`Route 53 changes still PENDING after ${Math.round(waited / 1000)} s: ${[...pending].join(', ')}`);
        await options.sleep(Math.min(pollMs, Math.max(0, options.timeoutMs - waited)));
    }
    return statuses;
}

// EXTERNAL MODULE: ./lib/dns/render.js
var render = __webpack_require__(1231);
;// CONCATENATED MODULE: ./lib/dns/index.js
// Root-domain hosting: Route 53 alias records (A, and AAAA with IPv6) pointing each alias at the
// distribution it is on. Runs after the distributions were decided: only those that serve our
// certificate (updated, would-update, unchanged) get DNS; skipped and failed ones never do.







const DISABLED = (dryRun) => ({ enabled: false, dryRun, records: [], problems: [] });
/**
 * The distributions whose aliases DNS may point at, with the DomainName and IsIPV6Enabled that only
 * GetDistribution has. Reads nothing for skipped or failed distributions; a read that fails becomes
 * a problem and that distribution gets no records.
 */
async function readAliasTargets(outcomes, cloudfront, readConcurrency = 4) {
    const eligible = outcomes.filter((o) => dns_plan/* ELIGIBLE_OUTCOMES */.qe.includes(o.outcome) && o.aliases.length > 0);
    const problems = [];
    const read = await (0,concurrency/* mapLimit */.s)(eligible, readConcurrency, async (o) => {
        try {
            const target = await cloudfront.aliasTarget(o.id);
            return [{ id: o.id, aliases: o.aliases, outcome: o.outcome, ...target }];
        }
        catch (error) {
            const f = (0,errors/* awsFailure */.MT)(error);
            problems.push(`${o.id}: could not read its domain name for Route 53 (GetDistribution): ${f.code}: ${f.message}`);
            return [];
        }
    });
    return { distributions: read.flat(), problems };
}
/**
 * Ensures an alias A (and AAAA with IPv6) record for every alias of every eligible distribution, one
 * atomic ChangeResourceRecordSets batch per zone. A record pointing elsewhere is refused unless
 * `overwrite`. A dry run reads zones and records and reports what it would change, writing nothing.
 * AWS errors are reported, never thrown.
 */
async function ensureAliasRecords(input) {
    if (!(0,dns_plan/* dnsEnabled */.rH)(input.zones))
        return DISABLED(input.dryRun);
    const distributions = input.distributions.filter((d) => dns_plan/* ELIGIBLE_OUTCOMES */.qe.includes(d.outcome) && d.aliases.length > 0);
    const report = (records, problems = []) => ({
        enabled: true,
        dryRun: input.dryRun,
        records,
        problems,
    });
    if (distributions.length === 0)
        return report([]);
    const route53 = new Route53(input.client);
    const aliases = [...new Set(distributions.flatMap((d) => d.aliases))];
    const found = await findZones(input.zones, aliases, route53, input.info);
    if ('problems' in found)
        return report([], found.problems);
    const wanted = (0,dns_plan/* wantedRecords */.IH)(distributions, found.zones);
    // What each zone holds at the names we need: one listing per name, not the whole zone.
    const existing = new Map();
    const unreadable = new Map();
    for (const [zoneId, names] of namesByZone(wanted)) {
        try {
            const sets = [];
            for (const name of names)
                sets.push(...(await route53.recordSetsNamed(zoneId, name)));
            existing.set(zoneId, sets);
        }
        catch (error) {
            unreadable.set(zoneId, (0,errors/* awsFailure */.MT)(error));
        }
    }
    const readable = wanted.filter((w) => 'none' in w.zone || !unreadable.has(w.zone.id));
    const plan = (0,dns_plan/* planAliasRecords */.WK)(readable, existing, { overwrite: input.overwrite });
    const results = plan.records.map((r) => resultOf(r, input.dryRun));
    for (const w of wanted) {
        if ('none' in w.zone)
            continue;
        const f = unreadable.get(w.zone.id);
        if (f === undefined)
            continue;
        results.push({
            ...identity(w.distributionId, w.name, w.type, w.zone, w.target),
            status: 'failed',
            code: f.code,
            reason: `could not list the records of zone ${w.zone.id} (ListResourceRecordSets): ${f.code}: ${f.message}`,
        });
    }
    if (input.dryRun || plan.batches.length === 0)
        return report(logged(results, input.info));
    const problems = [];
    const changes = [];
    for (const batch of plan.batches) {
        try {
            const change = await route53.change(batch.zone.id, batch.changes, input.comment ?? 'cloudfront-certificate-deploy: alias records for CloudFront distributions');
            input.info(`Zone ${batch.zone.name} (${batch.zone.id}): change ${change.id} ${change.status}`);
            changes.push({ id: change.id, zone: batch.zone });
            for (const i of batch.records) {
                const r = results[i];
                if (r)
                    results[i] = { ...r, changeId: change.id, changeStatus: change.status };
            }
        }
        catch (error) {
            const f = (0,errors/* awsFailure */.MT)(error);
            for (const i of batch.records) {
                const r = results[i];
                if (!r)
                    continue;
                results[i] = {
                    ...r,
                    status: 'failed',
                    code: f.code,
                    // Route 53 applies a batch whole or not at all, so every record in it shares the failure.
                    reason: `ChangeResourceRecordSets failed for zone ${batch.zone.name}: ${f.code}: ${f.message}`,
                };
            }
        }
    }
    if (input.wait && changes.length > 0) {
        const statuses = await waitForInsync(changes.map((c) => c.id), route53, {
            timeoutMs: input.timeoutMs,
            now: input.now,
            sleep: input.sleep,
            info: input.info,
            ...(input.pollMs !== undefined ? { pollMs: input.pollMs } : {}),
        });
        const minutes = Math.round(input.timeoutMs / 60_000);
        for (const c of changes) {
            const status = statuses.get(c.id) ?? 'unknown';
            if (status !== 'INSYNC') {
                problems.push(`Route 53 change ${c.id} (zone ${c.zone.name}) was not INSYNC within ${minutes} minutes: ${status}`);
            }
        }
        for (const [i, r] of results.entries()) {
            if (r.changeId !== undefined)
                results[i] = { ...r, changeStatus: statuses.get(r.changeId) };
        }
    }
    return report(logged(results, input.info), problems);
}
function logged(results, info) {
    for (const r of results)
        info(`${r.name} ${r.type}: ${r.status}: ${r.reason}`);
    return results;
}
/**
 * The whole DNS step for run(): nothing at all when route53-hosted-zone-ids is empty; otherwise one
 * GetDistribution per eligible distribution, then ensureAliasRecords with its own Route53Client.
 */
async function aliasRecordsStep(input) {
    if (!(0,dns_plan/* dnsEnabled */.rH)(input.zones))
        return DISABLED(input.dryRun);
    const { outcomes, cloudfront, clientConfig, ...rest } = input;
    const targets = await readAliasTargets(outcomes, cloudfront);
    const client = new dist_cjs/* Route53Client */.LhC(clientConfig);
    try {
        const report = await ensureAliasRecords({ ...rest, distributions: targets.distributions, client });
        return { ...report, problems: [...targets.problems, ...report.problems] };
    }
    finally {
        client.destroy();
    }
}
/** The zones to match aliases against: the given IDs (GetHostedZone) or, with `auto`, found by name. */
async function findZones(zones, aliases, route53, info) {
    const problems = [];
    const found = [];
    if (zones !== 'auto') {
        for (const id of [...new Set(zones.map(dns_plan/* bareId */.yW))]) {
            try {
                const zone = await route53.zone(id);
                info(`Hosted zone ${zone.id}: ${zone.name}${zone.private ? ' (private: not used for alias records)' : ''}`);
                found.push(zone);
            }
            catch (error) {
                const f = (0,errors/* awsFailure */.MT)(error);
                problems.push(`route53-hosted-zone-ids: could not read hosted zone ${id} (GetHostedZone): ${f.code}: ${f.message}`);
            }
        }
        return problems.length > 0 ? { problems } : { zones: found };
    }
    // Longest suffix first; stop at the first name with a public zone (a closer zone wins).
    const byName = new Map();
    for (const alias of aliases) {
        for (const name of (0,dns_plan/* candidateZoneNames */.io)(alias)) {
            let named = byName.get(name);
            if (!named) {
                try {
                    named = await route53.zonesNamed(name);
                }
                catch (error) {
                    const f = (0,errors/* awsFailure */.MT)(error);
                    problems.push(`route53-hosted-zone-ids: auto: could not look up hosted zones named ${name} (ListHostedZonesByName): ${f.code}: ${f.message}`);
                    return { problems };
                }
                byName.set(name, named);
                for (const z of named)
                    if (!found.some((f) => f.id === z.id))
                        found.push(z);
            }
            if (named.some((z) => !z.private))
                break;
        }
    }
    for (const z of found)
        info(`Hosted zone ${z.id}: ${z.name}${z.private ? ' (private: not used)' : ''}`);
    return { zones: found };
}
function namesByZone(wanted) {
    const names = new Map();
    for (const w of wanted) {
        if ('none' in w.zone)
            continue;
        const set = names.get(w.zone.id) ?? new Set();
        set.add(w.name);
        names.set(w.zone.id, set);
    }
    return new Map([...names].map(([zone, set]) => [zone, [...set]]));
}
function identity(distributionId, name, type, zone, target) {
    return { distributionId, name, type, zoneId: zone?.id, zoneName: zone?.name, target };
}
function resultOf(r, dryRun) {
    const base = { ...identity(r.distributionId, r.name, r.type, r.zone, r.target), reason: r.decision.reason };
    switch (r.decision.kind) {
        case 'create':
            return { ...base, status: dryRun ? 'would-create' : 'created' };
        case 'overwrite':
            return { ...base, status: dryRun ? 'would-overwrite' : 'overwritten' };
        case 'unchanged':
            return { ...base, status: 'unchanged' };
        case 'conflict':
            return { ...base, status: 'refused' };
        case 'no-zone':
            return { ...base, status: 'no-zone' };
    }
}


/***/ })

};
