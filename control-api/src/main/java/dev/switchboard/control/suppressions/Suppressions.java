package dev.switchboard.control.suppressions;

import dev.switchboard.control.config.TransferTargets;
import dev.switchboard.control.errors.InvalidInputException;
import dev.switchboard.control.history.CallHistory;
import dev.switchboard.control.history.CallView;
import dev.switchboard.control.logs.CallMdc;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The suppression list: numbers that are never dialed (docs/api.md, Suppressions). Every check reads the table, so a
 * number added through any replica is refused by every replica from then on. Log lines never carry a number.
 */
@ApplicationScoped
public class Suppressions {

    static final String INVALID_NUMBER = "must be an E.164 number like +14155550123";
    private static final Pattern E164 = Pattern.compile(TransferTargets.E164_NUMBER);

    private final SuppressionStore store;
    private final CallHistory history;

    Suppressions(SuppressionStore store, CallHistory history) {
        this.store = store;
        this.history = history;
    }

    /** Throws {@link NumberSuppressedException} when {@code number} is on the list; call it right before dialing. */
    public void refuseSuppressed(String number) {
        if (number != null && store.find(number).isPresent()) {
            throw new NumberSuppressedException();
        }
    }

    /** The agent's {@code do_not_call} in call {@code sid}: suppresses the other party's number of that call. */
    public void fromCall(String sid, String reason, Instant at) {
        Optional<String> remote = history.view(sid).map(Suppressions::remoteNumber).filter(Suppressions::valid);
        if (remote.isEmpty()) {
            CallMdc.run(sid, () -> Log.warn("do_not_call: the call has no known E.164 remote number, nothing "
                    + "suppressed"));
            return;
        }
        boolean added = store.add(new Suppression(remote.get(), trim(reason), Suppression.TOOL, sid, at));
        CallMdc.run(sid, () -> Log.infof("do_not_call: the remote number %s",
                added ? "is now suppressed" : "was already suppressed"));
    }

    Added add(String number, String reason, String source) {
        check(number);
        boolean created = store.add(new Suppression(number, trim(reason), source, null, Instant.now()));
        return new Added(store.find(number).orElseThrow(SuppressionNotFoundException::new), created);
    }

    void remove(String number) {
        check(number);
        if (!store.remove(number)) {
            throw new SuppressionNotFoundException();
        }
    }

    Suppression find(String number) {
        check(number);
        return store.find(number).orElseThrow(SuppressionNotFoundException::new);
    }

    SuppressionPage page(int page, int size) {
        return store.page(page, size);
    }

    static boolean valid(String number) {
        return number != null && E164.matcher(number).matches();
    }

    // Twilio's Direction: inbound, outbound-api (our dials), outbound-dial (a <Dial> leg).
    private static String remoteNumber(CallView call) {
        return call.direction() != null && call.direction().startsWith("outbound") ? call.to() : call.from();
    }

    private static void check(String number) {
        if (!valid(number)) {
            throw new InvalidInputException("number", INVALID_NUMBER);
        }
    }

    static String trim(String reason) {
        if (reason == null || reason.isBlank()) {
            return null;
        }
        String stripped = reason.strip();
        return stripped.length() > 500 ? stripped.substring(0, 500) : stripped;
    }

    /** The row as stored, and whether this request created it. */
    record Added(Suppression row, boolean created) { }
}
