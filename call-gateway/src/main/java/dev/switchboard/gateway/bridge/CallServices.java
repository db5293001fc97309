package dev.switchboard.gateway.bridge;

import dev.switchboard.gateway.GatewayConfig;
import dev.switchboard.gateway.events.CallEvents;
import dev.switchboard.gateway.metrics.GatewayMetrics;
import dev.switchboard.gateway.realtime.RealtimeConnector;
import dev.switchboard.gateway.session.AgentConfigs;
import dev.switchboard.gateway.session.CallContextLookup;
import dev.switchboard.gateway.tools.ToolRegistry;
import dev.switchboard.gateway.tools.TransferRequests;
import dev.switchboard.gateway.tracing.CallTraces;

/** The shared services every call uses ({@code answers} is the one with state: when /twiml was answered). */
record CallServices(GatewayConfig config, RealtimeConnector connector, CallEvents events, GatewayMetrics metrics,
                    ToolRegistry tools, CallContextLookup contexts, TransferRequests transfers, AgentConfigs configs,
                    TwimlAnswers answers, CallTraces traces) { }
