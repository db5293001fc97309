package dev.switchboard.control.history;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything known about one call: its status timeline, transcript (both sides), tool calls, transfers and usage,
 * the agent profile and version it ran on, and its latest completed recording ({@link Recording#publicFields}:
 * the audio itself is {@code GET /api/calls/{sid}/recording}), and what was done about answering-machine detection
 * ({@code answeredBy}, {@code amdAction}).
 */
@RegisterForReflection
public record CallDetail(String sid, String direction, String from, String to, String status, Instant createdAt,
                         Instant startedAt, Instant endedAt, Long durationMs, String endReason, String answeredBy,
                         String instructions, Map<String, Object> variables, List<StatusChange> timeline,
                         List<TranscriptLine> transcript, List<ToolCall> toolCalls, List<Interruption> interruptions,
                         List<Transfer> transfers, Map<String, Object> usage, String profile, Long profileVersion,
                         Map<String, Object> recording, String amdAction) {

    /** One status report; {@code source} is twilio, api or gateway. */
    @RegisterForReflection
    public record StatusChange(String status, Integer sequenceNumber, String source, Instant at) { }

    /** One final transcript line; {@code speaker} is caller or agent. */
    @RegisterForReflection
    public record TranscriptLine(String speaker, String itemId, String text, Instant at) { }

    /** One tool invocation by the model and its result. */
    @RegisterForReflection
    public record ToolCall(String callId, String name, String arguments, String output, String error,
                           Instant calledAt, Instant resultAt) { }

    /** The caller talked over the agent; the agent's audio was cut at {@code audioEndMs}. */
    @RegisterForReflection
    public record Interruption(String itemId, Long audioEndMs, Instant at) { }

    /** The call was handed off to {@code target}; {@code requestedBy} is api (an operator) or agent (transfer_call). */
    @RegisterForReflection
    public record Transfer(String target, String reason, String requestedBy, Instant at) { }
}
