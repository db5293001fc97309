package dev.switchboard.control.status;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A configured public base URL judged by shape only (no DNS, no request): is it https, and does its host look
 * reachable from the internet (not localhost, a loopback, private or link-local address, or a bare internal name)?
 * {@code value} is the URL without user info, query or fragment, so a credential pasted into it is never shown.
 */
@RegisterForReflection
public record PublicUrlCheck(String value, boolean httpsScheme, boolean looksPublic, String problem) {

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

    static PublicUrlCheck of(URI url) {
        if (url == null || url.getScheme() == null || url.getHost() == null) {
            return new PublicUrlCheck(null, false, false, "not set or not an absolute URL");
        }
        String host = url.getHost().toLowerCase(Locale.ROOT);
        String value = url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort())
                + (url.getRawPath() == null ? "" : url.getRawPath());
        boolean https = "https".equalsIgnoreCase(url.getScheme());
        boolean looksPublic = looksPublic(host);
        String problem = !looksPublic ? host + " is not reachable from the internet: Twilio cannot call it"
                + " (fine for local mode)" : !https ? "Twilio needs https" : null;
        return new PublicUrlCheck(value, https, looksPublic, problem);
    }

    static boolean looksPublic(String host) {
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (bare.contains(":")) {
            return publicIpv6(bare);
        }
        var v4 = IPV4.matcher(bare);
        if (v4.matches()) {
            return publicIpv4(Integer.parseInt(v4.group(1)), Integer.parseInt(v4.group(2)));
        }
        return bare.contains(".") && !bare.equals("localhost") && !bare.endsWith(".localhost")
                && !bare.endsWith(".local") && !bare.endsWith(".internal") && !bare.endsWith(".lan")
                && !bare.endsWith(".home.arpa");
    }

    private static boolean publicIpv4(int a, int b) {
        return !(a == 0 || a == 10 || a == 127 || (a == 169 && b == 254) || (a == 172 && b >= 16 && b <= 31)
                || (a == 192 && b == 168) || (a == 100 && b >= 64 && b <= 127) || a >= 224);
    }

    private static boolean publicIpv6(String address) {
        String lower = address.toLowerCase(Locale.ROOT);
        return !(lower.equals("::1") || lower.equals("::") || lower.startsWith("fe80:") || lower.startsWith("fc")
                || lower.startsWith("fd") || lower.startsWith("::ffff:"));
    }
}
