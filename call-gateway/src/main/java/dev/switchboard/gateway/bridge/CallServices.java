package dev.switchboard.gateway.bridge;

import dev.switchboard.gateway.GatewayConfig;
import dev.switchboard.gateway.events.CallEvents;
import dev.switchboard.gateway.metrics.GatewayMetrics;
import dev.switchboard.gateway.realtime.RealtimeConnector;
import dev.switchboard.gateway.resume.ConversationSource;
import dev.switchboard.gateway.resume.EndedCalls;
import dev.switchboard.gateway.session.AgentConfigs;
import dev.switchboard.gateway.session.CallContextLookup;
import dev.switchboard.gateway.tools.ToolRegistry;
import dev.switchboard.gateway.tools.TransferRequests;
import dev.switchboard.gateway.tracing.CallTraces;

/**
 * The shared services every call uses ({@code answers} and {@code ended} hold state: when /twiml was answered, which
 * calls this instance ended on purpose).
 */
record CallServices(GatewayConfig config, RealtimeConnector connector, CallEvents events, GatewayMetrics metrics,
                    ToolRegistry tools, CallContextLookup contexts, TransferRequests transfers, AgentConfigs configs,
                    TwimlAnswers answers, ConversationSource conversations, EndedCalls ended,
                    CallTraces traces) { }
