package dev.switchboard.control.costs;

import dev.switchboard.control.ControlConfig;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PriceTableTest {

    /** The defaults as docs/operations.md#prices lists them (OpenAI gpt-realtime, Twilio US voice). */
    static final class DocumentedPrices implements ControlConfig.Prices {
        public String currency() { return "USD"; }
        public BigDecimal textInput() { return new BigDecimal("4.00"); }
        public BigDecimal textCachedInput() { return new BigDecimal("0.40"); }
        public BigDecimal textOutput() { return new BigDecimal("16.00"); }
        public BigDecimal audioInput() { return new BigDecimal("32.00"); }
        public BigDecimal audioCachedInput() { return new BigDecimal("0.40"); }
        public BigDecimal audioOutput() { return new BigDecimal("64.00"); }
        public BigDecimal twilioOutboundPerMinute() { return new BigDecimal("0.0140"); }
        public BigDecimal twilioInboundPerMinute() { return new BigDecimal("0.0085"); }
        public Duration twilioPriceDelay() { return Duration.ofSeconds(5); }
    }

    private final PriceTable prices = new PriceTable(new DocumentedPrices());

    @Test
    void theWorkedExampleOfTheDocsCostsWhatTheDocsSay() {
        TokenCounts tokens = new TokenCounts(420, 120, 192, 32, 50, 240);

        Map<String, Object> estimate = prices.estimate(tokens, 42, "outbound-api");

        assertThat(estimate.get("currency")).isEqualTo("USD");
        assertThat((BigDecimal) estimate.get("total")).isEqualByComparingTo("0.033978");
        @SuppressWarnings("unchecked")
        Map<String, BigDecimal> breakdown = (Map<String, BigDecimal>) estimate.get("breakdown");
        assertThat(breakdown.get("inputText")).isEqualByComparingTo("0.000912");
        assertThat(breakdown.get("inputAudio")).isEqualByComparingTo("0.002816");
        assertThat(breakdown.get("cachedInput")).isEqualByComparingTo("0.000090");
        assertThat(breakdown.get("outputText")).isEqualByComparingTo("0.000800");
        assertThat(breakdown.get("outputAudio")).isEqualByComparingTo("0.015360");
        assertThat(breakdown.get("twilio")).isEqualByComparingTo("0.014");
    }

    @Test
    void twilioBillsEveryStartedMinuteAtTheInboundPriceForInboundCalls() {
        Map<String, Object> estimate = prices.estimate(null, 61, "inbound");

        assertThat((BigDecimal) estimate.get("total")).isEqualByComparingTo("0.017");
        assertThat((BigDecimal) prices.estimate(null, 0, "inbound").get("total")).isEqualByComparingTo("0");
    }

    @Test
    void cachedTokensAreNotAlsoBilledAsFullPriceInput() {
        Map<String, Object> allCached = prices.estimate(new TokenCounts(1_000_000, 0, 1_000_000, 0, 0, 0), 0,
                "outbound-api");

        assertThat((BigDecimal) allCached.get("total")).isEqualByComparingTo("0.40");
    }
}
