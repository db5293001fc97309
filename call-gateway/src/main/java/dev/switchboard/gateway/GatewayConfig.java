package dev.switchboard.gateway;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** All call-gateway settings; each also reads from the environment variable named in application.properties. */
@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {

    /** Public https base at which Twilio reaches this gateway (PUBLIC_URL); the Stream URL and signatures use it. */
    URI publicUrl();

    /** Twilio settings. */
    Twilio twilio();

    /** Upstream OpenAI Realtime connection. */
    OpenAi openai();

    /** Internal link to control-api. */
    Control control();

    /** Limits applied to every call. */
    Limits limits();

    /** The built-in local voice agent (answers when OpenAI is not used). */
    LocalAgent localAgent();

    /** HTTP webhook tools (agent config tools of kind {@code webhook}). */
    Webhooks webhooks();

    /** Resuming a call whose stream ended on another instance, and moving calls off a draining one. */
    Resume resume();

    interface Resume {
        /** What a draining instance does with its live calls: move them to another instance, or say goodbye. */
        enum DrainMode { MOVE, GOODBYE }

        /**
         * What the agent says first when a call resumes after it was cut mid-sentence (SWITCHBOARD_RESUME_LINE); it
         * then goes on with what it was saying.
         */
        @WithDefault("Sorry, the line dropped for a moment.")
        String line();

        /**
         * New streams a call is given in a row when its stream keeps failing (SWITCHBOARD_RESUME_ATTEMPTS): the
         * resume request after that is answered with the end line and {@code <Hangup/>}.
         */
        @WithDefault("3")
        int attempts();

        /** What the caller hears before the hang-up when a call cannot be resumed (SWITCHBOARD_RESUME_END_LINE). */
        @WithDefault("Sorry, we lost the connection. Please call us back.")
        String endLine();

        /** Longest wait for control-api's copy of the conversation before resuming without it. */
        @WithDefault("2s")
        Duration fetchTimeout();

        /** SWITCHBOARD_DRAIN_MODE: move (default) or goodbye, the old goodbye at the drain deadline. */
        @WithDefault("move")
        DrainMode drainMode();

        /** Move mode: the latest a live call is moved after SIGTERM if no quiet moment came (SWITCHBOARD_MOVE_DEADLINE). */
        @WithDefault("5s")
        Duration moveDeadline();
    }

    interface Twilio {
        /** Auth token (TWILIO_AUTH_TOKEN); when present every webhook and handshake must carry a valid signature. */
        Optional<String> authToken();

        /**
         * Secret keying the per-call stream token (SWITCHBOARD_STREAM_SECRET), the same on every instance; a random one
         * is made at start when absent, and then only this instance accepts the streams of calls it answered.
         */
        Optional<String> streamSecret();

        /** How long a stream token from /twiml stays valid for the /call handshake. */
        @WithDefault("5m")
        Duration streamTokenTtl();
    }

    interface OpenAi {
        /** Realtime WebSocket base URL (OPENAI_REALTIME_URL), without the model query. */
        @WithDefault("wss://api.openai.com/v1/realtime")
        URI url();

        /** Realtime model (OPENAI_REALTIME_MODEL). */
        @WithDefault("gpt-realtime")
        String model();

        /** Bearer key (OPENAI_API_KEY); without it the built-in local voice agent answers. */
        Optional<String> apiKey();

        /** Time allowed for the upstream handshake before the call is failed. */
        @WithDefault("5s")
        Duration connectTimeout();

        /**
         * How long a Realtime session opened when /twiml is answered waits for the call's media stream before it is
         * closed (SWITCHBOARD_EARLY_SESSION_HOLD); 0 opens the session only when the stream starts.
         */
        @WithDefault("10s")
        Duration earlySessionHold();

        /** How long a call keeps trying to (re)open its Realtime session after a failure before it ends. */
        @WithDefault("5s")
        Duration reconnectBudget();

        /**
         * Age at which a call's Realtime session is replaced by a fresh one at the next pause, before the service's
         * 60-minute session limit; the conversation is carried over.
         */
        @WithDefault("55m")
        Duration sessionMaxAge();

        /** Most characters of the conversation so far replayed into a reopened session (newest kept). */
        @WithDefault("8000")
        int replayMaxChars();

        /** Which Realtime server answers (SWITCHBOARD_AGENT_MODE): auto = OpenAI when a key is set, else local. */
        @WithDefault("auto")
        Mode mode();

        /** Realtime server choice. */
        enum Mode { AUTO, OPENAI, LOCAL }
    }

    interface LocalAgent {
        /** Loopback port of the local agent's Realtime endpoint; 0 picks a free one. */
        @WithDefault("0")
        int port();
    }

    interface Webhooks {
        /** HMAC-SHA256 key of X-Switchboard-Signature (SWITCHBOARD_WEBHOOK_SECRET); without it requests go unsigned. */
        Optional<String> secret();

        /** Time a webhook tool gets when its config sets no timeoutMs, retries included. */
        @WithDefault("5s")
        Duration timeout();

        /** Most attempts for a tool marked idempotent (the first included); others get exactly one. */
        @WithDefault("3")
        int maxAttempts();

        /** Pause before the first retry; it doubles for each further retry. */
        @WithDefault("200ms")
        Duration retryBackoff();

        /** Largest response body accepted from a webhook, in bytes; a bigger one is a tool error. */
        @WithDefault("65536")
        int maxResponseBytes();
    }

    interface Control {
        /** Base URL of control-api (CONTROL_API_URL); without it the gateway runs unlinked. */
        Optional<URI> url();

        /** Shared secret of the internal link (SWITCHBOARD_INTERNAL_TOKEN). */
        Optional<String> internalToken();

        /** This instance's name on the link (SWITCHBOARD_INSTANCE_ID); a random one is made at start when absent. */
        Optional<String> instanceId();

        /**
         * Events held until control-api acknowledges them (queued while the link is down, or written and not yet
         * acknowledged); past it the oldest transcript deltas are dropped first.
         */
        @WithDefault("10000")
        int queueSize();

        /** First reconnect delay; it doubles on each failure, with jitter, up to {@link #reconnectMax()}. */
        @WithDefault("500ms")
        Duration reconnectMin();

        /** Longest wait between reconnect attempts. */
        @WithDefault("30s")
        Duration reconnectMax();

        /**
         * How long a new link may go without any acknowledgement before the gateway takes control-api for a version
         * that does not acknowledge events and stops keeping written events for resending.
         */
        @WithDefault("5s")
        Duration ackTimeout();

        /** Time allowed for fetching a call's context from control-api before falling back to the global config. */
        @WithDefault("1500ms")
        Duration contextTimeout();
    }

    interface Limits {
        /** Most calls this instance carries at once (SWITCHBOARD_MAX_CALLS). */
        @WithDefault("200")
        int maxCalls();

        /** Caller audio kept while the OpenAI session opens, in milliseconds of audio. */
        @WithDefault("2000")
        int preSessionAudioMs();

        /** Largest Twilio media payload accepted, in base64 characters; bigger frames are dropped. */
        @WithDefault("16384")
        int maxMediaPayloadChars();

        /** Longest wait for the farewell to finish playing after the agent ends the call. */
        @WithDefault("10s")
        Duration farewellTimeout();

        /**
         * Longest wait for control-api to answer the agent's transfer request, and for Twilio to end the stream once
         * a transfer is under way (past it the bridge ends).
         */
        @WithDefault("10s")
        Duration transferTimeout();

        /** Longest a tool may run before the model is told it timed out. */
        @WithDefault("8s")
        Duration toolTimeout();

        /** Text a socket may have written but not yet taken by the OS before further frames wait in our queue. */
        @WithDefault("65536")
        int socketWriteBufferChars();

        /** Audio waiting for a slow socket, per direction and call; beyond it the oldest audio is dropped and counted. */
        @WithDefault("3000")
        int sendQueueAudioMs();

        /** How long a tool may run before the model is asked to tell the caller "one moment". */
        @WithDefault("1500ms")
        Duration toolFillerDelay();

        /** Longest wait for control-api's per-call context at call start; the call goes on without it after. */
        @WithDefault("1500ms")
        Duration contextLookupTimeout();

        /**
         * On a call dialed with answering-machine detection, longest the agent waits for Twilio's answer, from the
         * stream's start (SWITCHBOARD_AMD_TIMEOUT); past it the agent starts as for a person.
         */
        @WithDefault("6s")
        Duration amdTimeout();

        /**
         * After SIGTERM, how long live calls may go on before each hears a goodbye and ends (SWITCHBOARD_DRAIN_TIMEOUT);
         * keep the platform's grace period above this plus about 10 s for the goodbye.
         */
        @WithDefault("5m")
        Duration drainTimeout();
    }
}
