package dev.switchboard.control.livelogs;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;
import java.util.Map;

/**
 * One event on {@code /logs} (docs/api.md): the gateways' call events as the link carried them, plus what control-api
 * learns itself ({@code call.status} from Twilio, {@code call.transferred}). Written as the link's envelope without
 * {@code seq}, which only the link needs.
 */
@RegisterForReflection
public record LiveEvent(String type, String callSid, Instant at, Map<String, Object> data) { }
