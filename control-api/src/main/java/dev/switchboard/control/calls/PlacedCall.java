package dev.switchboard.control.calls;

import dev.switchboard.control.history.CallView;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;

/**
 * The answer to POST /api/calls: the call as stored, plus {@code mode}: {@code twilio} for a real phone call, or
 * {@code local} when the local dialer played Twilio's part, so nobody mistakes a local call for a real one.
 */
@RegisterForReflection
public record PlacedCall(String sid, String direction, String from, String to, String status, Instant createdAt,
                         Instant startedAt, Instant endedAt, Long durationMs, String mode, String profile,
                         Long profileVersion) {

    static PlacedCall of(CallView call, boolean local) {
        return new PlacedCall(call.sid(), call.direction(), call.from(), call.to(), call.status(), call.createdAt(),
                call.startedAt(), call.endedAt(), call.durationMs(), local ? "local" : "twilio", call.profile(),
                call.profileVersion());
    }
}
