package dev.switchboard.gateway.tools;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/** Tools that exist only in tests, offered when a test's agent config enables them. */
final class TestTools {

    private TestTools() {
    }

    private abstract static class Base implements CallTool {
        @Override
        public String description() {
            return "test tool";
        }

        @Override
        public Map<String, Object> parameters() {
            return Map.of("type", "object", "properties", Map.of());
        }
    }

    @ApplicationScoped
    static class Echo extends Base {
        @Override
        public String name() {
            return "echo_test";
        }

        @Override
        public Uni<ToolResult> invoke(ToolInvocation invocation) {
            return Uni.createFrom().item(ToolResult.ok(new JsonObject().put("echo", invocation.arguments())));
        }
    }

    @ApplicationScoped
    static class NeverAnswers extends Base {
        @Override
        public String name() {
            return "never_answers_test";
        }

        @Override
        public Uni<ToolResult> invoke(ToolInvocation invocation) {
            return Uni.createFrom().nothing();
        }
    }

    @ApplicationScoped
    static class Throws extends Base {
        @Override
        public String name() {
            return "throws_test";
        }

        @Override
        public Uni<ToolResult> invoke(ToolInvocation invocation) {
            throw new IllegalStateException("secret internal detail");
        }
    }
}
