// Switchboard's deployment rules, checked on top of the schemas: secrets only by reference, pinned images,
// probes on the health endpoints, and the call-gateway's scaling and drain settings agreeing with each other.

const SECRET_ENV = /(KEY|TOKEN|PASSWORD|SECRET|ACCOUNT_SID)$/;
const READY = "/q/health/ready";
const LIVE = "/q/health/live";
const CLOUD_RUN_GRACE_SECONDS = 10;   // fixed by Cloud Run: SIGTERM, then SIGKILL 10 s later
const MAX_REQUEST_SECONDS = 3600;     // Cloud Run's cap, and the most we ask a Knative operator to allow
const MIN_CALL_SECONDS = 1800;        // a gateway must let a call last at least half an hour
const CONCURRENCY_HEADROOM = 20;      // webhook slots allowed above SWITCHBOARD_MAX_CALLS

/** Parses "600s", "10m", "1h30m" or a bare number of seconds into seconds; NaN when unreadable. */
export function seconds(text) {
    const value = String(text ?? "").trim();
    if (/^\d+$/.test(value)) {
        return Number(value);
    }
    const parts = [...value.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)];
    if (!parts.length || parts.map((p) => p[0]).join("") !== value) {
        return NaN;
    }
    const unit = { ms: 0.001, s: 1, m: 60, h: 3600 };
    return parts.reduce((sum, [, n, u]) => sum + Number(n) * unit[u], 0);
}

function envValue(container, name) {
    return (container.env ?? []).find((e) => e.name === name)?.value;
}

function containerRules(container, where, problems) {
    for (const env of container.env ?? []) {
        if (SECRET_ENV.test(env.name) && (env.value !== undefined || !env.valueFrom?.secretKeyRef)) {
            problems.push(`${where}: env ${env.name} must come from a secretKeyRef, never a literal value`);
        }
    }
    const image = container.image ?? "";
    const tag = image.includes("@") ? "digest" : image.split("/").pop().split(":")[1];
    if (!tag || tag === "latest") {
        problems.push(`${where}: image ${image} must be pinned to a version tag or digest`);
    }
}

function probePath(probe) {
    return probe?.httpGet?.path;
}

function probeRules(container, where, problems, { cloudRun }) {
    const ready = cloudRun ? container.startupProbe ?? container.readinessProbe : container.readinessProbe;
    if (probePath(ready) !== READY) {
        problems.push(`${where}: ${cloudRun ? "startup" : "readiness"} probe must GET ${READY}`);
    }
    if (probePath(container.livenessProbe) !== LIVE) {
        problems.push(`${where}: liveness probe must GET ${LIVE}`);
    }
}

function isGateway(doc) {
    return doc.metadata?.name === "call-gateway";
}

function knativeRules(doc, where, problems) {
    const template = doc.spec?.template ?? {};
    const annotations = template.metadata?.annotations ?? {};
    const cloudRun = Object.keys({ ...annotations, ...doc.metadata?.annotations }).some((k) => k.startsWith("run.googleapis.com/"));
    const spec = template.spec ?? {};
    for (const container of spec.containers ?? []) {
        containerRules(container, where, problems);
        probeRules(container, where, problems, { cloudRun });
    }
    if (!isGateway(doc)) {
        return;
    }
    const minScale = Number(annotations["autoscaling.knative.dev/min-scale"] ?? annotations["autoscaling.knative.dev/minScale"]);
    if (!(minScale >= 1)) {
        problems.push(`${where}: call-gateway needs autoscaling.knative.dev/min-scale >= 1 (got ${minScale})`);
    }
    const gateway = spec.containers?.[0] ?? {};
    const maxCalls = Number(envValue(gateway, "SWITCHBOARD_MAX_CALLS"));
    const concurrency = spec.containerConcurrency;
    if (!(maxCalls > 0)) {
        problems.push(`${where}: call-gateway must set SWITCHBOARD_MAX_CALLS`);
    } else if (!(concurrency >= maxCalls && concurrency <= maxCalls + CONCURRENCY_HEADROOM)) {
        problems.push(`${where}: containerConcurrency ${concurrency} must be between SWITCHBOARD_MAX_CALLS (${maxCalls}) and ${maxCalls + CONCURRENCY_HEADROOM}`);
    }
    const timeout = spec.timeoutSeconds;
    if (!(timeout >= MIN_CALL_SECONDS && timeout <= MAX_REQUEST_SECONDS)) {
        problems.push(`${where}: timeoutSeconds ${timeout} must be between ${MIN_CALL_SECONDS} and ${MAX_REQUEST_SECONDS} (a call's length within platform caps)`);
    }
    // Knative gives the pod terminationGracePeriodSeconds = timeoutSeconds; Cloud Run gives a fixed 10 s.
    const grace = cloudRun ? CLOUD_RUN_GRACE_SECONDS : timeout;
    const drain = seconds(envValue(gateway, "GATEWAY_LIMITS_DRAIN_TIMEOUT"));
    if (!(drain > 0 && drain < grace)) {
        problems.push(`${where}: GATEWAY_LIMITS_DRAIN_TIMEOUT (${drain} s) must be set and shorter than the ${grace} s termination grace`);
    }
}

