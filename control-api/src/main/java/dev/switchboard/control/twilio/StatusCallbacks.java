package dev.switchboard.control.twilio;

import dev.switchboard.control.errors.InvalidInputException;
import dev.switchboard.control.history.CallStatus;
import dev.switchboard.control.history.CallStore;
import dev.switchboard.control.history.StatusReport;
import dev.switchboard.control.livelogs.LiveEvent;
import dev.switchboard.control.livelogs.LiveEvents;
import dev.switchboard.control.logs.CallMdc;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns a Twilio status callback's parameters (Twilio's Call resource, "StatusCallback"; docs/api.md) into a
 * {@link StatusReport} and, when it moves the call's status, tells /logs clients with a {@code call.status} event
 * (after the commit, so a reader who reacts to it finds the new status stored).
 */
@ApplicationScoped
class StatusCallbacks {

    private final CallStore calls;
    private final LiveEvents liveLogs;
    private final TwilioPrices prices;

    StatusCallbacks(CallStore calls, LiveEvents liveLogs, TwilioPrices prices) {
        this.calls = calls;
        this.liveLogs = liveLogs;
        this.prices = prices;
    }

    void accept(Map<String, String> params) {
        try (CallMdc.Scope ignored = CallMdc.enter(params.get("CallSid"))) {
            apply(params);
        }
    }

    private void apply(Map<String, String> params) {
        String sid = params.get("CallSid");
        String answeredBy = params.get("AnsweredBy");
        if (answeredBy != null && !answeredBy.isBlank()) {
            calls.ensure(sid, direction(params), params.get("From"), params.get("To"), Instant.now());
            calls.answeredBy(sid, answeredBy);
        }
        String status = params.get("CallStatus");
        if (status == null && answeredBy != null) {
            return;
        }
        if (status == null || !CallStatus.known(status)) {
            throw new InvalidInputException("CallStatus", "is not a Twilio call status");
        }
        Integer seq = integer("SequenceNumber", params.get("SequenceNumber"));
        Integer seconds = integer("CallDuration", params.get("CallDuration"));
        StatusReport report = new StatusReport(sid, status, seq, "twilio",
                "twilio:" + (seq != null ? "seq:" + seq : status), timestamp(params.get("Timestamp")),
                seconds == null ? null : seconds * 1000L, direction(params), params.get("From"), params.get("To"));
        CallStore.Applied applied = calls.apply(report);
        CallMdc.run(sid, () -> Log.debugf("status %s seq %s: %s", status, seq, applied));
        if (applied == CallStore.Applied.ADVANCED) {
            liveLogs.publish(statusEvent(report));
        }
        if (applied != CallStore.Applied.DUPLICATE && "completed".equals(status)) {
            prices.completed(sid);
        }
    }

    private static LiveEvent statusEvent(StatusReport report) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("status", report.status());
        data.put("sequenceNumber", report.sequenceNumber());
        data.put("source", report.source());
        return new LiveEvent("call.status", report.callSid(), report.at(), data);
    }

    private static String direction(Map<String, String> params) {
        String direction = params.get("Direction");
        return direction == null || direction.isBlank() ? "unknown" : direction;
    }

    private static Integer integer(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(field, "must be a whole number");
        }
    }

    // Twilio's Timestamp is RFC 2822; when absent or odd, the time of arrival is close enough.
    private static Instant timestamp(String value) {
        if (value == null || value.isBlank()) {
            return Instant.now();
        }
        try {
            return ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return Instant.now();
        }
    }
}
