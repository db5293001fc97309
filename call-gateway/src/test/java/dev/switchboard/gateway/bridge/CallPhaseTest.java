package dev.switchboard.gateway.bridge;

import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import static dev.switchboard.gateway.bridge.CallPhase.CONNECTING;
import static dev.switchboard.gateway.bridge.CallPhase.ENDED;
import static dev.switchboard.gateway.bridge.CallPhase.LIVE;
import static dev.switchboard.gateway.bridge.CallPhase.SAYING_GOODBYE;
import static dev.switchboard.gateway.bridge.CallPhase.TRANSFERRING;
import static org.assertj.core.api.Assertions.assertThat;

class CallPhaseTest {

    private static final Map<CallPhase, Set<CallPhase>> TABLE = Map.of(
            CONNECTING, EnumSet.of(LIVE, TRANSFERRING, SAYING_GOODBYE, ENDED),
            LIVE, EnumSet.of(TRANSFERRING, SAYING_GOODBYE, ENDED),
            TRANSFERRING, EnumSet.of(CONNECTING, LIVE, ENDED),
            SAYING_GOODBYE, EnumSet.of(ENDED),
            ENDED, EnumSet.noneOf(CallPhase.class));

    @Test
    void everyPhaseMovesExactlyWhereTheTableSays() {
        for (CallPhase from : CallPhase.values()) {
            for (CallPhase to : CallPhase.values()) {
                assertThat(from.canMoveTo(to)).as(from + " -> " + to).isEqualTo(TABLE.get(from).contains(to));
            }
        }
    }

    @Test
    void onlyConnectingAndLiveCallsConverseAndOnlyGoodbyeAndEndedAreOver() {
        assertThat(EnumSet.allOf(CallPhase.class)).filteredOn(CallPhase::conversing).containsExactly(CONNECTING, LIVE);
        assertThat(EnumSet.allOf(CallPhase.class)).filteredOn(CallPhase::over).containsExactly(SAYING_GOODBYE, ENDED);
    }

    @Test
    void aCallStartsConnectingAndGoesLiveWhenItsAgentIsReady() {
        CallLifecycle call = new CallLifecycle("CA_phase_1");
        assertThat(call.phase()).isEqualTo(CONNECTING);

        call.agentReady();
        call.agentReady();

        assertThat(call.phase()).isEqualTo(LIVE);
    }

    @Test
    void aMoveTheTableDoesNotAllowIsRefusedAndThePhaseStays() {
        CallLifecycle call = new CallLifecycle("CA_phase_2");
        assertThat(call.moveTo(SAYING_GOODBYE)).isTrue();

        assertThat(call.moveTo(TRANSFERRING)).isFalse();
        assertThat(call.moveTo(LIVE)).isFalse();
        assertThat(call.phase()).isEqualTo(SAYING_GOODBYE);

        assertThat(call.moveTo(ENDED)).isTrue();
        assertThat(call.moveTo(ENDED)).isFalse();
        assertThat(call.ended()).isTrue();
    }

    @Test
    void aFailedTransferGivesTheCallBackToThePhaseItLeft() {
        CallLifecycle live = new CallLifecycle("CA_phase_3");
        live.agentReady();
        live.moveTo(TRANSFERRING);
        assertThat(live.moveTo(SAYING_GOODBYE)).isFalse();

        assertThat(live.transferFailed()).isTrue();
        assertThat(live.phase()).isEqualTo(LIVE);
        assertThat(live.transferFailed()).isFalse();
    }

    @Test
    void anAgentReadyDuringATransferMakesAFailedTransferGoBackLive() {
        CallLifecycle call = new CallLifecycle("CA_phase_4");
        call.moveTo(TRANSFERRING);

        call.agentReady();
        assertThat(call.phase()).isEqualTo(TRANSFERRING);

        call.transferFailed();
        assertThat(call.phase()).isEqualTo(LIVE);
    }
}
