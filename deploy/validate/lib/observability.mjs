// Checks deploy/observability/: the Grafana dashboard and the Prometheus alert rules name only metrics the services
// export (exported-metrics.txt), every alert says what to do and is exercised by alerts.test.yml, and (live) the list
// still matches what the services serve. promtool itself (scripts/deploy-validate.sh) checks the rules' syntax, runs
// the rule tests and parses the dashboard's queries (dashboardRuleFile below).
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import yaml from "js-yaml";

export const SERVICES = ["call-gateway", "control-api"];
/** Conditions under which a listed metric may be absent from a scrape taken after one local call. */
export const OPTIONAL_CONDITIONS = new Set(["refusal", "audio-drop", "realtime-error", "postgresql", "rest-client",
    "gc", "jvm", "amd"]);
const CONDITIONS = new Set([...OPTIONAL_CONDITIONS, "call"]);

/** Parses exported-metrics.txt: "name service [condition]" per line, '#' comments. */
export function parseExportedMetrics(text) {
    const metrics = new Map();
    const problems = [];
    text.split("\n").forEach((raw, i) => {
        const line = raw.replace(/#.*/, "").trim();
        if (!line) {
            return;
        }
        const [name, service, condition, ...rest] = line.split(/\s+/);
        if (!/^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(name) || ![...SERVICES, "both"].includes(service)
            || (condition && !CONDITIONS.has(condition)) || rest.length) {
            problems.push(`exported-metrics.txt:${i + 1}: expected "name call-gateway|control-api|both [condition]": ${raw}`);
            return;
        }
        if (metrics.has(name)) {
            problems.push(`exported-metrics.txt:${i + 1}: ${name} listed twice`);
        }
        metrics.set(name, { service, condition: condition ?? null });
    });
    return { metrics, problems };
}

const KEYWORDS = new Set(["by", "without", "on", "ignoring", "group_left", "group_right", "bool", "and", "or",
    "unless", "offset", "inf", "nan", "atan2"]);

/** Grafana's variables replaced by something PromQL parses ($__rate_interval → 5m, other variables → x). */
export function withoutGrafanaVariables(expr) {
    return expr.replace(/\$__(rate_interval|interval|range)\b|\$\{__(rate_interval|interval|range)\}/g, "5m")
        .replace(/\$\{[^}]*\}|\$[A-Za-z_]\w*/g, "x");
}

/**
 * The metric names a PromQL expression selects. A lexical reading (strings, label matchers, ranges and grouping
 * labels removed; identifiers followed by "(" are functions), enough for the expressions we write; selecting by
 * {__name__=...} is refused because the name could not be checked.
 */
export function promqlMetricNames(expr) {
    const names = new Set();
    let text = withoutGrafanaVariables(expr)
        .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, '""');
    if (/__name__/.test(text)) {
        throw new Error(`selects by __name__, which cannot be checked: ${expr}`);
    }
    text = text.replace(/\{[^}]*\}/g, " ")
        .replace(/\[[^\]]*\]/g, " ")
        .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, " ");
    const token = /[0-9][0-9A-Za-z_.]*|[A-Za-z_:][A-Za-z0-9_:]*/g;
    let match;
    while ((match = token.exec(text)) !== null) {
        const word = match[0];
        if (/^[0-9]/.test(word) || KEYWORDS.has(word.toLowerCase())) {
            continue;
        }
        if (/^\s*\(/.test(text.slice(match.index + word.length))) {
            continue;
        }
        names.add(word);
    }
    return names;
}

