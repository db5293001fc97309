package dev.switchboard.gateway.bridge;

/**
 * Ends the call after the agent said goodbye: once the current response is done and Twilio has echoed the mark
 * after its last audio (so the caller heard it all), or after a timeout if the echo never comes.
 */
final class Farewell {

    private final CallBridge call;
    private boolean requested;
    private boolean responseActive;
    private long timer = -1;

    Farewell(CallBridge call) {
        this.call = call;
    }

    void request() {
        if (requested || call.ended()) {
            return;
        }
        requested = true;
        long timeoutMs = call.services.config().limits().farewellTimeout().toMillis();
        timer = call.vertx()
                .setTimer(timeoutMs, id -> call.execute(() -> call.end(EndReason.AGENT_HUNG_UP)));
        check();
    }

    void responseStarted() {
        responseActive = true;
    }

    void responseDone() {
        responseActive = false;
        check();
    }

    boolean responseActive() {
        return responseActive;
    }

    /** Hangs up when a farewell was requested and has fully played. */
    void check() {
        if (requested && !responseActive && call.playback.outstanding() == 0 && !call.sayingGoodbye()) {
            call.end(EndReason.AGENT_HUNG_UP);
        }
    }

    void cancel() {
        if (timer >= 0) {
            call.vertx().cancelTimer(timer);
            timer = -1;
        }
    }
}
