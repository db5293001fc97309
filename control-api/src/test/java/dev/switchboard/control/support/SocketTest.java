package dev.switchboard.control.support;

import io.quarkus.test.common.http.TestHTTPResource;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClientOptions;

import java.net.URI;
import java.util.Map;

/** Base of tests that open WebSockets on the app under test (in-process or packaged): its URL and one Vert.x. */
public abstract class SocketTest {

    protected static final Vertx VERTX = Vertx.vertx();

    @TestHTTPResource("/")
    protected URI base;

    /** A gateway's link, authorised with the internal token. */
    protected TestSocket gateway() {
        return open("/internal/gateway", Api.TOKEN);
    }

    /** A UI client of {@code /logs} (with its query), authorised with the API key. */
    protected TestSocket logs(String pathAndQuery) {
        return open(pathAndQuery, Api.KEY);
    }

    protected TestSocket open(String pathAndQuery, Map<String, String> headers) {
        return TestSocket.open(VERTX, base, pathAndQuery, headers);
    }

    protected TestSocket open(WebSocketClientOptions options, String pathAndQuery, Map<String, String> headers) {
        return TestSocket.open(VERTX, options, base, pathAndQuery, headers);
    }
}
