// Drives the operator console in headless Chromium against the real control-api and call-gateway jars
// running on the local defaults (local dialer, local voice agent), with an API key configured.
import {after, before, describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {readFile} from 'node:fs/promises';
import {Services} from '../support/services.js';
import {launchBrowser, screenshot} from '../support/browser.js';

const CALL_TIMEOUT_MS = 90_000;

describe('operator console', () => {
    const controlPort = Number(process.env.CONSOLE_TEST_CONTROL_PORT ?? 28480);
    const services = new Services({controlPort,
        gatewayPort: Number(process.env.CONSOLE_TEST_GATEWAY_PORT ?? controlPort + 1)});
    let browser;

    before(async () => {
        await services.start();
        browser = await launchBrowser();
    });

    after(async () => {
        await browser?.close();
        await services.stop();
    });

    /** A new tab (fresh session storage) on the console at hash, with the API key entered unless told not to. */
    async function openConsole(hash, {withKey = true} = {}) {
        const page = await browser.context.newPage();
        await page.goto(`${services.controlUrl}/#${hash}`);
        if (withKey) await enterKey(page);
        return page;
    }

    async function enterKey(page) {
        await page.getByLabel('API key').fill(services.apiKey);
        await page.getByRole('button', {name: 'Use key'}).click();
    }

    async function waitForLiveEvents(page) {
        await page.locator('#logs-state[data-state="open"]').waitFor();
    }

    /** Places a local call through the API (as a CRM would) and waits until its record is final. */
    async function placeFinishedCall(to, options = {}) {
        const placed = await services.api('POST', '/api/calls', {to, ...options});
        assert.equal(placed.status, 201, JSON.stringify(placed.body));
        const deadline = Date.now() + CALL_TIMEOUT_MS;
        while (Date.now() < deadline) {
            const call = await services.api('GET', `/api/calls/${placed.body.sid}`);
            if (['completed', 'failed', 'busy', 'no-answer', 'canceled'].includes(call.body?.status)) return call.body;
            await new Promise(resolve => setTimeout(resolve, 500));
        }
        assert.fail(`call ${placed.body.sid} did not finish within ${CALL_TIMEOUT_MS} ms`);
    }

    it('checks numbers in the page and sends nothing for one that is not E.164', async () => {
        const page = await openConsole('dialer');
        const posted = [];
        page.on('request', request => {
            if (request.method() === 'POST' && request.url().endsWith('/api/calls')) posted.push(request.url());
        });
        const to = page.getByLabel('To (required)');
        await to.fill('0044 20 7946 0000');
        await page.getByRole('button', {name: 'Place call'}).click();
        await page.getByText('Remove spaces, dashes and brackets').waitFor();
        assert.equal(await to.getAttribute('aria-invalid'), 'true');
        assert.equal(await page.evaluate(() => document.activeElement.outerHTML), await to.evaluate(el => el.outerHTML),
            'focus moves to the bad field');
        await to.fill('+44');
        await page.getByRole('button', {name: 'Place call'}).click();
        await page.getByText('Too short').waitFor();
        await screenshot(page, 'dialer-invalid-number');
        assert.deepEqual(posted, []);
        await page.close();
    });

    it('will not save a webhook tool whose parameters schema is broken, and saves it once fixed', async () => {
        const page = await openConsole('config');
        await page.getByText(/Version \d+ loaded/).waitFor();
        const before = await services.api('GET', '/api/config');
        await page.getByRole('button', {name: 'Add webhook tool'}).click();
        const webhook = page.locator('fieldset.webhook').last();
        await webhook.getByLabel('Name').fill('order_status');
        await webhook.getByLabel('Description').fill('Looks up an order by its number');
        await webhook.getByLabel('Webhook URL').fill('http://127.0.0.1:9/orders');
        const schema = webhook.getByLabel('Parameters (JSON Schema)');
        await schema.fill(JSON.stringify({type: 'object', properties: {orderId: {type: 'strin'}},
            required: ['orderId', 'customer']}));
        await webhook.getByText('Unknown type "strin"').waitFor();
        await webhook.getByText('"customer" is required but not defined').waitFor();
        await page.getByRole('button', {name: 'Save', exact: true}).click();
        const summary = page.locator('.error-summary');
        await summary.getByText(/Not saved: \d+ problem/).waitFor();
        await screenshot(page, 'config-schema-error');
        const unchanged = await services.api('GET', '/api/config');
        assert.equal(unchanged.body.version, before.body.version, 'nothing was saved');

        await schema.fill(JSON.stringify({type: 'object', properties: {orderId: {type: 'string'}},
            required: ['orderId']}, null, 2));
        await webhook.getByText('Schema is valid.').waitFor();
        await page.getByRole('button', {name: 'Save', exact: true}).click();
        await page.getByText(/Saved: version \d+/).waitFor();
        const saved = await services.api('GET', '/api/config');
        assert.equal(saved.body.version, before.body.version + 1);
        const tool = saved.body.tools.find(t => t.name === 'order_status');
        assert.equal(tool.kind, 'webhook');
        assert.deepEqual(tool.parameters,
            {type: 'object', properties: {orderId: {type: 'string'}}, required: ['orderId']});
        await page.close();
    });

    it('shows a conflict when another tab saved the config first, and can load the newer version', async () => {
        const first = await openConsole('config');
        const second = await openConsole('config');
        await first.getByText(/Version \d+ loaded/).waitFor();
        await second.getByText(/Version \d+ loaded/).waitFor();
        const greeting = `Hello from the first tab ${Date.now()}`;
        await first.getByLabel('Greeting').fill(greeting);
        await first.getByRole('button', {name: 'Save', exact: true}).click();
        await first.getByText(/Saved: version \d+/).waitFor();

        await second.getByLabel('Instructions').fill('Instructions from the second tab.');
        await second.getByRole('button', {name: 'Save', exact: true}).click();
        const conflict = second.getByRole('alert').filter({hasText: 'Someone else saved first'});
        await conflict.waitFor();
        await conflict.getByText(/differs from yours in: .*greeting/).waitFor();
        assert.equal(await second.getByLabel('Instructions').inputValue(), 'Instructions from the second tab.',
            'the unsaved edit stays in the form');
        await screenshot(second, 'config-conflict');
        const stored = await services.api('GET', '/api/config');
        assert.equal(stored.body.greeting, greeting, 'the stale save did not overwrite the newer version');

        await conflict.getByRole('button', {name: /Load their version/}).click();
        await second.getByText(/Version \d+ loaded/).waitFor();
        assert.equal(await second.getByLabel('Greeting').inputValue(), greeting);
        await screenshot(first, 'config');
        await first.close();
        await second.close();
    });

    it('asks for the API key once and then uses it for the API', async () => {
        const page = await openConsole('live', {withKey: false});
        await page.getByRole('alert').getByText('This server needs an API key').waitFor();
        await page.locator('#logs-state[data-state="unauthorized"]').waitFor();
        await screenshot(page, 'api-key-needed');
        await enterKey(page);
        await page.locator('.list-pane [role="status"]').filter({hasText: /No calls yet|in progress/}).waitFor();
        assert.equal(await page.locator('#notices').innerText(), '');
        await page.reload();
        await page.locator('.list-pane [role="status"]').filter({hasText: /No calls yet|in progress/}).waitFor();
        assert.equal(await page.getByLabel('API key').inputValue(), services.apiKey, 'kept for this tab');
        await page.close();
    });

    it('places a local call from the dialer with its own instructions and variables and follows it to the end',
        async () => {
            const page = await openConsole('dialer');
            await page.getByLabel('To (required)').fill('+15555550100');
            await page.getByLabel('Instructions for this call').fill('Be brief: this is a console test.');
            await page.getByRole('button', {name: 'Add variable'}).click();
            await page.getByLabel('Variable 1 name').fill('customer');
            await page.getByLabel('Variable 1 value').fill('Ada');
            await page.getByRole('button', {name: 'Place call'}).click();
            await page.getByText(/Call placed to \+•+0100/).waitFor();
            await screenshot(page, 'dialer-placed');
            await page.getByRole('link', {name: 'Follow this call'}).click();
            const sid = decodeURIComponent(new URL(page.url()).hash.split('/')[1]);
            const stored = (await services.api('GET', `/api/calls/${sid}`)).body;
            assert.equal(stored.instructions, 'Be brief: this is a console test.');
            assert.deepEqual(stored.variables, {customer: 'Ada'});
            await page.locator(`.call-list a[data-sid="${sid}"]`).waitFor();
            await page.locator('.summary .badge.status-in-progress').waitFor({timeout: CALL_TIMEOUT_MS});
            await page.getByRole('button', {name: 'Hang up'}).waitFor();
            await screenshot(page, 'call-live');
            await page.locator('.summary .badge.status-completed').waitFor({timeout: CALL_TIMEOUT_MS});
            for (const status of ['ringing', 'in-progress', 'completed']) {
                await page.locator('.timeline li').filter({hasText: status}).first().waitFor();
            }
            assert.equal(await page.locator('.call-controls').isHidden(), true, 'no hang-up once the call ended');
            await page.locator(`.call-list a[data-sid="${sid}"] .badge.status-completed`).waitFor();
            await screenshot(page, 'call-finished');
            await page.close();
        });

    it('hangs up a live call', async () => {
        const placed = await services.api('POST', '/api/calls', {to: '+15555550133'});
        assert.equal(placed.status, 201);
        const page = await openConsole(`live/${placed.body.sid}`);
        await page.locator('.summary .badge.status-in-progress').waitFor({timeout: CALL_TIMEOUT_MS});
        await page.getByLabel('Keys').fill('12a');
        await page.getByRole('button', {name: 'Send keys'}).click();
        await page.getByText('Enter 1 to 32 of the keys 0-9, * and #.').waitFor();
        await page.getByLabel('Keys').fill('12#');
        await page.getByRole('button', {name: 'Send keys'}).click();
        await page.getByText('Keys 12# sent.').waitFor();
        await page.getByRole('button', {name: 'Hang up'}).click();
        await page.getByText('Hang-up sent.').waitFor();
        await page.locator('.summary .badge.status-completed').waitFor({timeout: 30_000});
        const call = (await services.api('GET', `/api/calls/${placed.body.sid}`)).body;
        assert.equal(call.status, 'completed');
        assert.ok(call.durationMs < 20_000, `hung up early, not at the script's end (${call.durationMs} ms)`);
        await page.close();
    });

    it('transfers a live call from its page; the call stays up until the transferred leg ends', async () => {
        const placed = await services.api('POST', '/api/calls', {to: '+15555550155'});
        assert.equal(placed.status, 201);
        const sid = placed.body.sid;
        const page = await openConsole(`live/${sid}`);
        await page.locator('.timeline li').filter({hasText: 'media stream started'}).first()
            .waitFor({timeout: CALL_TIMEOUT_MS});
        const target = page.getByLabel('Transfer to');
        const transfer = page.getByRole('button', {name: 'Transfer', exact: true});
        await target.fill('555-0100');
        await transfer.click();
        await page.getByText('Enter an E.164 number (+14155550123) or a sip: address').waitFor();
        await target.fill('+15005550009');
        await transfer.click();
        await page.getByText(/Transfer to \+•+0009 sent/).waitFor();
        await page.locator('.timeline li').filter({hasText: /transferred to \+•+0009 by an operator/}).first().waitFor();
        await screenshot(page, 'call-transferred');
        const again = await services.api('POST', `/api/calls/${sid}/transfer`, {target: '+15005550009'});
        assert.equal(again.status, 409, 'a transferred call is no longer live');
        const deadline = Date.now() + 30_000;
        let call;
        do {
            await new Promise(resolve => setTimeout(resolve, 250));
            call = (await services.api('GET', `/api/calls/${sid}`)).body;
        } while (call.status !== 'completed' && Date.now() < deadline);
        assert.equal(call.status, 'completed');
        assert.equal(call.endReason, 'transferred', 'the gateway saw the stream end as the transfer');
        assert.deepEqual(call.transfers.map(t => [t.target, t.requestedBy]), [['+15005550009', 'api']]);
        await page.close();
    });

    it('follows both sides of a call transcript as it streams, with tool calls and turn latency', async () => {
            const placed = await services.api('POST', '/api/calls', {to: '+15555550144'});
            const page = await openConsole(`live/${placed.body.sid}`);
            await waitForLiveEvents(page);
            const feed = page.getByRole('log', {name: 'Conversation'});
            await feed.locator('.turn.caller:not(.partial)').first().waitFor({timeout: CALL_TIMEOUT_MS});
            await feed.locator('.turn.agent').first().waitFor({timeout: CALL_TIMEOUT_MS});
            await screenshot(page, 'call-transcript-live');
            await feed.locator('.tool-call .result').first().waitFor({timeout: CALL_TIMEOUT_MS});
            await page.locator('.summary .badge.status-completed').waitFor({timeout: CALL_TIMEOUT_MS});
            const stored = (await services.api('GET', `/api/calls/${placed.body.sid}`)).body;
            assert.ok(stored.transcript.length >= 2);
            for (const line of stored.transcript) {
                await feed.locator(`.turn.${line.speaker}`).filter({hasText: line.text}).first().waitFor();
            }
            assert.ok((await feed.locator('.tool-call .args').first().textContent()).trim().length > 0);
            await page.locator('.latency-summary').filter({hasText: /median \d+ ms/}).waitFor();
            await page.locator('.latency-summary').filter({hasText: /First agent audio after \d+ ms/}).waitFor();
            assert.equal(typeof stored.usage.firstAudioMs, 'number', 'the call.metrics timings are stored');
            assert.ok(Array.isArray(stored.usage.turnLatenciesMs) && stored.usage.turnLatenciesMs.length > 0);
            await screenshot(page, 'call-transcript-finished');
            await page.close();
        });

    it('finds a finished call in the history, opens its timeline and exports it as JSON', async () => {
        const call = await placeFinishedCall('+15555550177');
        const page = await openConsole('history');
        await page.getByRole('searchbox', {name: 'Number'}).fill('0177');
        await page.getByLabel('Status').selectOption('completed');
        await page.getByRole('button', {name: 'Search'}).click();
        await page.locator('.list-state').filter({hasText: /^1 call on page 1/}).waitFor();
        assert.equal(await page.locator('table.calls tbody tr').count(), 1, 'only the matching call');
        const link = page.locator(`a[data-sid="${call.sid}"]`);
        await screenshot(page, 'history');
        await link.click();
        await page.locator('.timeline li').filter({hasText: 'completed'}).first().waitFor();
        await page.locator('.summary').getByText(formatSeconds(call.durationMs)).waitFor();
        await page.locator('.latency-summary')
            .filter({hasText: /First agent audio after \d+ ms\. Turn latency over \d+ turns?: .*\(each: [\d, ]+ ms\)/})
            .waitFor();
        await screenshot(page, 'history-call');
        const [download] = await Promise.all([page.waitForEvent('download'),
            page.getByRole('button', {name: 'Export JSON'}).click()]);
        const exported = JSON.parse(await readFile(await download.path(), 'utf8'));
        assert.equal(download.suggestedFilename(), `call-${call.sid}.json`);
        assert.deepEqual(exported, (await services.api('GET', `/api/calls/${call.sid}`)).body);

        await page.getByLabel('Status').selectOption('failed');
        await page.getByRole('button', {name: 'Search'}).click();
        await page.getByText('No calls match.').waitFor();
        await page.close();
    });

    it('shows a call\'s tokens by kind and estimated cost, and plays its recording fetched with the API key',
        async () => {
            const call = await placeFinishedCall('+15555550188', {record: true});
            let stored;
            const deadline = Date.now() + 30_000;
            do {
                stored = (await services.api('GET', `/api/calls/${call.sid}`)).body;
                if (stored.usage?.tokens && stored.recording) break;
                await new Promise(resolve => setTimeout(resolve, 250));
            } while (Date.now() < deadline);
            assert.ok(stored.usage?.tokens?.total > 0, `the call's tokens are stored: ${JSON.stringify(stored.usage)}`);
            assert.ok(stored.recording?.recordingSid, 'the local dialer reported the recording');
            const recordingRequests = [];
            const page = await openConsole(`history/${call.sid}`);
            page.on('request', request => {
                if (request.url().includes('/recording') || /twilio/i.test(request.url())) {
                    recordingRequests.push({url: request.url(), authorization: request.headers().authorization});
                }
            });
            const tokens = page.locator('.summary .tokens');
            await tokens.waitFor();
            const t = stored.usage.tokens;
            const count = n => Number(n).toLocaleString('en-US');
            for (const part of [`input text ${count(t.inputText)}`, `input audio ${count(t.inputAudio)}`,
                `output text ${count(t.outputText)}`, `output audio ${count(t.outputAudio)}`,
                `${count(t.total)} tokens in all`]) {
                assert.ok((await tokens.textContent()).includes(part), `tokens show "${part}"`);
            }
            const cost = stored.usage.estimatedCost;
            const costShown = await page.locator('.summary .cost').textContent();
            assert.ok(costShown.startsWith(`${cost.total} ${cost.currency} (input text `), costShown);
            assert.ok(costShown.includes(`Twilio minutes ${cost.breakdown.twilio}`), costShown);

            const recording = page.getByRole('region', {name: 'Recording'});
            await recording.getByText(`${stored.recording.durationSeconds} s, two channels: caller and agent`)
                .waitFor();
            await recording.getByRole('button', {name: 'Load recording'}).click();
            await recording.getByText(/^Recording loaded/).waitFor();
            const audio = recording.locator('audio');
            await page.waitForFunction(element => element.readyState >= 1 && element.duration > 0,
                await audio.elementHandle());
            assert.match(await audio.getAttribute('src'), /^blob:/, 'played from the fetched bytes');
            const seconds = await audio.evaluate(element => element.duration);
            assert.ok(Math.abs(seconds - stored.recording.durationSeconds) <= 1,
                `the whole call is in the recording (${seconds} s)`);
            const link = recording.getByRole('link', {name: 'Download recording (WAV)'});
            assert.equal(await link.getAttribute('href'), await audio.getAttribute('src'));
            assert.deepEqual(recordingRequests, [{url: `${services.controlUrl}/api/calls/${call.sid}/recording`,
                authorization: `Bearer ${services.apiKey}`}], 'fetched once, from control-api, with the API key');
            assert.deepEqual(await page.evaluate(unlabelledControls), []);
            assert.deepEqual(await page.evaluate(lowContrastText), []);
            await screenshot(page, 'history-call-recording');
            await page.close();
        });

    it('shows live events as disconnected when control-api goes away and reconnects by itself', async () => {
            const page = await openConsole('live');
            await waitForLiveEvents(page);
            await services.killControl();
            await page.locator('#logs-state[data-state="disconnected"]').waitFor();
            assert.match(await page.locator('#logs-state').textContent(), /disconnected.*reconnecting/);
            await screenshot(page, 'logs-disconnected');
            await services.startControl();
            await page.locator('#logs-state[data-state="open"]').waitFor({timeout: 60_000});
            await page.close();
        });

    it('lists what is set up without ever showing a secret', async () => {
        const page = await openConsole('setup');
        const list = page.getByRole('list', {name: 'Setup items'});
        await list.locator('[data-check="control-api ready"]').getByText('Ready', {exact: true}).waitFor();
        // Local defaults: a linked gateway without an OpenAI key, the local dialer, loopback http URLs. The gateway
        // may still be relinking after the control-api restart of an earlier test, hence "Check again".
        const linked = list.locator('[data-check="Gateway linked"]').getByText('Ready', {exact: true});
        for (const deadline = Date.now() + 60_000; !(await linked.isVisible()) && Date.now() < deadline;) {
            await page.getByRole('button', {name: 'Check again'}).click();
            await page.waitForTimeout(1000);
        }
        await linked.waitFor({timeout: 1000});
        await list.locator('[data-check="OpenAI API key"]').getByText('Local mode', {exact: true}).waitFor();
        await list.locator('[data-check="Twilio credentials"]').getByText('Local mode', {exact: true}).waitFor();
        await list.locator('[data-check="Public URL"]').getByText('Local mode', {exact: true}).waitFor();
        await list.locator('[data-check="API key protection"]').getByText('Ready', {exact: true}).waitFor();
        const text = await page.locator('body').innerText();
        assert.ok(!text.includes(services.apiKey), 'API key shown');
        assert.ok(!text.includes(services.internalToken), 'internal token shown');
        assert.ok(!(await page.content()).includes(services.internalToken));
        await screenshot(page, 'setup');
        await page.close();
    });

    it('keeps every view within a narrow screen', async () => {
        const page = await openConsole('live');
        await page.setViewportSize({width: 360, height: 780});
        for (const view of ['live', 'dialer', 'config', 'profiles', 'history', 'setup']) {
            await page.getByRole('navigation', {name: 'Console sections'}).getByRole('link', {name: viewName(view)})
                .click();
            await page.locator('main h1').waitFor();
            if (view === 'config') await page.getByText(/Version \d+ loaded/).waitFor();
            const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
            assert.ok(overflow <= 0, `${view} overflows a 360 px screen by ${overflow} px`);
            await screenshot(page, `narrow-${view}`);
        }
        await page.close();
    });

    it('labels every control, marks landmarks, works from the keyboard and keeps text contrast at AA', async () => {
        const page = await openConsole('live');
        for (const role of ['banner', 'navigation', 'main', 'contentinfo']) {
            assert.equal(await page.getByRole(role).count() >= 1, true, `${role} landmark`);
        }
        await page.reload();
        await page.locator('main h1').waitFor();
        await page.keyboard.press('Tab');
        assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Skip to content');
        await page.keyboard.press('Enter');
        assert.equal(await page.evaluate(() => document.activeElement.id), 'main');
        for (const view of ['live', 'dialer', 'config', 'profiles', 'history', 'setup']) {
            await page.goto(`${services.controlUrl}/#${view}`);
            await page.locator('main h1').waitFor();
            if (view === 'config') {
                await page.getByText(/Version \d+ loaded/).waitFor();
                await page.getByRole('button', {name: 'Add webhook tool'}).click();
            }
            if (view === 'dialer') await page.getByRole('button', {name: 'Add variable'}).click();
            assert.deepEqual(await page.evaluate(unlabelledControls), [], `unlabelled controls in ${view}`);
            assert.deepEqual(await page.evaluate(lowContrastText), [], `low-contrast text in ${view}`);
        }
        await page.close();
    });

    it('raised no script errors in any page', () => {
        assert.deepEqual(browser.pageErrors, []);
    });
});

function formatSeconds(ms) {
    const total = Math.round(ms / 1000);
    return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}

function viewName(view) {
    return {live: 'Live calls', dialer: 'Dialer', config: 'Agent config', profiles: 'Profiles', history: 'History',
        setup: 'Setup'}[view];
}

/** Runs in the page: form controls and buttons that have no accessible name. */
function unlabelledControls() {
    const named = element => element.labels?.length || element.getAttribute('aria-label')
        || element.getAttribute('aria-labelledby') || (element.tagName === 'BUTTON' && element.textContent.trim());
    return [...document.querySelectorAll('input, select, textarea, button')]
        .filter(element => element.type !== 'hidden' && !named(element))
        .map(element => element.outerHTML.slice(0, 80));
}

/** Runs in the page: visible text whose contrast with its background is under WCAG AA (4.5:1, 3:1 for large). */
function lowContrastText() {
    const parse = color => color.match(/[\d.]+/g).map(Number);
    const luminance = ([r, g, b]) => {
        const channel = c => {
            const v = c / 255;
            return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
        };
        return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    };
    const background = element => {
        for (let node = element; node; node = node.parentElement) {
            const color = parse(getComputedStyle(node).backgroundColor);
            if (color.length < 4 || color[3] > 0.9) return color;
        }
        return [255, 255, 255];
    };
    const problems = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const element = walker.currentNode.parentElement;
        if (!walker.currentNode.textContent.trim() || !element.checkVisibility()) continue;
        const style = getComputedStyle(element);
        if (style.opacity !== '1' || element.closest('button:disabled, .visually-hidden')) continue;
        const [fg, bg] = [luminance(parse(style.color)), luminance(background(element))];
        const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
        const size = parseFloat(style.fontSize);
        const large = size >= 24 || (size >= 18.66 && style.fontWeight >= 700);
        if (ratio < (large ? 3 : 4.5)) {
            problems.push(`${ratio.toFixed(2)}: ${walker.currentNode.textContent.trim().slice(0, 40)}`);
        }
    }
    return [...new Set(problems)];
}
