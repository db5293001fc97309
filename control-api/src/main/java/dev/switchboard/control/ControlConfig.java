package dev.switchboard.control;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** All control-api settings; each also reads from the environment variable named in application.properties. */
@ConfigMapping(prefix = "control")
public interface ControlConfig {

    /** Public base at which Twilio reaches control-api (PUBLIC_URL); status callbacks and signatures use it. */
    URI publicUrl();

    /** The gateway's public base (GATEWAY_PUBLIC_URL); outbound calls fetch {this}/twiml. */
    URI gatewayPublicUrl();

    /** Twilio settings. */
    Twilio twilio();

    /** Security settings. */
    Security security();

    /** Live-log fan-out to UI clients on /logs. */
    LiveLogs liveLogs();

    /** Per-IP request limits. */
    Limits limits();

    /** Outbound call options. */
    Calls calls();

    /** The local dialer, which plays Twilio's part when no Twilio account is configured. */
    LocalDial localDial();

    /** Sharing events, config and commands with other replicas on the same PostgreSQL (inactive on H2). */
    Replicas replicas();

    /** Outcome webhooks: delivery of call events to subscribers' URLs (docs/webhooks.md). */
    Webhooks webhooks();

    /** Prices behind each call's estimated cost (docs/operations.md#prices); defaults as published on 2026-12-04. */
    Prices prices();

    interface Twilio {
        /** Account SID (TWILIO_ACCOUNT_SID); without it and the token, calls go through the local dialer. */
        Optional<String> accountSid();

        /** Auth token (TWILIO_AUTH_TOKEN); enables signature checks on Twilio webhooks. */
        Optional<String> authToken();

        /** Default caller ID (TWILIO_FROM_NUMBER), E.164. */
        Optional<String> fromNumber();

        /** Twilio REST base (TWILIO_API_BASE_URL); tests point it at a local fake. */
        URI apiBaseUrl();
    }

    interface Security {
        /** Bearer key for /api and /logs (SWITCHBOARD_API_KEY); when absent those are open. */
        Optional<String> apiKey();

        /** Shared secret the gateways present on the internal link (SWITCHBOARD_INTERNAL_TOKEN). */
        Optional<String> internalToken();
    }

    interface LiveLogs {
        /** Frames a UI client may have unsent before it is dropped as too slow. */
        @WithDefault("512")
        int clientBuffer();

        /** Recent events kept per live call and replayed to a client that joins late. */
        @WithDefault("100")
        int replayPerCall();

        /** Live calls whose recent events are kept for replay; the oldest is forgotten first. */
        @WithDefault("500")
        int replayCalls();
    }

    interface Limits {
        /** Requests per minute one client IP may make to /api/calls (bursts up to the same number). */
        @WithDefault("60")
        int callsPerMinute();

        /** Requests per minute one client IP may make to /twilio/* webhooks. */
        @WithDefault("1200")
        int webhooksPerMinute();
    }

    interface Calls {
        /** Ask Twilio for asynchronous answering-machine detection on outbound calls by default. */
        @WithDefault("false")
        boolean machineDetection();

        /** Ask Twilio to record outbound calls by default. */
        @WithDefault("false")
        boolean record();

        /** What the caller hears (Twilio {@code <Say>}) before a transfer dials the target. */
        @WithDefault("Please hold while I transfer your call.")
        String transferAnnouncement();

        /** Idempotency-Key handling on POST /api/calls. */
        Idempotency idempotency();
    }

    interface Idempotency {
        /** How long a key is remembered after its first request; later it may be used afresh. */
        @WithDefault("24h")
        Duration ttl();

        /** Longest a request waits for an earlier one with the same key to finish before it answers 409. */
        @WithDefault("15s")
        Duration inFlightWait();

        /** Pause between two looks at a key another request holds. */
        @WithDefault("100ms")
        Duration pollInterval();

        /** Time between two deletions of expired keys. */
        @WithDefault("10m")
        Duration purgeInterval();
    }

    interface LocalDial {
        /** How long a local call rings before it is answered. */
        @WithDefault("1s")
        Duration ringTime();

