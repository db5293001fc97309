package dev.switchboard.gateway.bridge;

import dev.switchboard.contract.link.CallContext;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AmdActionTest {

    private static final CallContext.Amd MESSAGE = new CallContext.Amd("message", "Please call us back.");
    private static final CallContext.Amd HANGUP = new CallContext.Amd("hangup", null);

    @Test
    void aPersonOrAnUnknownAnswerStartsTheAgentWhateverTheMode() {
        for (CallContext.Amd plan : new CallContext.Amd[] {MESSAGE, HANGUP}) {
            assertThat(AmdAction.decide("human", plan)).contains(AmdAction.AGENT);
            assertThat(AmdAction.decide("unknown", plan)).contains(AmdAction.AGENT);
            assertThat(AmdAction.decide("something_new", plan)).contains(AmdAction.AGENT);
        }
    }

    @Test
    void aMachineWhoseGreetingEndedGetsTheMessageOrAHangUpAsTheModeSays() {
        for (String machine : new String[] {"machine_end_beep", "machine_end_silence", "machine_end_other"}) {
            assertThat(AmdAction.decide(machine, MESSAGE)).contains(AmdAction.MESSAGE);
            assertThat(AmdAction.decide(machine, HANGUP)).contains(AmdAction.HANGUP);
        }
    }

    @Test
    void aMessageModeWithoutAMessageHangsUp() {
        assertThat(AmdAction.decide("machine_end_beep", new CallContext.Amd("message", " ")))
                .contains(AmdAction.HANGUP);
        assertThat(AmdAction.decide("machine_end_beep", new CallContext.Amd("message", null)))
                .contains(AmdAction.HANGUP);
    }

    @Test
    void aFaxIsHungUpOnEvenInMessageMode() {
        assertThat(AmdAction.decide("fax", MESSAGE)).contains(AmdAction.HANGUP);
        assertThat(AmdAction.decide("fax", HANGUP)).contains(AmdAction.HANGUP);
    }

    @Test
    void machineStartIsNotFinalSoNothingIsDecided() {
        assertThat(AmdAction.decide("machine_start", MESSAGE)).isEmpty();
    }

    @Test
    void metricTagsAreTwiliosValuesNoneOrUnknown() {
        assertThat(AmdAction.tag("machine_end_beep")).isEqualTo("machine_end_beep");
        assertThat(AmdAction.tag("human")).isEqualTo("human");
        assertThat(AmdAction.tag(null)).isEqualTo("none");
        assertThat(AmdAction.tag("<script>")).isEqualTo("unknown");
    }
}
