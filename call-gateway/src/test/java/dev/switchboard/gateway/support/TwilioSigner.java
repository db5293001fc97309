package dev.switchboard.gateway.support;

import dev.switchboard.contract.twilio.TwilioSignature;

import java.util.Map;

/** Signs like Twilio does (docs/security.md, request signatures), with the contract's one signer. */
public final class TwilioSigner {

    public static final String TOKEN = "test-auth-token";
    public static final String PUBLIC_BASE = "https://gateway.test";
    public static final String STREAM_URL = "wss://gateway.test/call";

    private TwilioSigner() {
    }

    public static String sign(String url, Map<String, String> params) {
        return sign(TOKEN, url, params);
    }

    public static String sign(String token, String url, Map<String, String> params) {
        return new TwilioSignature(token).sign(url, params);
    }
}
