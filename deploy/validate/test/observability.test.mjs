import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { dashboardRuleFile, liveProblems, observabilityProblems, parseExportedMetrics, promqlMetricNames,
    scrapedNames } from "../lib/observability.mjs";
import { validateDeployDir } from "../validate.mjs";

const dir = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "observability");

/** Problems after replacing (the first, or ALL) FROM by TO in FILE of a copy of deploy/observability/. */
function problemsAfter(file, from, to, all = false) {
    const copy = mkdtempSync(join(tmpdir(), "observability-"));
    try {
        cpSync(dir, copy, { recursive: true });
        const path = join(copy, file);
        const before = readFileSync(path, "utf8");
        assert.ok(before.includes(from), `${file} contains ${from}`);
        writeFileSync(path, all ? before.replaceAll(from, to) : before.replace(from, to));
        return observabilityProblems(copy);
    } finally {
        rmSync(copy, { recursive: true, force: true });
    }
}

function assertProblem(problems, pattern) {
    assert.ok(problems.some((p) => pattern.test(p)), `expected ${pattern} in:\n${problems.join("\n")}`);
}

test("the committed dashboard, alerts and rule tests pass, and validate.mjs includes them", () => {
    assert.deepEqual(observabilityProblems(dir), []);
    assert.deepEqual(validateDeployDir(join(dir, "..")).problems, []);
});

test("a dashboard query naming an unknown metric fails", () => {
    assertProblem(problemsAfter("grafana-dashboard.json", "rate(switchboard_barge_ins_total[", "rate(switchboard_bargeins_total["),
        /grafana-dashboard\.json: panel "Barge-ins and tool calls \/ min" target A: metric switchboard_bargeins_total is not in exported-metrics.txt/);
});

test("a dashboard query over a metric that does not exist yet fails", () => {
    assertProblem(problemsAfter("grafana-dashboard.json", "rate(switchboard_link_events_resent_total[", "rate(switchboard_webhook_tool_deliveries_total["),
        /metric switchboard_webhook_tool_deliveries_total is not in exported-metrics.txt/);
});

test("a dashboard that is not valid JSON fails", () => {
    assertProblem(problemsAfter("grafana-dashboard.json", '"panels": [', '"panels": [,'), /grafana-dashboard\.json: not valid JSON/);
});

test("a dashboard query on another datasource than ${DS_PROMETHEUS} fails", () => {
    assertProblem(problemsAfter("grafana-dashboard.json", '"uid": "${DS_PROMETHEUS}"', '"uid": "prometheus-prod"', true),
        /datasource must be/);
});

test("an alert over an unknown metric fails", () => {
    assertProblem(problemsAfter("alerts.yml", "max by (instance) (switchboard_link_events_queued)", "max by (instance) (switchboard_link_queue_depth)"),
        /alerts\.yml: switchboard-link\/SwitchboardLinkOutboxBackingUp: metric switchboard_link_queue_depth is not in exported-metrics.txt/);
});

test("an alert that does not say what to do fails", () => {
    const problems = problemsAfter("alerts.yml", `          description: >-
            Live-log`, `          note: >-
            Live-log`);
    assertProblem(problems, /SwitchboardLiveLogClientsDropped: needs a description or runbook/);
});

test("an alert without a firing case or without a silent case in alerts.test.yml fails", () => {
    assertProblem(problemsAfter("alerts.yml", "alert: SwitchboardAudioDropped", "alert: SwitchboardAudioLost"),
        /no case where SwitchboardAudioLost fires/);
    assertProblem(problemsAfter("alerts.yml", "alert: SwitchboardAudioDropped", "alert: SwitchboardAudioLost"),
        /no case where SwitchboardAudioLost stays silent/);
});

test("a rule-test input series over an unknown metric fails", () => {
    assertProblem(problemsAfter("alerts.test.yml", "series: switchboard_link_events_queued{", "series: switchboard_link_backlog{"),
        /alerts\.test\.yml: input series switchboard_link_backlog.*not in exported-metrics.txt/);
});

test("metric names: functions, label names, grouping labels, strings, ranges and Grafana variables are not metrics", () => {
    assert.deepEqual([...promqlMetricNames(
        'histogram_quantile(0.95, sum by (le) (rate(a_bucket{le!="", job=~"$job"}[$__rate_interval]))) / on (instance) '
        + 'group_left (job) max without (pod) (b offset 5m) > bool 1e3 and c or label_replace(d, "x", "$1", "y", "(.*)")')].sort(),
    ["a_bucket", "b", "c", "d"]);
    assert.throws(() => promqlMetricNames('{__name__=~"switchboard_.*"}'), /__name__/);
});

test("the dashboard's queries become a rule file promtool can parse", { skip: spawnSync("promtool", ["--version"]).error ? "promtool not installed" : false }, () => {
    const tmp = mkdtempSync(join(tmpdir(), "dashboard-rules-"));
    try {
        const dashboard = JSON.parse(readFileSync(join(dir, "grafana-dashboard.json"), "utf8"));
        writeFileSync(join(tmp, "ok.yml"), dashboardRuleFile(dashboard));
        execFileSync("promtool", ["check", "rules", join(tmp, "ok.yml")], { stdio: "pipe" });
        dashboard.panels.find((p) => p.targets).targets[0].expr = "sum(rate(switchboard_calls_started_total[5m]) * 60";
        writeFileSync(join(tmp, "broken.yml"), dashboardRuleFile(dashboard));
        assert.notEqual(spawnSync("promtool", ["check", "rules", join(tmp, "broken.yml")]).status, 0);
    } finally {
        rmSync(tmp, { recursive: true, force: true });
    }
});

const LIST = parseExportedMetrics(`
switchboard_calls_active call-gateway
switchboard_calls_refused_total call-gateway refusal
switchboard_livelogs_clients_dropped_total control-api
jvm_threads_live_threads both
jvm_gc_overhead both
`).metrics;
const scrape = (...names) => scrapedNames(names.map((n) => `# TYPE x gauge\n${n}{a="b"} 1.0`).join("\n"));

test("live: a scrape that serves every needed name passes; conditional and unused runtime names are only noted", () => {
    const { problems, notes } = liveProblems(LIST, new Set(["switchboard_calls_active", "switchboard_calls_refused_total"]), {
        "call-gateway": scrape("switchboard_calls_active", "jvm_threads_live_threads"),
        "control-api": scrape("switchboard_livelogs_clients_dropped_total", "jvm_threads_live_threads"),
    });
    assert.deepEqual(problems, []);
    assert.equal(notes.length, 3); // refused (refusal), jvm_gc_overhead twice (unused)
});

test("live: a name the dashboard uses that a service does not serve fails", () => {
    const { problems } = liveProblems(LIST, new Set(["switchboard_calls_active", "jvm_threads_live_threads"]), {
        "call-gateway": scrape("switchboard_calls_active"),
        "control-api": scrape("switchboard_livelogs_clients_dropped_total", "jvm_threads_live_threads"),
    });
    assertProblem(problems, /call-gateway does not serve jvm_threads_live_threads \(used by the dashboard\/alerts\)/);
});

test("live: a switchboard metric served but not listed fails (the list is stale)", () => {
    const { problems } = liveProblems(LIST, new Set(), {
        "call-gateway": scrape("switchboard_calls_active", "switchboard_webhook_deliveries_total"),
        "control-api": scrape("switchboard_livelogs_clients_dropped_total"),
    });
    assertProblem(problems, /call-gateway serves switchboard_webhook_deliveries_total, which exported-metrics.txt does not list/);
});
