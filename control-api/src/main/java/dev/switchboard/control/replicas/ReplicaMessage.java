package dev.switchboard.control.replicas;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.switchboard.control.calls.CallCommand;
import dev.switchboard.control.errors.ApiError;
import dev.switchboard.control.livelogs.LiveEvent;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.Locale;

/**
 * One message between control-api replicas on the {@value ReplicaBus#CHANNEL} channel. {@code from} is the sending
 * replica (a replica ignores its own); {@code to} names the one replica a reply or a routed command is for.
 * Kinds: {@code event} (a live-log event), {@code config} (version {@code version} of profile {@code profile},
 * the default one when absent, was stored or deleted), {@code ask} (who
 * holds {@code callSid}?), {@code holds} (I do), {@code run} ({@code command}, on the replica that said it holds the
 * call), {@code result} ({@code error} null when it succeeded), and {@code ref} (the message is too large for a
 * notification: it is row {@code ref} of {@code replica_messages}).
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReplicaMessage(String from, Kind kind, String to, String id, String callSid, LiveEvent event,
                             Long version, CallCommand command, ApiError error, Long ref, String profile) {

    /** What a message is; written in lower case. A kind this build does not know reads as {@link #UNKNOWN}. */
    @RegisterForReflection
    public enum Kind {
        EVENT, CONFIG, ASK, HOLDS, RUN, RESULT, REF, UNKNOWN;

        @JsonValue
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        static Kind fromWire(String wire) {
            for (Kind kind : values()) {
                if (kind.wire().equals(wire)) {
                    return kind;
                }
            }
            return UNKNOWN;
        }
    }

    static ReplicaMessage event(LiveEvent event) {
        return new ReplicaMessage(null, Kind.EVENT, null, null, event.callSid(), event, null, null, null, null, null);
    }

    static ReplicaMessage config(String profile, long version) {
        return new ReplicaMessage(null, Kind.CONFIG, null, null, null, null, version, null, null, null, profile);
    }

    static ReplicaMessage ask(String id, String callSid) {
        return new ReplicaMessage(null, Kind.ASK, null, id, callSid, null, null, null, null, null, null);
    }

    static ReplicaMessage run(String to, String id, CallCommand command) {
        return new ReplicaMessage(null, Kind.RUN, to, id, command.callSid(), null, null, command, null, null, null);
    }

    /** The answer to {@code asked} ({@code holds} or {@code result}), addressed to the replica that sent it. */
    ReplicaMessage reply(Kind kind, ApiError error) {
        return new ReplicaMessage(null, kind, from, id, callSid, null, null, null, error, null, null);
    }

    ReplicaMessage stampedBy(String replica) {
        return new ReplicaMessage(replica, kind, to, id, callSid, event, version, command, error, ref, profile);
    }

    static ReplicaMessage ref(String replica, long row) {
        return new ReplicaMessage(replica, Kind.REF, null, null, null, null, null, null, null, row, null);
    }
}
