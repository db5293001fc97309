package dev.switchboard.contract.link;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every frame type on the internal link (docs/protocol.md), with its wire name and the side that sends it.
 * A name this build does not know reads as {@link #UNKNOWN}, so a newer peer's frame is ignored, not refused.
 */
public enum LinkType {

    GATEWAY_HELLO("gateway.hello", Sender.GATEWAY, false),
    CALL_STARTED("call.started", Sender.GATEWAY, true),
    CALL_ENDED("call.ended", Sender.GATEWAY, true),
    TRANSCRIPT_CALLER("transcript.caller", Sender.GATEWAY, true),
    TRANSCRIPT_AGENT("transcript.agent", Sender.GATEWAY, true),
    TOOL_CALLED("tool.called", Sender.GATEWAY, true),
    TOOL_RESULT("tool.result", Sender.GATEWAY, true),
    CALL_INTERRUPTED("call.interrupted", Sender.GATEWAY, true),
    CALL_METRICS("call.metrics", Sender.GATEWAY, true),
    CALL_ERROR("call.error", Sender.GATEWAY, true),
    /**
     * One item of the call's Realtime conversation (message, function call or its output), numbered per call by
     * {@code data.index}; control-api keeps them so another gateway can resume the call (docs/faults.md).
     */
    CONVERSATION_ITEM("conversation.item", Sender.GATEWAY, true),
    /** The call went on on this gateway after its stream ended elsewhere (a crash or a move). */
    CALL_RESUMED("call.resumed", Sender.GATEWAY, true),
    /** The agent's {@code transfer_call}: control-api runs the transfer or answers {@link #CALL_TRANSFER_FAILED}. */
    CALL_TRANSFER_REQUESTED("call.transfer.requested", Sender.GATEWAY, false),
    /** The answer to {@link #CALL_TRANSFER}: the agent is silent, the coming stream stop counts as the transfer. */
    CALL_TRANSFER_READY("call.transfer.ready", Sender.GATEWAY, false),
    /** The agent's {@code do_not_call}: control-api adds the call's remote number to the suppression list. */
    CALL_SUPPRESS("call.suppress", Sender.GATEWAY, true),
    /**
     * What the gateway did about answering-machine detection: {@code answeredBy} (null when no answer came in time),
     * {@code action} ({@code agent}, {@code message} or {@code hangup}) and {@code timedOut}.
     */
    CALL_AMD("call.amd", Sender.GATEWAY, true),

    CONFIG_SNAPSHOT("config.snapshot", Sender.CONTROL_API, false),
    CONFIG_UPDATED("config.updated", Sender.CONTROL_API, false),
    /** A new version of a named (non-default) agent profile; {@code config.updated} stays the default profile's. */
    PROFILE_UPDATED("profile.updated", Sender.CONTROL_API, false),
    /** A named agent profile was deleted: calls starting from now on get the default profile instead. */
    PROFILE_DELETED("profile.deleted", Sender.CONTROL_API, false),
    CALL_HANGUP("call.hangup", Sender.CONTROL_API, false),
    CALL_TRANSFER("call.transfer", Sender.CONTROL_API, false),
    CALL_TRANSFER_FAILED("call.transfer.failed", Sender.CONTROL_API, false),
    /** Twilio's asynchronous AMD result for a call dialed with {@code amd}: {@code answeredBy}, passed on at once. */
    CALL_AMD_RESULT("call.amd.result", Sender.CONTROL_API, false),
    /** Everything numbered up to {@code data.seq} is stored. */
    LINK_ACK("link.ack", Sender.CONTROL_API, false),

    UNKNOWN("unknown", null, false);

    /** Which end of the link writes a frame type. */
    public enum Sender { GATEWAY, CONTROL_API }

    private static final Map<String, LinkType> BY_WIRE = Arrays.stream(values())
            .filter(type -> type.sender != null)
            .collect(Collectors.toUnmodifiableMap(LinkType::wire, Function.identity()));

    private final String wire;
    private final Sender sender;
    private final boolean callEvent;

    LinkType(String wire, Sender sender, boolean callEvent) {
        this.wire = wire;
        this.sender = sender;
        this.callEvent = callEvent;
    }

    /** The {@code type} as written on the wire, e.g. {@code call.started}. */
    @JsonValue
    public String wire() {
        return wire;
    }

    /** The side that sends it; null for {@link #UNKNOWN}. */
    public Sender sender() {
        return sender;
    }

    /**
     * True for the gateway's events about a call: they carry a {@code callSid} and a {@code seq}, are stored in the
     * history and shown live.
     */
    public boolean callEvent() {
        return callEvent;
    }

    /** The type with this wire name, or {@link #UNKNOWN}. */
    @JsonCreator
    public static LinkType fromWire(String wire) {
        return wire == null ? UNKNOWN : BY_WIRE.getOrDefault(wire, UNKNOWN);
    }
}
