package dev.switchboard.gateway.realtime;

import dev.switchboard.gateway.sockets.JsonBytes;
import dev.switchboard.gateway.sockets.TextMessages;
import io.netty.buffer.ByteBuf;
import io.vertx.core.buffer.Buffer;

import java.nio.charset.StandardCharsets;

/**
 * Realtime audio as bytes, both ways (OpenAI Realtime API reference: server event
 * {@code response.output_audio.delta}, beta {@code response.audio.delta}; client event
 * {@code input_audio_buffer.append}). The base64 audio is copied as it is, never decoded. One instance per socket,
 * used on its event loop: it keeps the last item and response ids, which every delta of a response repeats.
 */
final class RealtimeAudioCodec implements JsonBytes.Members {

    private static final byte[] APPEND_HEAD = ascii("{\"type\":\"input_audio_buffer.append\",\"audio\":\"");
    private static final byte[] APPEND_TAIL = ascii("\"}");
    private static final byte[] TYPE = ascii("type");
    private static final byte[] DELTA = ascii("delta");
    private static final byte[] ITEM_ID = ascii("item_id");
    private static final byte[] RESPONSE_ID = ascii("response_id");
    private static final byte[] GA_AUDIO = ascii("response.output_audio.delta");
    private static final byte[] BETA_AUDIO = ascii("response.audio.delta");

    private boolean audio;
    private int deltaFrom = -1;
    private int deltaTo;
    private int itemFrom = -1;
    private int itemTo;
    private int responseFrom = -1;
    private int responseTo;
    private String lastItemId;
    private String lastResponseId;

    /** {@code input_audio_buffer.append} around base64 audio already checked to hold only base64 characters. */
    @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int): a plain copy, right for ASCII
    static Buffer append(String base64Audio) {
        int length = base64Audio.length();
        byte[] event = new byte[APPEND_HEAD.length + length + APPEND_TAIL.length];
        System.arraycopy(APPEND_HEAD, 0, event, 0, APPEND_HEAD.length);
        base64Audio.getBytes(0, length, event, APPEND_HEAD.length);
        System.arraycopy(APPEND_TAIL, 0, event, APPEND_HEAD.length + length, APPEND_TAIL.length);
        return TextMessages.wrap(event);
    }

    /**
     * The audio delta in this event when it is one in the plain shape (ids and audio as strings without escapes,
     * each field once); null for any other event, and for anything unusual: then the event is read as a whole.
     */
    AudioDelta read(Buffer event) {
        ByteBuf buf = event.getByteBuf();
        byte[] bytes = buf.hasArray() ? buf.array() : event.getBytes();
        int from = buf.hasArray() ? buf.arrayOffset() + buf.readerIndex() : 0;
        audio = false;
        deltaFrom = -1;
        itemFrom = -1;
        responseFrom = -1;
        if (!JsonBytes.wholeObject(bytes, from, from + event.length(), this) || !audio || deltaFrom < 0) {
            return null;
        }
        String delta = new String(bytes, deltaFrom, deltaTo - deltaFrom, StandardCharsets.ISO_8859_1);
        lastItemId = itemFrom < 0 ? lastItemId : reuse(lastItemId, bytes, itemFrom, itemTo);
        lastResponseId = responseFrom < 0 ? lastResponseId : reuse(lastResponseId, bytes, responseFrom, responseTo);
        return new AudioDelta(responseFrom < 0 ? null : lastResponseId, itemFrom < 0 ? null : lastItemId, delta);
    }

    @Override
    public int member(byte[] bytes, int keyFrom, int keyTo, int valueAt, int end) {
        if (JsonBytes.is(bytes, keyFrom, keyTo, TYPE)) {
            int close = JsonBytes.plainString(bytes, valueAt, end);
            // Not an audio delta: stop here, the whole event is read anyway.
            if (audio || close < 0 || !(JsonBytes.is(bytes, valueAt + 1, close, GA_AUDIO)
                    || JsonBytes.is(bytes, valueAt + 1, close, BETA_AUDIO))) {
                return JsonBytes.NOT_PLAIN;
            }
            audio = true;
            return close + 1;
        }
        if (JsonBytes.is(bytes, keyFrom, keyTo, DELTA)) {
            if (deltaFrom >= 0 || (deltaTo = JsonBytes.plainString(bytes, valueAt, end)) < 0) {
                return JsonBytes.NOT_PLAIN;
            }
            deltaFrom = valueAt + 1;
            return deltaTo + 1;
        }
        if (JsonBytes.is(bytes, keyFrom, keyTo, ITEM_ID)) {
            if (itemFrom >= 0 || (itemTo = JsonBytes.plainString(bytes, valueAt, end)) < 0) {
                return JsonBytes.NOT_PLAIN;
            }
            itemFrom = valueAt + 1;
            return itemTo + 1;
        }
        if (JsonBytes.is(bytes, keyFrom, keyTo, RESPONSE_ID)) {
            if (responseFrom >= 0 || (responseTo = JsonBytes.plainString(bytes, valueAt, end)) < 0) {
                return JsonBytes.NOT_PLAIN;
            }
            responseFrom = valueAt + 1;
            return responseTo + 1;
        }
        return JsonBytes.skipValue(bytes, valueAt, end);
    }

    /** The last id again when the bytes spell it (ASCII only, as plain strings are), else a new one. */
    private static String reuse(String last, byte[] bytes, int from, int to) {
        if (last != null && last.length() == to - from) {
            boolean same = true;
            for (int i = 0; same && i < last.length(); i++) {
                same = last.charAt(i) == bytes[from + i];
            }
            if (same) {
                return last;
            }
        }
        return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
