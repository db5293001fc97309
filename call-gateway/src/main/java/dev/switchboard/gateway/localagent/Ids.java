package dev.switchboard.gateway.localagent;

/** Sequential ids per session, shaped like the Realtime API's ({@code event_…}, {@code resp_…}, {@code item_…}). */
final class Ids {

    private final String session;
    private long next;

    Ids(String session) {
        this.session = session;
    }

    String next(String prefix) {
        return prefix + "_" + session + String.format("%04d", ++next);
    }
}
