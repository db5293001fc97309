// Starts the real packaged services (control-api and call-gateway) on the local defaults, on ports of their own.
import {spawn} from 'node:child_process';
import {mkdirSync, mkdtempSync, openSync, existsSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';
import {randomBytes} from 'node:crypto';
import {createServer} from 'node:net';

const ROOT = resolve(import.meta.dirname, '../../../../..');
const LOG_DIR = join(ROOT, 'control-api/target/console-tests');
const STARTUP_TIMEOUT_MS = 90_000;

// `./test.sh --native` sets SWITCHBOARD_PACKAGE_TYPE=native: the tests then drive the two native executables.
const NATIVE = process.env.SWITCHBOARD_PACKAGE_TYPE === 'native';

const command = module => {
    if (NATIVE) {
        const runner = join(ROOT, module, `target/${module}-0.1.0-SNAPSHOT-runner`);
        if (!existsSync(runner)) throw new Error(`${runner} is missing: build with ./mvnw -B package -Dnative first`);
        return [runner, []];
    }
    const path = join(ROOT, module, 'target/quarkus-app/quarkus-run.jar');
    if (!existsSync(path)) throw new Error(`${path} is missing: build with ./mvnw -B -o -DskipTests package first`);
    return [java(), ['-Xmx256m', '-XX:TieredStopAtLevel=1', '-jar', path]];
};

const java = () => process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin/java') : 'java';

/** Environment with no real accounts, so both services run on their local defaults. */
function baseEnv() {
    const env = {...process.env};
    for (const name of Object.keys(env)) {
        if (/^(OPENAI_|TWILIO_|QUARKUS_|SWITCHBOARD_|PUBLIC_URL|GATEWAY_PUBLIC_URL|CONTROL_API_URL|PORT$)/.test(name)) {
            delete env[name];
        }
    }
    return env;
}

export class Services {
    constructor({controlPort = 28480, gatewayPort = 28481} = {}) {
        this.controlPort = controlPort;
        this.gatewayPort = gatewayPort;
        this.controlUrl = `http://127.0.0.1:${controlPort}`;
        this.gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
        this.apiKey = `console-test-key-${randomBytes(12).toString('hex')}`;
        this.internalToken = `console-test-link-${randomBytes(12).toString('hex')}`;
        this.dataDir = mkdtempSync(join(tmpdir(), 'switchboard-console-'));
        this.processes = {};
        mkdirSync(LOG_DIR, {recursive: true});
    }

    controlEnv() {
        return {...baseEnv(), PORT: String(this.controlPort), PUBLIC_URL: this.controlUrl,
            GATEWAY_PUBLIC_URL: this.gatewayUrl, SWITCHBOARD_API_KEY: this.apiKey,
            SWITCHBOARD_INTERNAL_TOKEN: this.internalToken,
            QUARKUS_DATASOURCE_JDBC_URL: `jdbc:h2:file:${join(this.dataDir, 'switchboard')};AUTO_SERVER=FALSE`};
    }

    gatewayEnv() {
        return {...baseEnv(), PORT: String(this.gatewayPort), PUBLIC_URL: this.gatewayUrl,
            CONTROL_API_URL: this.controlUrl, SWITCHBOARD_INTERNAL_TOKEN: this.internalToken};
    }

    async start() {
        await Promise.all([this.startControl(), this.startGateway()]);
    }

    startControl() {
        return this.#launch('control-api', this.controlEnv(), this.controlUrl);
    }

    startGateway() {
        return this.#launch('call-gateway', this.gatewayEnv(), this.gatewayUrl);
    }

    /** Kills control-api (SIGKILL, like a crash) and returns once the process is gone. */
    async killControl() {
        await this.#stop('control-api', 'SIGKILL');
    }

    async stop() {
        await Promise.all(Object.keys(this.processes).map(name => this.#stop(name, 'SIGTERM')));
    }

    async #launch(module, env, url) {
        // A health check answered by someone else's server on our port would pass for ours.
        await assertPortFree(Number(env.PORT), module);
        const log = openSync(join(LOG_DIR, `${module}.log`), 'a');
        const [program, args] = command(module);
        const child = spawn(program, args, {env, cwd: this.dataDir, stdio: ['ignore', log, log]});
        this.processes[module] = child;
        const exited = new Promise(resolveExit => child.once('exit', code => resolveExit(code)));
        child.exitedPromise = exited;
        const deadline = Date.now() + STARTUP_TIMEOUT_MS;
        while (Date.now() < deadline) {
            if (child.exitCode !== null) {
                throw new Error(`${module} exited with ${child.exitCode}: see ${LOG_DIR}/${module}.log`);
            }
            try {
                const response = await fetch(`${url}/q/health/ready`);
                if (response.ok) return;
            } catch {
                // not listening yet
            }
            await new Promise(r => setTimeout(r, 250));
        }
        child.kill('SIGKILL');
        throw new Error(`${module} not ready within ${STARTUP_TIMEOUT_MS} ms: see ${LOG_DIR}/${module}.log`);
    }

    async #stop(module, signal) {
        const child = this.processes[module];
        if (!child) return;
        delete this.processes[module];
        if (child.exitCode !== null) return;
        child.kill(signal);
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await child.exitedPromise;
        clearTimeout(timer);
    }

    /** Calls control-api's API as a program would (bearer key). */
    async api(method, path, body, headers = {}) {
        const response = await fetch(`${this.controlUrl}${path}`, {method,
            headers: {Authorization: `Bearer ${this.apiKey}`, 'Content-Type': 'application/json', ...headers},
            body: body === undefined ? undefined : JSON.stringify(body)});
        const text = await response.text();
        let json = null;
        try {
            json = text ? JSON.parse(text) : null;
        } catch {
            // not JSON
        }
        return {status: response.status, headers: response.headers, body: json};
    }
}

function assertPortFree(port, module) {
    return new Promise((resolvePort, reject) => {
        const probe = createServer();
        probe.once('error', () => reject(new Error(`port ${port} for ${module} is in use by another process`)));
        probe.listen({port, host: '0.0.0.0', exclusive: true}, () => probe.close(resolvePort));
    });
}
