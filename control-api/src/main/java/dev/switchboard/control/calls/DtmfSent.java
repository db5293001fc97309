package dev.switchboard.control.calls;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Answer of POST /api/calls/{sid}/dtmf: the keys accepted for sending, one {@code dtmf} event each. */
@RegisterForReflection
public record DtmfSent(String sid, String digits) { }
