package dev.switchboard.gateway.media;

import dev.switchboard.gateway.sockets.JsonBytes;
import dev.switchboard.gateway.sockets.TextMessages;
import io.netty.buffer.ByteBuf;
import io.vertx.core.buffer.Buffer;

import java.nio.charset.StandardCharsets;

/**
 * Twilio {@code media} messages as bytes, both ways (Twilio Media Streams, "WebSocket messages": {@code media} from
 * Twilio, and {@code media} sent back on a bidirectional stream). The base64 audio is copied as it is, never decoded.
 * An instance writes one stream's messages, its {@code streamSid} encoded once; {@link #read} is for any stream.
 */
public final class TwilioMediaCodec {

    private static final byte[] MEDIA_TAIL = ascii("\"}}");
    private static final byte[] MARK_TAIL = ascii("}}");

    private final byte[] mediaHead;
    private final byte[] markHead;

    public TwilioMediaCodec(String streamSid) {
        String sid = TwilioFrames.quote(streamSid);
        this.mediaHead = ("{\"event\":\"media\",\"streamSid\":" + sid + ",\"media\":{\"payload\":\"")
                .getBytes(StandardCharsets.UTF_8);
        this.markHead = ("{\"event\":\"mark\",\"streamSid\":" + sid + ",\"mark\":{\"name\":")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** The {@code mark} sent after each piece of audio, so Twilio's echo tells when it has played. */
    @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int): a plain copy, right for ASCII
    public Buffer mark(String name) {
        if (!plain(name)) {
            return TextMessages.wrap(concat(markHead, TwilioFrames.quote(name).getBytes(StandardCharsets.UTF_8)));
        }
        int length = name.length();
        byte[] message = new byte[markHead.length + length + 2 + MARK_TAIL.length];
        System.arraycopy(markHead, 0, message, 0, markHead.length);
        message[markHead.length] = '"';
        name.getBytes(0, length, message, markHead.length + 1);
        message[markHead.length + 1 + length] = '"';
        System.arraycopy(MARK_TAIL, 0, message, markHead.length + length + 2, MARK_TAIL.length);
        return TextMessages.wrap(message);
    }

    private static byte[] concat(byte[] head, byte[] quoted) {
        byte[] message = new byte[head.length + quoted.length + MARK_TAIL.length];
        System.arraycopy(head, 0, message, 0, head.length);
        System.arraycopy(quoted, 0, message, head.length, quoted.length);
        System.arraycopy(MARK_TAIL, 0, message, head.length + quoted.length, MARK_TAIL.length);
        return message;
    }

    /** Printable ASCII that needs no escape in a JSON string. */
    private static boolean plain(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\' || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    /** A {@code media} message around base64 audio already checked to hold only base64 characters. */
    @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int): a plain copy, right for ASCII
    public Buffer media(String base64Audio) {
        int length = base64Audio.length();
        byte[] message = new byte[mediaHead.length + length + MEDIA_TAIL.length];
        System.arraycopy(mediaHead, 0, message, 0, mediaHead.length);
        base64Audio.getBytes(0, length, message, mediaHead.length);
        System.arraycopy(MEDIA_TAIL, 0, message, mediaHead.length + length, MEDIA_TAIL.length);
        return TextMessages.wrap(message);
    }

    /**
     * The {@code media} message in these bytes when it has the plain shape (event, track and payload as strings
     * without escapes, each once; no {@code mark} or {@code dtmf} member), as {@link TwilioFrame#read} would read
     * it; null for any other message, and for anything unusual: then it is read with the full parser.
     */
    public static TwilioFrame read(Buffer message) {
        ByteBuf buf = message.getByteBuf();
        byte[] bytes = buf.hasArray() ? buf.array() : message.getBytes();
        int from = buf.hasArray() ? buf.arrayOffset() + buf.readerIndex() : 0;
        MediaReader reader = new MediaReader();
        if (!JsonBytes.wholeObject(bytes, from, from + message.length(), reader) || !reader.media
                || reader.payloadFrom < 0) {
            return null;
        }
        String payload = new String(bytes, reader.payloadFrom, reader.payloadTo - reader.payloadFrom,
                StandardCharsets.ISO_8859_1);
        return new TwilioFrame("media", reader.track(bytes), payload, null, null);
    }

    /** One message's walk: the top-level members, and those of {@code media}. */
    private static final class MediaReader implements JsonBytes.Members {

        private static final byte[] EVENT = ascii("event");
        private static final byte[] MEDIA = ascii("media");
        private static final byte[] MARK = ascii("mark");
        private static final byte[] DTMF = ascii("dtmf");
        private static final byte[] TRACK = ascii("track");
        private static final byte[] PAYLOAD = ascii("payload");
        private static final byte[] INBOUND = ascii("inbound");

        private boolean media;
        private boolean mediaObject;
        private int payloadFrom = -1;
        private int payloadTo;
        private int trackFrom = -1;
        private int trackTo;
        /** Whether the walk is inside {@code media}: one reader serves both levels. */
        private boolean inMedia;

        @Override
        public int member(byte[] bytes, int keyFrom, int keyTo, int valueAt, int end) {
            if (inMedia) {
                return mediaMember(bytes, keyFrom, keyTo, valueAt, end);
            }
            if (JsonBytes.is(bytes, keyFrom, keyTo, EVENT)) {
                int close = JsonBytes.plainString(bytes, valueAt, end);
                if (media || close < 0 || !JsonBytes.is(bytes, valueAt + 1, close, MEDIA)) {
                    return JsonBytes.NOT_PLAIN;
                }
                media = true;
                return close + 1;
            }
            if (JsonBytes.is(bytes, keyFrom, keyTo, MEDIA)) {
                if (mediaObject) {
                    return JsonBytes.NOT_PLAIN;
                }
                mediaObject = true;
                inMedia = true;
                int after = JsonBytes.object(bytes, valueAt, end, this);
                inMedia = false;
                return after;
            }
            if (JsonBytes.is(bytes, keyFrom, keyTo, MARK) || JsonBytes.is(bytes, keyFrom, keyTo, DTMF)) {
                return JsonBytes.NOT_PLAIN;
            }
            return JsonBytes.skipValue(bytes, valueAt, end);
        }

        private int mediaMember(byte[] bytes, int keyFrom, int keyTo, int valueAt, int end) {
            boolean payload = JsonBytes.is(bytes, keyFrom, keyTo, PAYLOAD);
            if (!payload && !JsonBytes.is(bytes, keyFrom, keyTo, TRACK)) {
                return JsonBytes.skipValue(bytes, valueAt, end);
            }
            int close = JsonBytes.plainString(bytes, valueAt, end);
            if (close < 0 || (payload ? payloadFrom : trackFrom) >= 0) {   // not a plain string, or twice
                return JsonBytes.NOT_PLAIN;
            }
            if (payload) {
                payloadFrom = valueAt + 1;
                payloadTo = close;
            } else {
                trackFrom = valueAt + 1;
                trackTo = close;
            }
            return close + 1;
        }

        /** Twilio's usual track without a new string each time. */
        private String track(byte[] bytes) {
            if (trackFrom < 0) {
                return null;
            }
            return JsonBytes.is(bytes, trackFrom, trackTo, INBOUND) ? "inbound"
                    : new String(bytes, trackFrom, trackTo - trackFrom, StandardCharsets.ISO_8859_1);
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
