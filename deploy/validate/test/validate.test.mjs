import { test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { validateDeployDir } from "../validate.mjs";

const deployDir = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

function problemsAfter(file, from, to) {
    const dir = mkdtempSync(join(tmpdir(), "deploy-"));
    try {
        cpSync(deployDir, dir, { recursive: true, filter: (src) => !src.includes("node_modules") });
        const path = join(dir, file);
        const before = readFileSync(path, "utf8");
        assert.ok(before.includes(from), `${file} contains ${from}`);
        writeFileSync(path, before.replace(from, to));
        return validateDeployDir(dir).problems;
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
}

function assertProblem(problems, pattern) {
    assert.ok(problems.some((p) => pattern.test(p)), `expected ${pattern} in:\n${problems.join("\n")}`);
}

test("the committed manifests pass", () => {
    const { problems, files, objects } = validateDeployDir(deployDir);
    assert.deepEqual(problems, []);
    assert.ok(files >= 8 && objects >= 12);
});

test("a field of the wrong type fails the Knative schema", () => {
    assertProblem(problemsAfter("knative/call-gateway.yaml", "containerConcurrency: 210", "containerConcurrency: many"),
        /knative\/call-gateway.*schema: \/spec\/template\/spec\/containerConcurrency must be integer/);
});

test("a missing required field fails the Kubernetes schema", () => {
    assertProblem(problemsAfter("kubernetes/control-api.yaml", "              containerPort: 8080\n", "\n"),
        /kubernetes\/control-api.*schema: .*ports\/0 must have required property containerPort/);
});

test("a secret given as a literal value fails", () => {
    const problems = problemsAfter("kubernetes/call-gateway.yaml",
        "- name: OPENAI_API_KEY\n              valueFrom:", "- name: OPENAI_API_KEY\n              value: sk-oops\n              x-valueFrom:");
    assertProblem(problems, /env OPENAI_API_KEY must come from a secretKeyRef/);
});

test("a Secret object in deploy/ fails", () => {
    assertProblem(problemsAfter("kubernetes/control-api.yaml", "---\napiVersion: v1\nkind: Service",
        "---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: switchboard\nstringData:\n  api-key: x\n---\napiVersion: v1\nkind: Service"),
        /Secret objects do not belong in deploy/);
});

test("a gateway that may scale to zero fails", () => {
    assertProblem(problemsAfter("knative/call-gateway.yaml", 'min-scale: "1"', 'min-scale: "0"'), /min-scale >= 1/);
});

test("container concurrency below the admission cap fails", () => {
    assertProblem(problemsAfter("cloudrun/call-gateway.yaml", "containerConcurrency: 210", "containerConcurrency: 80"),
        /containerConcurrency 80 must be between SWITCHBOARD_MAX_CALLS \(200\)/);
});

test("a timeout shorter than a call fails", () => {
    assertProblem(problemsAfter("knative/call-gateway.yaml", "timeoutSeconds: 3600", "timeoutSeconds: 300"),
        /timeoutSeconds 300 must be between 1800 and 3600/);
});

test("a drain deadline longer than Cloud Run's grace fails", () => {
    assertProblem(problemsAfter("cloudrun/call-gateway.yaml", 'value: "8s"', 'value: "600s"'),
        /GATEWAY_LIMITS_DRAIN_TIMEOUT \(600 s\) must be set and shorter than the 10 s termination grace/);
});

test("a grace period shorter than the drain deadline fails", () => {
    assertProblem(problemsAfter("kubernetes/call-gateway.yaml", "terminationGracePeriodSeconds: 660", "terminationGracePeriodSeconds: 30"),
        /terminationGracePeriodSeconds \(30\) must exceed GATEWAY_LIMITS_DRAIN_TIMEOUT \(600 s\)/);
});

test("a probe on the wrong path fails", () => {
    assertProblem(problemsAfter("kubernetes/control-api.yaml", "path: /q/health/live", "path: /healthz"),
        /liveness probe must GET \/q\/health\/live/);
});

test("an HPA aimed at a missing Deployment fails", () => {
    assertProblem(problemsAfter("kubernetes/call-gateway.yaml", "    kind: Deployment\n    name: call-gateway", "    kind: Deployment\n    name: gateway"),
        /HPA call-gateway targets no Deployment here/);
});

test("a Service whose selector matches no pods fails", () => {
    assertProblem(problemsAfter("kubernetes/control-api.yaml", "spec:\n  selector:\n    app.kubernetes.io/name: control-api",
        "spec:\n  selector:\n    app.kubernetes.io/name: control"), /Service control-api selects no Deployment's pods/);
});

test("an unknown compose key fails the Compose schema", () => {
    assertProblem(problemsAfter("compose/docker-compose.yml", "    stop_grace_period: 660s", "    stop_grace_perod: 660s"),
        /compose\/docker-compose.yml: schema: \/services\/call-gateway must NOT have additional properties/);
});

test("a literal password in compose fails", () => {
    assertProblem(problemsAfter("compose/docker-compose.yml", "QUARKUS_DATASOURCE_PASSWORD: ${SWITCHBOARD_DB_PASSWORD:?set SWITCHBOARD_DB_PASSWORD}",
        "QUARKUS_DATASOURCE_PASSWORD: hunter2"), /QUARKUS_DATASOURCE_PASSWORD must be a \$\{VARIABLE\} reference/);
});

test("broken YAML fails", () => {
    assertProblem(problemsAfter("knative/control-api.yaml", "kind: Service", "kind: [Service"), /not valid YAML/);
});
