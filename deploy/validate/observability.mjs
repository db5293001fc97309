#!/usr/bin/env node
// deploy/observability/ checks for scripts/deploy-validate.sh and scripts/metrics-check.sh (lib/observability.mjs):
//   node observability.mjs check                          names, annotations, rule-test coverage; exit 1 on problems
//   node observability.mjs dashboard-rules OUT            the dashboard's queries as a rule file for promtool
//   node observability.mjs live CONTROL.prom GATEWAY.prom compares exported-metrics.txt with two scrapes
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { dashboardRuleFile, liveProblems, observabilityProblems, parseExportedMetrics, scrapedNames,
    usedMetricNames } from "./lib/observability.mjs";

const dir = process.env.OBSERVABILITY_DIR ?? join(dirname(fileURLToPath(import.meta.url)), "..", "observability");
const [command, ...args] = process.argv.slice(2);

if (command === "check") {
    const problems = observabilityProblems(dir);
    problems.forEach((p) => console.error(`deploy: ${p}`));
    console.log(`observability: dashboard, alerts and rule tests checked against exported-metrics.txt, ${problems.length} problems`);
    process.exit(problems.length ? 1 : 0);
} else if (command === "dashboard-rules" && args.length === 1) {
    writeFileSync(args[0], dashboardRuleFile(JSON.parse(readFileSync(join(dir, "grafana-dashboard.json"), "utf8"))));
} else if (command === "live" && args.length === 2) {
    const { metrics, problems: listProblems } = parseExportedMetrics(readFileSync(join(dir, "exported-metrics.txt"), "utf8"));
    const scrapes = { "control-api": scrapedNames(readFileSync(args[0], "utf8")), "call-gateway": scrapedNames(readFileSync(args[1], "utf8")) };
    const used = usedMetricNames(dir);
    const { problems, notes } = liveProblems(metrics, used, scrapes);
    notes.forEach((n) => console.log(`metrics-check: note: ${n}`));
    [...listProblems, ...problems].forEach((p) => console.error(`metrics-check: ${p}`));
    console.log(`metrics-check: ${metrics.size} listed names, ${used.size} used by the dashboard/alerts, `
        + `${scrapes["control-api"].size}/${scrapes["call-gateway"].size} served by control-api/call-gateway, `
        + `${listProblems.length + problems.length} problems`);
    process.exit(listProblems.length + problems.length ? 1 : 0);
} else {
    console.error("usage: observability.mjs check | dashboard-rules OUT | live CONTROL.prom GATEWAY.prom");
    process.exit(2);
}
