package dev.switchboard.contract.twilio;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Twilio's request signature, {@code X-Twilio-Signature}, per Twilio's "Webhooks security" page: HMAC-SHA1 keyed by
 * the auth token over the full URL followed by every POST parameter's name and value in case-sensitive name order,
 * Base64-encoded. Validation accepts exactly what the Twilio SDK's {@code RequestValidator} accepts (the URL with its
 * default port added or its port removed, since Twilio signs voice callbacks without the port), compared in constant
 * time; the SDK keeps its signing method private, which is why this class exists.
 */
public final class TwilioSignature {

    /** The header Twilio puts the signature in. */
    public static final String HEADER = "X-Twilio-Signature";

    private static final String BODY_HASH = "bodySHA256";

    private final SecretKeySpec key;

    public TwilioSignature(String authToken) {
        this.key = new SecretKeySpec(Objects.requireNonNull(authToken, "authToken").getBytes(StandardCharsets.UTF_8),
                "HmacSHA1");
    }

    /** The signature of a request to {@code url} (scheme through query) with these form parameters. */
    public String sign(String url, Map<String, String> params) {
        StringBuilder data = new StringBuilder(url);
        if (params != null) {
            new TreeMap<>(params).forEach((name, value) -> data.append(name).append(value == null ? "" : value));
        }
        return Base64.getEncoder().encodeToString(hmac(data.toString()));
    }

    /** A form-encoded (or GET) request: the URL plus every parameter Twilio sent, never a fixed list. */
    public boolean valid(String url, Map<String, String> params, String signature) {
        if (signature == null) {
            return false;
        }
        return same(sign(withDefaultPort(url), params), signature) || same(sign(withoutPort(url), params), signature);
    }

    /**
     * A JSON request: Twilio signs the URL, whose {@code bodySHA256} query parameter must be the hex SHA-256 of the
     * raw body; without that parameter the request is not valid.
     */
    public boolean validJson(String url, String body, String signature) {
        String expectedHash = queryParameter(url, BODY_HASH);
        if (expectedHash == null || body == null) {
            return false;
        }
        return valid(url, Map.of(), signature) && same(sha256Hex(body), expectedHash);
    }

    private byte[] hmac(String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(key);
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is always present", e);
        }
    }

    private static boolean same(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    // Rebuilt through URI's component constructor, as the SDK does, so both accept the same URL spellings.
    private static String withDefaultPort(String url) {
        try {
            URI uri = new URI(url);
            if (uri.getPort() != -1) {
                return url;
            }
            int port = "https".equals(uri.getScheme()) ? 443 : 80;
            return new URI(uri.getScheme(), uri.getUserInfo(), uri.getHost(), port, uri.getPath(), uri.getQuery(),
                    uri.getFragment()).toString();
        } catch (URISyntaxException e) {
            return url;
        }
    }

    private static String withoutPort(String url) {
        try {
            URI uri = new URI(url);
            if (uri.getPort() == -1) {
                return url;
            }
            return new URI(uri.getScheme(), uri.getUserInfo(), uri.getHost(), -1, uri.getPath(), uri.getQuery(),
                    uri.getFragment()).toString();
        } catch (URISyntaxException e) {
            return url;
        }
    }

    private static String queryParameter(String url, String name) {
        String query;
        try {
            query = new URI(url).getRawQuery();
        } catch (URISyntaxException e) {
            return null;
        }
        if (query == null) {
            return null;
        }
        try {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                if (key.equals(name)) {
                    return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                }
            }
        } catch (IllegalArgumentException e) {
            return null;   // a malformed escape: no hash can be read, so the request is not valid
        }
        return null;
    }

    private static String sha256Hex(String body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is always present", e);
        }
    }
}