        /** Silence after the agent's last audio played before the local caller speaks. */
        @WithDefault("800ms")
        Duration turnGap();

        /** How long a transferred local call stays bridged to its (imaginary) target before it completes. */
        @WithDefault("2s")
        Duration transferHold();

        /** Longest a local call lasts before the local caller hangs up. */
        @WithDefault("3m")
        Duration maxCallLength();

        /** Pause between the keys of one DTMF request, as a person pressing them would leave. */
        @WithDefault("150ms")
        Duration dtmfGap();

        /** Directory for the WAV files of local calls placed with {@code record} (LOCAL_RECORDINGS_DIR). */
        @WithDefault("./data/recordings")
        String recordingsDir();
    }

    interface Replicas {
        /** Longest a routed command waits for another replica to say it holds the call, before acting here. */
        @WithDefault("1s")
        Duration claimTimeout();

        /** Longest a routed command waits for the holding replica's answer (a transfer waits on its gateway). */
        @WithDefault("15s")
        Duration commandTimeout();

        /** First wait before listening again after PostgreSQL dropped the LISTEN connection; doubles each time. */
        @WithDefault("500ms")
        Duration reconnectMin();

        /** Longest wait between attempts to listen again. */
        @WithDefault("30s")
        Duration reconnectMax();
    }

    interface Webhooks {
        /** Pause between two looks at the outbox for deliveries that are due. */
        @WithDefault("1s")
        Duration pollInterval();

        /** Most deliveries claimed per look at the outbox. */
        @WithDefault("20")
        int batchSize();

        /** Most deliveries this replica sends at once (each waits up to {@code timeout} for its answer). */
        @WithDefault("200")
        int maxInFlight();

        /** Most deliveries sent at once to one subscription, so a slow subscriber cannot take every place. */
        @WithDefault("20")
        int maxInFlightPerSubscription();

        /** Longest a subscriber may take to answer; no 2xx within it is a failed attempt. */
        @WithDefault("10s")
        Duration timeout();

        /** Wait before the second attempt; it doubles with each further attempt (with jitter). */
        @WithDefault("5s")
        Duration backoffInitial();

        /** Longest wait between two attempts. */
        @WithDefault("1h")
        Duration backoffMax();

        /** Time after an event's first attempt is due past which it is no longer retried and is marked failed. */
        @WithDefault("24h")
        Duration giveUpAfter();

        /** How long a replica holds a claimed delivery; another may send it once this has passed (crashed sender). */
        @WithDefault("60s")
        Duration lease();

        /** Longest call.completed waits for the gateway's call.ended (with the call's usage) before it goes without. */
        @WithDefault("15s")
        Duration usageWait();
    }

    interface Prices {
        /** Currency of every price below (ISO 4217). */
        @WithDefault("USD")
        String currency();

        /** OpenAI Realtime text input, per million tokens not served from the cache. */
        @WithDefault("4.00")
        java.math.BigDecimal textInput();

        /** OpenAI Realtime cached text input, per million tokens. */
        @WithDefault("0.40")
        java.math.BigDecimal textCachedInput();

        /** OpenAI Realtime text output, per million tokens. */
        @WithDefault("16.00")
        java.math.BigDecimal textOutput();

        /** OpenAI Realtime audio input, per million tokens not served from the cache. */
        @WithDefault("32.00")
        java.math.BigDecimal audioInput();

        /** OpenAI Realtime cached audio input, per million tokens. */
        @WithDefault("0.40")
        java.math.BigDecimal audioCachedInput();

        /** OpenAI Realtime audio output, per million tokens. */
        @WithDefault("64.00")
        java.math.BigDecimal audioOutput();

        /** Twilio voice, per started minute of an outbound call (US). */
        @WithDefault("0.0140")
        java.math.BigDecimal twilioOutboundPerMinute();

        /** Twilio voice, per started minute of an inbound call to a local number (US). */
        @WithDefault("0.0085")
        java.math.BigDecimal twilioInboundPerMinute();

        /** Wait after a call completes before Twilio is first asked for its price (asked again later if not set). */
        @WithDefault("5s")
        Duration twilioPriceDelay();
    }
}
