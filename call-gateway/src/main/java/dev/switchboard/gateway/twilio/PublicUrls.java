package dev.switchboard.gateway.twilio;

import dev.switchboard.gateway.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.URI;

/**
 * The URLs Twilio uses to reach this gateway, built from PUBLIC_URL (never from Host or proxy headers),
 * because Twilio signs exactly the URL it requested.
 */
@ApplicationScoped
public class PublicUrls {

    private final String httpBase;
    private final String wsBase;

    @Inject
    PublicUrls(GatewayConfig config) {
        this(config.publicUrl());
    }

    public PublicUrls(URI publicUrl) {
        String base = publicUrl.toString();
        this.httpBase = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.wsBase = "https".equalsIgnoreCase(publicUrl.getScheme())
                ? "wss" + httpBase.substring("https".length())
                : "ws" + httpBase.substring(httpBase.indexOf(':'));
    }

    /** The public URL of an HTTP path, with the raw query string when there is one. */
    public String http(String path, String rawQuery) {
        return httpBase + path + (rawQuery == null || rawQuery.isEmpty() ? "" : "?" + rawQuery);
    }

    /** The public WebSocket URL of the media stream (wss for an https base, ws for http). */
    public String mediaStream() {
        return wsBase + "/call";
    }
}
