package dev.switchboard.control.support;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/** Every @QuarkusTest runs with the fake Twilio REST server (LocalMode opts out). */
@WithTestResource(value = FakeTwilioServer.class, scope = TestResourceScope.GLOBAL)
public final class GlobalTestResources {

    private GlobalTestResources() {
    }
}
