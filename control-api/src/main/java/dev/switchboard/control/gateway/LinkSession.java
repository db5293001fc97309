package dev.switchboard.control.gateway;

import dev.switchboard.contract.link.LinkFrame;
import dev.switchboard.contract.link.LinkType;
import dev.switchboard.control.logs.CallMdc;
import io.quarkus.logging.Log;
import io.quarkus.websockets.next.WebSocketConnection;

import java.util.Map;

/**
 * One gateway socket's delivery state: which gateway process it carries ({@code bootId}), and its acknowledgements.
 * Acks are cumulative and coalesced: while one is being written, later stored events only raise the number the next
 * one carries, so a busy link sends far fewer acks than events. After a failed store nothing more is acknowledged on
 * this socket, and it is closed: the gateway reconnects and sends again everything from the first unstored event.
 */
final class LinkSession {

    private final WebSocketConnection link;
    private final LinkFrames frames;
    private volatile String boot;
    private volatile boolean failed;
    private long stored;
    private long sent;
    private boolean sending;

    LinkSession(WebSocketConnection link, LinkFrames frames) {
        this.link = link;
        this.frames = frames;
    }

    String boot() {
        return boot;
    }

    void boot(String bootId) {
        boot = bootId;
    }

    boolean failed() {
        return failed;
    }

    /** Every event up to {@code seq} is stored (or needs no storing): tell the gateway. */
    void acknowledge(long seq) {
        synchronized (this) {
            stored = Math.max(stored, seq);
            if (sending || failed) {
                return;
            }
            sending = true;
        }
        send();
    }

    void storeFailed(String callSid, String type) {
        failed = true;
        CallMdc.run(callSid, () -> Log.errorf(
                "could not store %s: closing gateway link %s so the gateway sends it again", type, link.id()));
        link.close().subscribe().with(ok -> { }, e -> { });
    }

    private void send() {
        long seq;
        synchronized (this) {
            seq = stored;
        }
        link.sendText(frames.write(LinkFrame.of(LinkType.LINK_ACK, null, Map.of("seq", seq)))).subscribe().with(
                ok -> sent(seq),
                e -> {
                    synchronized (this) {
                        sending = false;
                    }
                });
    }

    private void sent(long seq) {
        synchronized (this) {
            sent = seq;
            if (stored <= sent || failed) {
                sending = false;
                return;
            }
        }
        send();
    }
}
