// Headless Debian Chromium driven by playwright-core (no browser download), with a fresh profile per run.
import {chromium} from 'playwright-core';
import {mkdirSync, mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';

const ROOT = resolve(import.meta.dirname, '../../../../..');
export const SCREENSHOTS = join(ROOT, 'control-api/target/console-screenshots');
const EXECUTABLE = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

export async function launchBrowser() {
    const profile = mkdtempSync(join(tmpdir(), 'switchboard-chromium-'));
    mkdirSync(SCREENSHOTS, {recursive: true});
    const context = await chromium.launchPersistentContext(profile, {
        executablePath: EXECUTABLE, headless: true, args: ARGS, viewport: {width: 1280, height: 860},
        acceptDownloads: true,
    });
    context.setDefaultTimeout(15_000);
    const pageErrors = [];
    context.on('page', page => watch(page, pageErrors));
    for (const page of context.pages()) watch(page, pageErrors);
    return {
        context,
        pageErrors,
        async close() {
            await context.close();
            rmSync(profile, {recursive: true, force: true});
        },
    };
}

function watch(page, errors) {
    page.on('pageerror', error => errors.push(`${page.url()}: ${error.message}`));
}

export async function screenshot(page, name) {
    await page.screenshot({path: join(SCREENSHOTS, `${name}.png`), fullPage: true});
}
