package dev.switchboard.control.calls;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * Transfers through the real Twilio SDK path (TwiML written by the SDK) and the fake Twilio REST server, against the
 * packaged control-api (the native executable with -Dnative, where the SDK's JAXP use is the thing to prove).
 */
@QuarkusIntegrationTest
class CallTransferIT extends CallTransferTest {
}
