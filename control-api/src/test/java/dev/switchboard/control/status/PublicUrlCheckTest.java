package dev.switchboard.control.status;

import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

class PublicUrlCheckTest {

    @Test
    void publicHttpsBaseHasNoProblem() {
        assertThat(PublicUrlCheck.of(URI.create("https://abc.trycloudflare.com")))
                .isEqualTo(new PublicUrlCheck("https://abc.trycloudflare.com", true, true, null));
    }

    @Test
    void loopbackPrivateAndInternalHostsDoNotLookPublic() {
        for (String url : new String[] {"http://127.0.0.1:8080", "https://localhost", "https://10.1.2.3",
                "https://172.20.0.5", "https://192.168.1.5:8443", "https://169.254.1.1", "https://[::1]:8080",
                "https://[fd00::5]", "https://gateway", "https://printer.local", "https://100.64.0.1"}) {
            PublicUrlCheck check = PublicUrlCheck.of(URI.create(url));
            assertThat(check.looksPublic()).as(url).isFalse();
            assertThat(check.problem()).as(url).contains("not reachable from the internet");
        }
        assertThat(PublicUrlCheck.of(URI.create("https://8.8.8.8")).looksPublic()).isTrue();
        assertThat(PublicUrlCheck.of(URI.create("https://172.32.0.1")).looksPublic()).isTrue();
    }

    @Test
    void plainHttpOnAPublicHostIsAProblem() {
        PublicUrlCheck check = PublicUrlCheck.of(URI.create("http://example.com"));
        assertThat(check.httpsScheme()).isFalse();
        assertThat(check.looksPublic()).isTrue();
        assertThat(check.problem()).isEqualTo("Twilio needs https");
    }

    @Test
    void userInfoQueryAndFragmentAreNeverShown() {
        PublicUrlCheck check = PublicUrlCheck.of(URI.create("https://user:s3cret@example.com/base?token=abc#x"));
        assertThat(check.value()).isEqualTo("https://example.com/base");
    }
}
