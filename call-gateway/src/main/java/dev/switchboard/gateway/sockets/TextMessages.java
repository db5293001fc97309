package dev.switchboard.gateway.sockets;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketBase;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.http.impl.ws.WebSocketFrameImpl;

/**
 * Text messages as bytes. Vert.x hands a whole text message over only as a {@code String} (decoded from the bytes it
 * holds) and takes one only as a {@code String} (encoded again): for audio, which is base64 and so ASCII, both are
 * wasted copies. Here messages arrive as the received bytes and leave as the bytes given.
 */
public final class TextMessages {

    private TextMessages() {
    }

    /**
     * Hands each whole text message to {@code text} and each binary one to {@code binary}, as received. A message
     * longer than {@code maxMessageBytes} is dropped and reported to {@code tooLong}, as Vert.x's own handler does.
     * Replaces the socket's text and binary message handlers: set neither.
     */
    public static void receive(WebSocketBase socket, int maxMessageBytes, Handler<Buffer> text, Handler<Buffer> binary,
                               Handler<Throwable> tooLong) {
        socket.frameHandler(new Aggregator(maxMessageBytes, text, binary, tooLong));
    }

    /** Writes {@code json} (UTF-8) as one text message, without a copy. */
    public static Future<Void> write(WebSocketBase socket, Buffer json) {
        return socket.writeFrame(new WebSocketFrameImpl(WebSocketFrameType.TEXT, json.getByteBuf(), true));
    }

    /** A buffer over these bytes, not a copy of them: they must not change afterwards. */
    public static Buffer wrap(byte[] bytes) {
        ByteBuf wrapped = Unpooled.wrappedBuffer(bytes);
        return Buffer.buffer(wrapped);
    }

    /** Joins a message's frames; a message in one frame (the usual case) is passed on as it came. */
    private static final class Aggregator implements Handler<WebSocketFrame> {

        private final int maxMessageBytes;
        private final Handler<Buffer> text;
        private final Handler<Buffer> binary;
        private final Handler<Throwable> tooLong;
        private Buffer partial;
        private boolean partialIsText;
        /** Whether {@code partial} is our own copy, to which later frames can be appended. */
        private boolean owned;

        Aggregator(int maxMessageBytes, Handler<Buffer> text, Handler<Buffer> binary, Handler<Throwable> tooLong) {
            this.maxMessageBytes = maxMessageBytes;
            this.text = text;
            this.binary = binary;
            this.tooLong = tooLong;
        }

        @Override
        public void handle(WebSocketFrame frame) {
            if (frame.isText() || frame.isBinary()) {
                partial = null;
                partialIsText = frame.isText();
                take(frame);
            } else if (frame.isContinuation() && partial != null) {
                take(frame);
            }
        }

        private void take(WebSocketFrame frame) {
            Buffer data = frame.binaryData();
            if (partial == null) {
                partial = data;
                owned = false;
            } else {
                if (!owned) {   // rare: a message split into frames
                    partial = Buffer.buffer(partial.length() + data.length()).appendBuffer(partial);
                    owned = true;
                }
                partial.appendBuffer(data);
            }
            if (partial.length() > maxMessageBytes) {
                int length = partial.length();
                partial = null;
                tooLong.handle(new IllegalStateException("a message of " + length
                        + " bytes or more exceeds the limit of " + maxMessageBytes));
                return;
            }
            if (frame.isFinal()) {
                Buffer message = partial;
                partial = null;
                (partialIsText ? text : binary).handle(message);
            }
        }
    }
}
