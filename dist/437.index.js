export const id = 437;
export const ids = [437];
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

/***/ 6437:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  aliasRecordsStep: () => (/* binding */ aliasRecordsStep)
});

// UNUSED EXPORTS: CLOUDFRONT_HOSTED_ZONE_ID, dnsEnabled, dnsRecordsOutput, ensureAliasRecords, normaliseName, readAliasTargets, renderDnsSection

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-route-53/dist-cjs/index.js
var dist_cjs = __webpack_require__(8621);
// EXTERNAL MODULE: ./lib/aws/errors.js
var errors = __webpack_require__(6762);
// EXTERNAL MODULE: ./lib/concurrency.js
var concurrency = __webpack_require__(8316);
;// CONCATENATED MODULE: ./lib/dns/plan.js
/**
 * The hosted zone ID every alias record for a CloudFront distribution must name (fixed by AWS).
 * https://docs.aws.amazon.com/Route53/latest/APIReference/API_AliasTarget.html
 */
const CLOUDFRONT_HOSTED_ZONE_ID = 'Z2FDTNDATAQYW2';
/** Outcomes after which the distribution serves our certificate: the only ones DNS may point at. */
const ELIGIBLE_OUTCOMES = ['updated', 'would-update', 'unchanged'];
/**
 * Route 53 escapes every character outside `a-z0-9-_.` as `\ooo` (octal): a wildcard record comes
 * back as `\052.example.com.`. Names compare case-insensitively, without the trailing dot.
 * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/DomainNameFormat.html
 */