function deploymentRules(doc, where, problems) {
    const podSpec = doc.spec?.template?.spec ?? {};
    for (const container of podSpec.containers ?? []) {
        containerRules(container, where, problems);
        probeRules(container, where, problems, { cloudRun: false });
    }
    if (isGateway(doc)) {
        const drain = seconds(envValue(podSpec.containers?.[0] ?? {}, "GATEWAY_LIMITS_DRAIN_TIMEOUT"));
        const grace = podSpec.terminationGracePeriodSeconds;
        if (!(drain > 0 && grace > drain)) {
            problems.push(`${where}: terminationGracePeriodSeconds (${grace}) must exceed GATEWAY_LIMITS_DRAIN_TIMEOUT (${drain} s)`);
        }
    }
}

function labelsMatch(selector, labels) {
    return Object.entries(selector ?? {}).length > 0
        && Object.entries(selector).every(([k, v]) => labels?.[k] === v);
}

function crossRules(docs, problems) {
    const deployments = docs.filter(({ doc }) => doc.kind === "Deployment");
    const podLabels = deployments.map(({ doc }) => doc.spec?.template?.metadata?.labels ?? {});
    for (const { doc, where } of docs) {
        const selector = doc.kind === "Service" && doc.apiVersion === "v1" ? doc.spec?.selector
            : doc.kind === "PodDisruptionBudget" ? doc.spec?.selector?.matchLabels : undefined;
        if (selector && !podLabels.some((labels) => labelsMatch(selector, labels))) {
            problems.push(`${where}: ${doc.kind} ${doc.metadata?.name} selects no Deployment's pods`);
        }
        if (doc.kind === "HorizontalPodAutoscaler") {
            const target = doc.spec?.scaleTargetRef ?? {};
            if (!deployments.some(({ doc: d }) => d.metadata?.name === target.name && target.kind === "Deployment")) {
                problems.push(`${where}: HPA ${doc.metadata?.name} targets no Deployment here (${target.kind}/${target.name})`);
            }
        }
        if (doc.kind === "Deployment") {
            const selectorLabels = doc.spec?.selector?.matchLabels;
            if (!labelsMatch(selectorLabels, doc.spec?.template?.metadata?.labels)) {
                problems.push(`${where}: Deployment ${doc.metadata?.name} selector does not match its pod labels`);
            }
        }
    }
}

/** Checks Kubernetes-style documents ({doc, where}); returns problems as strings. */
export function kubernetesRuleProblems(docs) {
    const problems = [];
    for (const { doc, where } of docs) {
        if (doc.kind === "Secret") {
            problems.push(`${where}: Secret objects do not belong in deploy/; reference secrets, create them out of band`);
        } else if (doc.apiVersion === "serving.knative.dev/v1" && doc.kind === "Service") {
            knativeRules(doc, where, problems);
        } else if (doc.kind === "Deployment") {
            deploymentRules(doc, where, problems);
        }
    }
    crossRules(docs, problems);
    return problems;
}

/** Checks a compose file: secrets only from the environment, and the gateway given time to drain. */
export function composeRuleProblems(doc, where) {
    const problems = [];
    for (const [name, service] of Object.entries(doc.services ?? {})) {
        const env = Array.isArray(service.environment)
            ? Object.fromEntries(service.environment.map((e) => e.split(/=(.*)/s).slice(0, 2)))
            : service.environment ?? {};
        for (const [key, value] of Object.entries(env)) {
            if (SECRET_ENV.test(key) && !/^\$\{[A-Z0-9_]+(:?[-?][^}]*)?\}$/.test(String(value ?? ""))) {
                problems.push(`${where}: services.${name}.environment.${key} must be a \${VARIABLE} reference, not a literal`);
            }
        }
        if (name === "call-gateway") {
            const drain = seconds(env.GATEWAY_LIMITS_DRAIN_TIMEOUT);
            if (!(drain > 0 && seconds(service.stop_grace_period) > drain)) {
                problems.push(`${where}: call-gateway stop_grace_period must exceed GATEWAY_LIMITS_DRAIN_TIMEOUT`);
            }
        }
    }
    return problems;
}
