package dev.switchboard.control.calls;

/** What the dialer reports right after placing a call: its CallSid and first status (usually queued). */
public record DialedCall(String sid, String status) { }