function normaliseName(name) {
    return name
        .replace(/\\([0-7]{3})/g, (_, octal) => String.fromCharCode(parseInt(octal, 8)))
        .toLowerCase()
        .replace(/\.$/, '');
}
/** A normalised name as Route 53 stores and lists it (`*.example.com` -> `\052.example.com`). */
function route53Name(name) {
    return name.replace(/\*/g, '\\052');
}
/** Strips `/hostedzone/` (and `/change/`), which Route 53 returns and some people paste. */
function bareId(id) {
    return id.trim().replace(/^\/?(hostedzone|change)\//, '');
}
/**
 * The names a zone for `name` could have, longest first: whole-label suffixes only, so
 * `pi.example.com` is never a candidate for `api.example.com`. A wildcard label is not a zone, and
 * single labels are top-level domains, which Route 53 does not host.
 */
function candidateZoneNames(name) {
    const labels = normaliseName(name).split('.');
    const names = [];
    for (let i = 0; i < labels.length - 1; i++) {
        if (labels[i] === '*')
            continue;
        names.push(labels.slice(i).join('.'));
    }
    return names;
}
/** The public zone holding `name` (longest label-suffix match), or why there is none. */
function zoneFor(name, zones) {
    for (const candidate of candidateZoneNames(name)) {
        const matches = zones.filter((z) => z.name === candidate && !z.private);
        const [only] = matches;
        if (matches.length === 1 && only)
            return only;
        if (matches.length > 1) {
            return {
                ambiguous: true,
                none: `${matches.length} public hosted zones are named ${candidate} (${matches.map((z) => z.id).join(', ')}): list the one that is delegated in route53-hosted-zone-ids`,
            };
        }
    }
    const privateOnly = zones.some((z) => z.private && candidateZoneNames(name).includes(z.name));
    return {
        none: privateOnly
            ? `only a private hosted zone holds ${name}: alias records for viewers go in a public zone`
            : `no public hosted zone for ${name}`,
    };
}
/** The records each eligible distribution needs: A always, AAAA when IPv6 is enabled. */
function wantedRecords(distributions, zones) {
    const wanted = [];
    for (const d of distributions) {
        if (!ELIGIBLE_OUTCOMES.includes(d.outcome))
            continue;
        const target = normaliseName(d.domainName);
        for (const alias of d.aliases) {
            const name = normaliseName(alias);
            const zone = zoneFor(name, zones);
            const types = d.ipv6Enabled ? ['A', 'AAAA'] : ['A'];
            for (const type of types)
                wanted.push({ distributionId: d.id, name, type, target, zone });
        }
    }
    return wanted;
}
/**
 * Decides each wanted record against the record sets its zone holds at that name (`existing`, by
 * zone ID, as ListResourceRecordSets returned them) and groups the writes into one batch per zone.
 */
function planAliasRecords(wanted, existing, options) {
    const claimed = new Map();
    const records = wanted.map((w) => {
        const base = { distributionId: w.distributionId, name: w.name, type: w.type, target: w.target };
        if ('none' in w.zone) {
            const kind = w.zone.ambiguous ? 'conflict' : 'no-zone';
            return { ...base, zone: undefined, decision: { kind, reason: w.zone.none } };
        }
        const zone = w.zone;
        // CloudFront refuses the same alias on two distributions, but a list may name one twice.
        const key = `${zone.id} ${w.name} ${w.type}`;
        const owner = claimed.get(key);
        if (owner !== undefined && owner !== w.distributionId) {
            return {
                ...base,
                zone,
                decision: { kind: 'conflict', reason: `${w.name} is an alias of ${owner} too` },
            };
        }
        claimed.set(key, w.distributionId);
        const atName = (existing.get(zone.id) ?? []).filter((r) => normaliseName(r.Name ?? '') === w.name);
        return { ...base, zone, decision: decideRecord(w, atName, options.overwrite) };
    });
    return { records, batches: batchesOf(records) };
}
function decideRecord(wanted, atName, overwrite) {
    const { name, type, target } = wanted;
    const routed = atName.filter((r) => r.Type === type && r.SetIdentifier !== undefined);
    if (routed.length > 0) {
        // Weighted, latency, geo ... records are a set someone designed; one simple record cannot
        // replace them in a single UPSERT, and deleting them all is not ours to decide.
        return {
            kind: 'conflict',
            reason: `${name} has ${type} records with a routing policy (set identifier ${routed.map((r) => r.SetIdentifier).join(', ')}); not replaced, even with route53-overwrite`,
        };
    }
    const cname = atName.find((r) => r.Type === 'CNAME');
    if (cname) {
        const what = `a CNAME record points ${name} at ${describeTarget(cname)}`;
        // A CNAME excludes every other record at its name: it must go in the same batch.
        return overwrite
            ? { kind: 'overwrite', reason: `replaces ${what}`, deletes: [cname] }
            : { kind: 'conflict', reason: `${what}; set route53-overwrite: true to replace it` };
    }
    const current = atName.find((r) => r.Type === type);
    if (!current)
        return { kind: 'create', reason: `alias ${type} record -> ${target}` };
    if (pointsAt(current, target))
        return { kind: 'unchanged', reason: `already an alias of ${target}` };
    const what = `the ${type} record ${name} points at ${describeTarget(current)}`;
    return overwrite
        ? { kind: 'overwrite', reason: `replaces ${what}`, deletes: [] }
        : { kind: 'conflict', reason: `${what}; set route53-overwrite: true to replace it` };
}
function pointsAt(record, target) {
    const alias = record.AliasTarget;
    return (alias !== undefined &&
        alias.HostedZoneId === CLOUDFRONT_HOSTED_ZONE_ID &&
        normaliseName(alias.DNSName ?? '') === target);
}
/** What a record points at, in the words of a report. */
function describeTarget(record) {
    const alias = record.AliasTarget;
    if (alias) {
        const dnsName = normaliseName(alias.DNSName ?? '');
        return alias.HostedZoneId === CLOUDFRONT_HOSTED_ZONE_ID
            ? `another CloudFront distribution (${dnsName})`
            : `${dnsName} (alias, zone ${alias.HostedZoneId ?? '?'})`;
    }
    const values = (record.ResourceRecords ?? []).map((r) => r.Value ?? '');
    return values.length > 0 ? values.join(', ') : 'nothing';
}
/** The alias record set we write for a planned record. */
function aliasRecordSet(record) {
    return {
        Name: record.name,
        Type: record.type,
        // CloudFront alias targets cannot evaluate target health: Route 53 requires false.
        AliasTarget: {
            HostedZoneId: CLOUDFRONT_HOSTED_ZONE_ID,
            DNSName: record.target,
            EvaluateTargetHealth: false,
        },
    };
}
/**
 * One batch per zone, applied atomically by Route 53. A record we saw absent is a CREATE, not an
 * UPSERT: if someone adds one between our read and our write, Route 53 refuses the batch instead
 * of us overwriting it. Deletes of a CNAME come first, once, even when A and AAAA both replace it.
 */
function batchesOf(records) {
    const byZone = new Map();
    records.forEach((r, i) => {
        const d = r.decision;
        if (!r.zone || (d.kind !== 'create' && d.kind !== 'overwrite'))
            return;
        let batch = byZone.get(r.zone.id);
        if (!batch) {
            batch = { zone: r.zone, deletes: [], writes: [], records: [], deleted: new Set() };
            byZone.set(r.zone.id, batch);
        }
        if (d.kind === 'overwrite') {
            for (const old of d.deletes) {
                const key = `${normaliseName(old.Name ?? '')} ${old.Type ?? ''}`;
                if (batch.deleted.has(key))
                    continue;
                batch.deleted.add(key);
                batch.deletes.push({ Action: 'DELETE', ResourceRecordSet: old });
            }
        }
        batch.writes.push({
            Action: d.kind === 'create' ? 'CREATE' : 'UPSERT',
            ResourceRecordSet: aliasRecordSet(r),
        });
        batch.records.push(i);
    });
    return [...byZone.values()].map((b) => ({
        zone: b.zone,
        changes: [...b.deletes, ...b.writes],
        records: b.records,
    }));
}

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
        const out = await this.client.send(new dist_cjs/* GetHostedZoneCommand */.HAz({ Id: bareId(id) }));
        if (!out.HostedZone)
            throw new Error(`GetHostedZone for ${id} returned no hosted zone`);
        return zoneOf(out.HostedZone);
    }
    /**
     * Every hosted zone named exactly `name`, public and private (there may be several). The list is
     * sorted by name with the labels reversed, so zones of one name are adjacent from `DNSName` on.
     */
    async zonesNamed(name) {
        const wanted = normaliseName(name);
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
            if (normaliseName(out.NextDNSName) !== wanted)
                return zones;
            dnsName = out.NextDNSName;
            zoneId = out.NextHostedZoneId;
        }
    }
    /** The record sets at exactly `name` (every type), as Route 53 lists them. */
    async recordSetsNamed(zoneId, name) {
        const wanted = normaliseName(name);
        const found = [];
        let start = { StartRecordName: route53Name(wanted) };
        for (;;) {
            const out = await this.client.send(new dist_cjs/* ListResourceRecordSetsCommand */.IOz({ HostedZoneId: bareId(zoneId), ...start, MaxItems: RECORD_PAGE }));
            const page = out.ResourceRecordSets ?? [];
            const named = page.filter((r) => normaliseName(r.Name ?? '') === wanted);
            found.push(...named);
            if (named.length < page.length || !out.IsTruncated || !out.NextRecordName)
                return found;
            if (normaliseName(out.NextRecordName) !== wanted)
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
            HostedZoneId: bareId(zoneId),
            ChangeBatch: { Comment: comment, Changes: [...changes] },
        }));
        return { id: bareId(out.ChangeInfo?.Id ?? ''), status: out.ChangeInfo?.Status ?? 'PENDING' };
    }
    async changeStatus(id) {
        const out = await this.client.send(new dist_cjs/* GetChangeCommand */.Yn4({ Id: bareId(id) }));
        return out.ChangeInfo?.Status ?? 'unknown';
    }
}
function zoneOf(zone) {
    return {
        id: bareId(zone.Id ?? ''),
        name: normaliseName(zone.Name ?? ''),
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
/** Whether `route53-hosted-zone-ids` asks for DNS at all (`auto` or at least one ID). */
function dnsEnabled(zones) {
    return zones === 'auto' || zones.length > 0;
}
/**
 * The distributions whose aliases DNS may point at, with the DomainName and IsIPV6Enabled that only
 * GetDistribution has. Reads nothing for skipped or failed distributions; a read that fails becomes
 * a problem and that distribution gets no records.
 */
async function readAliasTargets(outcomes, cloudfront, readConcurrency = 4) {
    const eligible = outcomes.filter((o) => ELIGIBLE_OUTCOMES.includes(o.outcome) && o.aliases.length > 0);
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
    if (!dnsEnabled(input.zones))
        return DISABLED(input.dryRun);
    const distributions = input.distributions.filter((d) => ELIGIBLE_OUTCOMES.includes(d.outcome) && d.aliases.length > 0);
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
    const wanted = wantedRecords(distributions, found.zones);
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
    const plan = planAliasRecords(readable, existing, { overwrite: input.overwrite });
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
    if (!dnsEnabled(input.zones))
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
        for (const id of [...new Set(zones.map(bareId))]) {
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
        for (const name of candidateZoneNames(alias)) {
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
