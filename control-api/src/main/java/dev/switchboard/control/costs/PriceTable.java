package dev.switchboard.control.costs;

import dev.switchboard.control.ControlConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Estimates what a call cost from its tokens and length with the configured prices (docs/operations.md#prices):
 * OpenAI bills tokens by kind per million, cached input cheaper; Twilio bills each started minute.
 */
@ApplicationScoped
public class PriceTable {

    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);
    private static final int SCALE = 6;

    private final ControlConfig.Prices prices;

    @Inject
    PriceTable(ControlConfig config) {
        this(config.prices());
    }

    /** For a table built from given prices (tests). */
    public PriceTable(ControlConfig.Prices prices) {
        this.prices = prices;
    }

    /**
     * The estimate as {@code {currency, total, breakdown}}; {@code direction} (outbound-api, inbound, …) picks the
     * Twilio per-minute price.
     */
    public Map<String, Object> estimate(TokenCounts tokens, long durationSeconds, String direction) {
        TokenCounts t = tokens == null ? new TokenCounts(0, 0, 0, 0, 0, 0) : tokens;
        Map<String, BigDecimal> parts = new LinkedHashMap<>();
        parts.put("inputText", perMillion(Math.max(0, t.inputText() - t.cachedText()), prices.textInput()));
        parts.put("inputAudio", perMillion(Math.max(0, t.inputAudio() - t.cachedAudio()), prices.audioInput()));
        parts.put("cachedInput", perMillion(t.cachedText(), prices.textCachedInput())
                .add(perMillion(t.cachedAudio(), prices.audioCachedInput())));
        parts.put("outputText", perMillion(t.outputText(), prices.textOutput()));
        parts.put("outputAudio", perMillion(t.outputAudio(), prices.audioOutput()));
        long minutes = (Math.max(0, durationSeconds) + 59) / 60;
        BigDecimal perMinute = direction != null && direction.startsWith("inbound")
                ? prices.twilioInboundPerMinute() : prices.twilioOutboundPerMinute();
        parts.put("twilio", perMinute.multiply(BigDecimal.valueOf(minutes)));
        BigDecimal total = BigDecimal.ZERO;
        Map<String, Object> breakdown = new LinkedHashMap<>();
        for (Map.Entry<String, BigDecimal> part : parts.entrySet()) {
            BigDecimal value = part.getValue().setScale(SCALE, RoundingMode.HALF_UP);
            total = total.add(value);
            breakdown.put(part.getKey(), value);
        }
        Map<String, Object> estimate = new LinkedHashMap<>();
        estimate.put("currency", prices.currency());
        estimate.put("total", total);
        estimate.put("breakdown", breakdown);
        return estimate;
    }

    private static BigDecimal perMillion(long tokens, BigDecimal price) {
        return price.multiply(BigDecimal.valueOf(tokens)).divide(MILLION, SCALE + 4, RoundingMode.HALF_UP);
    }
}
