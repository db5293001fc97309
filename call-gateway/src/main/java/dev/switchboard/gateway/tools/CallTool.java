package dev.switchboard.gateway.tools;

import io.smallrye.mutiny.Uni;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** A tool the model can call. Implementations must not block: return a Uni and do slow work off the event loop. */
public interface CallTool {

    /** The function name the model sees. */
    String name();

    /** Description offered to the model when the agent config gives none. */
    String description();

    /** JSON schema of the arguments, used when the agent config gives none. */
    Map<String, Object> parameters();

    /** The tool's own time limit (it answers with an error when reached); empty: the gateway's tool timeout. */
    default Optional<Duration> timeout() {
        return Optional.empty();
    }

    /** Whether the caller hears a spoken "one moment" while this tool is slow. */
    default boolean filler() {
        return true;
    }

    Uni<ToolResult> invoke(ToolInvocation invocation);
}
