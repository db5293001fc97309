package dev.switchboard.gateway.twilio;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class StreamTokensTest {

    private static final byte[] SECRET = "secret".getBytes(StandardCharsets.UTF_8);
    private final Clock now = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private final StreamTokens tokens = new StreamTokens(SECRET, Duration.ofMinutes(5), now);

    @Test
    void aTokenIsValidForItsOwnCall() {
        assertThat(tokens.verify("CA1", tokens.issue("CA1"))).isTrue();
    }

    @Test
    void aTokenIsNotValidForAnotherCall() {
        assertThat(tokens.verify("CA2", tokens.issue("CA1"))).isFalse();
    }

    @Test
    void aTokenExpires() {
        String token = tokens.issue("CA1");
        StreamTokens later = new StreamTokens(SECRET, Duration.ofMinutes(5), Clock.offset(now, Duration.ofMinutes(6)));
        assertThat(later.verify("CA1", token)).isFalse();
    }

    @Test
    void aTokenFromAnotherSecretOrTamperedOrMalformedIsRejected() {
        StreamTokens other = new StreamTokens("other".getBytes(StandardCharsets.UTF_8), Duration.ofMinutes(5), now);
        String token = tokens.issue("CA1");
        assertThat(tokens.verify("CA1", other.issue("CA1"))).isFalse();
        assertThat(tokens.verify("CA1", (Long.parseLong(token.split("\\.")[0]) + 60) + token.substring(
                token.indexOf('.')))).isFalse();
        assertThat(tokens.verify("CA1", "garbage")).isFalse();
        assertThat(tokens.verify("CA1", null)).isFalse();
    }

    @Test
    void aWellFormedTokenSignedElsewhereForACallNotAnsweredHereIsForeign() {
        StreamTokens other = new StreamTokens("other".getBytes(StandardCharsets.UTF_8), Duration.ofMinutes(5), now);
        assertThat(tokens.check("CA9", other.issue("CA9"))).isEqualTo(StreamTokens.Verdict.FOREIGN);
    }

    @Test
    void aBadTokenForACallAnsweredHereOrAMalformedOrExpiredOneIsNotForeign() {
        StreamTokens other = new StreamTokens("other".getBytes(StandardCharsets.UTF_8), Duration.ofMinutes(5), now);
        tokens.issue("CA1");
        assertThat(tokens.check("CA1", other.issue("CA1"))).isEqualTo(StreamTokens.Verdict.INVALID);
        assertThat(tokens.check("CA2", "garbage")).isEqualTo(StreamTokens.Verdict.INVALID);
        assertThat(tokens.check("CA5", tokens.issue("CA4"))).isEqualTo(StreamTokens.Verdict.INVALID);
        assertThat(tokens.check("CA2", "123.abc")).isEqualTo(StreamTokens.Verdict.INVALID);
        StreamTokens earlier = new StreamTokens("other".getBytes(StandardCharsets.UTF_8), Duration.ofMinutes(5),
                Clock.offset(now, Duration.ofMinutes(-6)));
        assertThat(tokens.check("CA3", earlier.issue("CA3"))).isEqualTo(StreamTokens.Verdict.INVALID);
    }

    @Test
    void withoutASharedSecretAGatewayOnOpenAiWarnsAtStartUp() {
        assertThat(StreamTokens.missingSecretWarning(Optional.empty(), false)).get().asString()
                .contains("SWITCHBOARD_STREAM_SECRET");
        assertThat(StreamTokens.missingSecretWarning(Optional.of(" "), false)).isPresent();
        assertThat(StreamTokens.missingSecretWarning(Optional.of("shared"), false)).isEmpty();
        assertThat(StreamTokens.missingSecretWarning(Optional.empty(), true)).isEmpty();
    }
}
