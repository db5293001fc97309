package dev.switchboard.gateway.resume;

import dev.switchboard.contract.link.AgentConfig;
import dev.switchboard.contract.link.CallConversation;
import dev.switchboard.contract.link.ConversationItem;
import dev.switchboard.gateway.GatewayConfig;
import dev.switchboard.gateway.control.ControlApiClient;
import dev.switchboard.gateway.logs.CallMdc;
import io.quarkus.logging.Log;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Fetches what control-api holds of a call that is resuming ({@code GET /internal/calls/{sid}/conversation},
 * docs/api.md). Empty when control-api cannot be reached in time or does not know the call: the call then resumes
 * from nothing rather than being dropped.
 */
@ApplicationScoped
// The records come from the plain contract module, which cannot carry Quarkus' annotation itself.
@RegisterForReflection(targets = {CallConversation.class, CallConversation.Ending.class, ConversationItem.class,
        AgentConfig.class})
public class ConversationSource {

    private final ControlApiClient client;
    private final String authorization;
    private final Duration timeout;

    ConversationSource(GatewayConfig config) {
        this.timeout = config.resume().fetchTimeout();
        this.authorization = config.control().internalToken().filter(t -> !t.isBlank()).map(t -> "Bearer " + t)
                .orElse(null);
        this.client = config.control().url().map(url -> QuarkusRestClientBuilder.newBuilder()
                .baseUri(url)
                .connectTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .build(ControlApiClient.class)).orElse(null);
    }

    public Uni<Optional<CallConversation>> fetch(String callSid) {
        if (client == null) {
            return Uni.createFrom().item(Optional.empty());
        }
        return client.conversation(callSid, authorization)
                .map(Optional::ofNullable)
                .ifNoItem().after(timeout).fail()
                .onFailure().recoverWithItem(failure -> {
                    CallMdc.run(callSid, () -> Log.warnf("control-api's copy of the conversation is unavailable "
                            + "(%s): resuming without it", failure.getClass().getSimpleName()));
                    return Optional.empty();
                });
    }
}
