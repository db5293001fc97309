#!/usr/bin/env node
// Validates every manifest under a deploy/ directory: schema first, then Switchboard's rules (lib/rules.mjs).
//   node validate.mjs [DEPLOY_DIR]      default: the deploy/ directory this script lives in; exit 1 on any problem
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import yaml from "js-yaml";
import { composeSchemaErrors, kubernetesSchemaErrors } from "./lib/schemas.mjs";
import { composeRuleProblems, kubernetesRuleProblems } from "./lib/rules.mjs";
import { observabilityProblems } from "./lib/observability.mjs";

// observability/ holds Prometheus rules and a Grafana dashboard, not manifests: lib/observability.mjs checks it.
const SKIP = new Set(["validate", "node_modules", "observability"]);

function manifests(dir) {
    return readdirSync(dir).sort().flatMap((name) => {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) {
            return SKIP.has(name) ? [] : manifests(path);
        }
        return /\.ya?ml$/.test(name) ? [path] : [];
    });
}

/** Returns the problems found in DEPLOY_DIR's manifests, and how many files and objects were checked. */
export function validateDeployDir(deployDir) {
    const problems = [];
    const kubeDocs = [];
    const files = manifests(deployDir);
    for (const file of files) {
        const name = relative(deployDir, file);
        let docs;
        try {
            docs = yaml.loadAll(readFileSync(file, "utf8")).filter((d) => d != null);
        } catch (e) {
            problems.push(`${name}: not valid YAML: ${e.message.split("\n")[0]}`);
            continue;
        }
        if (name.startsWith("compose/")) {
            docs.forEach((doc) => {
                composeSchemaErrors(doc).forEach((e) => problems.push(`${name}: schema: ${e}`));
                problems.push(...composeRuleProblems(doc, name));
            });
            continue;
        }
        docs.forEach((doc, i) => {
            const where = `${name}#${i} ${doc.kind}/${doc.metadata?.name}`;
            kubernetesSchemaErrors(doc).forEach((e) => problems.push(`${where}: schema: ${e}`));
            kubeDocs.push({ doc, where, platform: name.split("/")[0] });
        });
    }
    // Cross-object rules (selectors, HPA targets) hold within one platform's folder.
    for (const platform of new Set(kubeDocs.map((d) => d.platform))) {
        problems.push(...kubernetesRuleProblems(kubeDocs.filter((d) => d.platform === platform)));
    }
    if (existsSync(join(deployDir, "observability"))) {
        problems.push(...observabilityProblems(join(deployDir, "observability")));
    }
    return { problems, files: files.length, objects: kubeDocs.length };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
    const deployDir = resolve(process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), ".."));
    const { problems, files, objects } = validateDeployDir(deployDir);
    problems.forEach((p) => console.error(`deploy: ${p}`));
    console.log(`deploy: ${files} files, ${objects} Kubernetes/Knative objects checked, ${problems.length} problems`);
    process.exit(problems.length ? 1 : 0);
}