/** Every PromQL expression in a dashboard: panel targets (rows and nested panels included) and query variables. */
export function dashboardExpressions(dashboard) {
    const found = [];
    const walk = (panels, where) => (panels ?? []).forEach((panel) => {
        const here = `${where}panel "${panel.title ?? panel.id}"`;
        (panel.targets ?? []).forEach((target, i) => {
            if (typeof target.expr === "string") {
                found.push({ where: `${here} target ${target.refId ?? i}`, expr: target.expr, datasource: target.datasource ?? panel.datasource });
            }
        });
        walk(panel.panels, `${here} > `);
    });
    walk(dashboard.panels, "");
    (dashboard.templating?.list ?? []).filter((v) => v.type === "query").forEach((v) => {
        const query = typeof v.query === "string" ? v.query : v.query?.query;
        const inner = /^\s*(?:label_values|query_result)\((.*)\)\s*$/.exec(query ?? "");
        if (inner) {
            // label_values(metric, label) / query_result(expr): check the selector or expression part.
            const expr = query.startsWith("label_values") ? inner[1].replace(/,\s*\w+\s*$/, "") : inner[1];
            found.push({ where: `variable ${v.name}`, expr, datasource: v.datasource });
        }
    });
    return found;
}

/** The dashboard's expressions as a Prometheus rule file, so that `promtool check rules` parses every query. */
export function dashboardRuleFile(dashboard) {
    const rules = dashboardExpressions(dashboard).map((e, i) => ({
        record: `dashboard:query_${i}`, expr: withoutGrafanaVariables(e.expr),
    }));
    return yaml.dump({ groups: [{ name: "dashboard-queries", rules }] }, { lineWidth: -1 });
}

function ruleList(rulesDoc) {
    return (rulesDoc?.groups ?? []).flatMap((g) => (g.rules ?? []).map((rule) => ({ group: g.name, rule })));
}

/** Problems in DIR (deploy/observability): metric names, annotations, test coverage. */
export function observabilityProblems(dir) {
    const problems = [];
    const read = (file) => readFileSync(join(dir, file), "utf8");
    for (const file of ["exported-metrics.txt", "grafana-dashboard.json", "alerts.yml", "alerts.test.yml"]) {
        if (!existsSync(join(dir, file))) {
            problems.push(`observability/${file}: missing`);
        }
    }
    if (problems.length) {
        return problems;
    }
    const { metrics, problems: listProblems } = parseExportedMetrics(read("exported-metrics.txt"));
    problems.push(...listProblems.map((p) => `observability/${p}`));
    const checkNames = (file, where, expr) => {
        let names;
        try {
            names = promqlMetricNames(expr);
        } catch (e) {
            problems.push(`observability/${file}: ${where}: ${e.message}`);
            return;
        }
        if (names.size === 0) {
            problems.push(`observability/${file}: ${where}: names no metric: ${expr}`);
        }
        for (const name of names) {
            if (!metrics.has(name)) {
                problems.push(`observability/${file}: ${where}: metric ${name} is not in exported-metrics.txt`);
            }
        }
    };

    let dashboard;
    try {
        dashboard = JSON.parse(read("grafana-dashboard.json"));
    } catch (e) {
        problems.push(`observability/grafana-dashboard.json: not valid JSON: ${e.message}`);
    }
    if (dashboard) {
        if (!dashboard.title || !dashboard.uid || !Array.isArray(dashboard.panels) || !dashboard.panels.length) {
            problems.push("observability/grafana-dashboard.json: needs a title, a uid and panels");
        }
        const expressions = dashboardExpressions(dashboard);
        if (!expressions.length) {
            problems.push("observability/grafana-dashboard.json: no PromQL queries found");
        }
        for (const { where, expr, datasource } of expressions) {
            checkNames("grafana-dashboard.json", where, expr);
            if (datasource?.uid !== "${DS_PROMETHEUS}") {
                problems.push(`observability/grafana-dashboard.json: ${where}: datasource must be {"type": "prometheus", "uid": "\${DS_PROMETHEUS}"}`);
            }
        }
    }

    let rules;
    let tests;
    try {
        rules = ruleList(yaml.load(read("alerts.yml")));
        tests = yaml.load(read("alerts.test.yml"));
    } catch (e) {
        problems.push(`observability: alerts.yml or alerts.test.yml is not valid YAML: ${e.message.split("\n")[0]}`);
        return problems;
    }
    const alerts = rules.filter(({ rule }) => rule.alert);
    if (!alerts.length) {
        problems.push("observability/alerts.yml: no alerts");
    }
    for (const { group, rule } of rules) {
        const where = `${group}/${rule.alert ?? rule.record}`;
        checkNames("alerts.yml", where, String(rule.expr ?? ""));
        if (!rule.alert) {
            continue;
        }
        const a = rule.annotations ?? {};
        if (!a.summary) {
            problems.push(`observability/alerts.yml: ${where}: needs a summary annotation`);
        }
        if (!a.description && !a.runbook) {
            problems.push(`observability/alerts.yml: ${where}: needs a description or runbook annotation saying what to do`);
        }
        if (!rule.labels?.severity) {
            problems.push(`observability/alerts.yml: ${where}: needs a severity label`);
        }
    }
    // Each alert is exercised both ways: one evaluation where it fires and one where it must not.
    const cases = (tests?.tests ?? []).flatMap((t) => t.alert_rule_test ?? []);
    for (const { rule } of alerts) {
        const own = cases.filter((c) => c.alertname === rule.alert);
        if (!own.some((c) => (c.exp_alerts ?? []).length > 0)) {
            problems.push(`observability/alerts.test.yml: no case where ${rule.alert} fires`);
        }
        if (!own.some((c) => (c.exp_alerts ?? []).length === 0)) {
            problems.push(`observability/alerts.test.yml: no case where ${rule.alert} stays silent`);
        }
    }
    (tests?.tests ?? []).flatMap((t) => t.input_series ?? []).forEach(({ series }) => {
        checkNames("alerts.test.yml", `input series ${series}`, String(series));
    });
    return problems;
}

