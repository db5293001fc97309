package dev.switchboard.control.twilio;

import dev.switchboard.control.ControlConfig;
import dev.switchboard.control.history.CallEndings;
import dev.switchboard.control.logs.CallMdc;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.math.BigDecimal;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Fetches a completed call's price from Twilio and adds it to the call's usage. Status callbacks do not carry the
 * price and Twilio fills it in some time after the call ends, so this asks a few times (after the delay, 6× and
 * 24× the delay) and gives up quietly: the estimate stays either way. Only with a Twilio account configured.
 */
@ApplicationScoped
class TwilioPrices {

    private static final int[] ATTEMPT_FACTORS = {1, 6, 24};

    private final TwilioCallDialer twilio;
    private final CallEndings calls;
    private final long delayMs;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "twilio-prices");
        thread.setDaemon(true);
        return thread;
    });

    TwilioPrices(TwilioCallDialer twilio, CallEndings calls, ControlConfig config) {
        this.twilio = twilio;
        this.calls = calls;
        this.delayMs = config.prices().twilioPriceDelay().toMillis();
    }

    void completed(String callSid) {
        if (twilio.configured()) {
            schedule(callSid, 0);
        }
    }

    void stop(@Observes ShutdownEvent shutdown) {
        timer.shutdownNow();
    }

    private void schedule(String callSid, int attempt) {
        timer.schedule(() -> fetch(callSid, attempt), delayMs * ATTEMPT_FACTORS[attempt], TimeUnit.MILLISECONDS);
    }

    private void fetch(String callSid, int attempt) {
        try {
            var price = twilio.price(callSid);
            if (price.isPresent()) {
                calls.twilioPrice(callSid, new BigDecimal(price.get().price()), price.get().unit());
                return;
            }
        } catch (RuntimeException e) {
            CallMdc.run(callSid, () -> Log.debugf("Twilio price not fetched: %s", e.getClass().getSimpleName()));
        }
        if (attempt + 1 < ATTEMPT_FACTORS.length) {
            schedule(callSid, attempt + 1);
        }
    }
}
