package dev.switchboard.gateway.bridge;

/**
 * The instructions of a call's first response (Realtime {@code response.create} with its own instructions, so no
 * made-up caller turn enters the conversation): the greeting, or on a recorded call the recording disclosure first;
 * on a call answered by a machine, the voicemail message instead.
 */
final class OpeningLines {

    private OpeningLines() {
    }

    static String greeting(String greeting) {
        return "Greet the caller now by saying exactly this, then wait for their answer: " + greeting;
    }

    /** A message left on an answering machine: said word for word, nothing asked, nothing waited for. */
    static String voicemail(String message) {
        return "You are speaking to an answering machine, not a person. Leave this voicemail message now by saying "
                + "exactly this, word for word, and nothing else; ask no questions: " + message;
    }

    /** The disclosure, word for word, before anything else; then the greeting when there is one. */
    static String disclosure(String disclosure, String greeting) {
        String first = "Before anything else, say exactly this sentence to the caller, word for word: \""
                + disclosure + "\"";
        return greeting == null ? first + " Then wait for the caller to speak."
                : first + " Then greet the caller by saying exactly this, and wait for their answer: " + greeting;
    }
}