/** Metric names the dashboard and the alerts use. */
export function usedMetricNames(dir) {
    const used = new Set();
    const dashboard = JSON.parse(readFileSync(join(dir, "grafana-dashboard.json"), "utf8"));
    dashboardExpressions(dashboard).forEach(({ expr }) => promqlMetricNames(expr).forEach((n) => used.add(n)));
    ruleList(yaml.load(readFileSync(join(dir, "alerts.yml"), "utf8")))
        .forEach(({ rule }) => promqlMetricNames(String(rule.expr)).forEach((n) => used.add(n)));
    return used;
}

/** Sample names in a Prometheus text exposition. */
export function scrapedNames(text) {
    return new Set(text.split("\n").filter((l) => l && !l.startsWith("#")).map((l) => l.split(/[{ ]/)[0]));
}

/**
 * Compares the list with live scrapes (taken after one local call): { problems, notes }. Fails when a listed metric
 * without an optional condition is missing from its service, when a metric the dashboard or alerts use is missing and
 * not optional, and when a service serves a switchboard_* metric the list does not know.
 */
export function liveProblems(metrics, used, scrapes) {
    const problems = [];
    const notes = [];
    for (const [name, { service, condition }] of metrics) {
        for (const svc of service === "both" ? SERVICES : [service]) {
            if (scrapes[svc].has(name)) {
                continue;
            }
            const message = `${svc} does not serve ${name}${used.has(name) ? " (used by the dashboard/alerts)" : ""}`;
            if (condition && OPTIONAL_CONDITIONS.has(condition)) {
                notes.push(`${message}: expected, only with ${condition}`);
            } else if (used.has(name) || name.startsWith("switchboard_")) {
                problems.push(message);
            } else {
                notes.push(`${message} (JVM/runtime metric, unused: warning only)`);
            }
        }
    }
    for (const name of used) {
        if (!metrics.has(name)) {
            problems.push(`${name} is used by the dashboard/alerts but not in exported-metrics.txt`);
        }
    }
    for (const svc of SERVICES) {
        for (const name of scrapes[svc]) {
            const listed = metrics.get(name);
            if (name.startsWith("switchboard_") && (!listed || (listed.service !== svc && listed.service !== "both"))) {
                problems.push(`${svc} serves ${name}, which exported-metrics.txt does not list for it: add it (and document it)`);
            }
        }
    }
    return { problems, notes };
}
