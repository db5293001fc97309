package dev.switchboard.gateway.sockets;

import java.util.Arrays;

/**
 * A strict walk over JSON in UTF-8 bytes, for the audio fast paths: it reads one object's members without building
 * anything. It knows only the plain shape: every method answers {@link #NOT_PLAIN} when the input is not valid JSON
 * or is valid but not plain (an escape or a non-ASCII byte in a key or in a string the caller wants, nesting deeper
 * than {@link #MAX_DEPTH}); the caller then gives the message to the full JSON parser, so a shortcut never decides
 * what a message means or whether it is refused. Grammar: RFC 8259.
 */
public final class JsonBytes {

    /** Returned instead of an index: the bytes are not the plain shape (or not JSON); use the full parser. */
    public static final int NOT_PLAIN = -1;
    /** Deeper values are left to the full parser (which has its own nesting limit). */
    static final int MAX_DEPTH = 32;
    /** Numbers and keys longer than these are left to the full parser, which has limits of its own. */
    private static final int MAX_NUMBER_LENGTH = 100;
    private static final int MAX_KEY_LENGTH = 1000;

    /** Receives an object's members one by one. */
    public interface Members {
        /**
         * One member: its key is {@code bytes[keyFrom, keyTo)} (plain ASCII, no escapes) and its value starts at
         * {@code valueAt}. Returns the index just after the value, or {@link #NOT_PLAIN}.
         */
        int member(byte[] bytes, int keyFrom, int keyTo, int valueAt, int end);
    }

    private JsonBytes() {
    }

    /** Walks the object at {@code at} (after whitespace); returns the index after its closing brace, or NOT_PLAIN. */
    public static int object(byte[] bytes, int at, int end, Members members) {
        int i = whitespace(bytes, at, end);
        if (i >= end || bytes[i] != '{') {
            return NOT_PLAIN;
        }
        i = whitespace(bytes, i + 1, end);
        if (i < end && bytes[i] == '}') {
            return i + 1;
        }
        while (i < end) {
            int keyFrom = i + 1;
            int keyEnd = plainString(bytes, i, end);
            if (keyEnd == NOT_PLAIN || keyEnd - keyFrom > MAX_KEY_LENGTH) {
                return NOT_PLAIN;
            }
            i = whitespace(bytes, keyEnd + 1, end);
            if (i >= end || bytes[i] != ':') {
                return NOT_PLAIN;
            }
            i = members.member(bytes, keyFrom, keyEnd, whitespace(bytes, i + 1, end), end);
            if (i == NOT_PLAIN) {
                return NOT_PLAIN;
            }
            i = whitespace(bytes, i, end);
            if (i < end && bytes[i] == '}') {
                return i + 1;
            }
            if (i >= end || bytes[i] != ',') {
                return NOT_PLAIN;
            }
            i = whitespace(bytes, i + 1, end);
        }
        return NOT_PLAIN;
    }

    /** Walks a whole message that must be one object and nothing else but whitespace; true when it was plain. */
    public static boolean wholeObject(byte[] bytes, int from, int end, Members members) {
        int i = object(bytes, from, end, members);
        return i != NOT_PLAIN && whitespace(bytes, i, end) == end;
    }

    /**
     * A string starting at {@code at} that holds only printable ASCII without escapes; returns the index of its
     * closing quote, or NOT_PLAIN (not a string, unterminated, or not plain).
     */
    public static int plainString(byte[] bytes, int at, int end) {
        if (at >= end || bytes[at] != '"') {
            return NOT_PLAIN;
        }
        for (int i = at + 1; i < end; i++) {
            byte b = bytes[i];
            if (b == '"') {
                return i;
            }
            if (b == '\\' || b < 0x20 || b == 0x7f) {   // negative bytes (non-ASCII) are below 0x20 too
                return NOT_PLAIN;
            }
        }
        return NOT_PLAIN;
    }

    /** Skips any JSON value starting at {@code at}; returns the index after it, or NOT_PLAIN. */
    public static int skipValue(byte[] bytes, int at, int end) {
        return skipValue(bytes, at, end, 0);
    }

    /** Whether {@code bytes[from, to)} are exactly the ASCII {@code word}. */
    public static boolean is(byte[] bytes, int from, int to, byte[] word) {
        return to - from == word.length && Arrays.equals(bytes, from, to, word, 0, word.length);
    }

    public static int whitespace(byte[] bytes, int at, int end) {
        int i = at;
        while (i < end && (bytes[i] == ' ' || bytes[i] == '\n' || bytes[i] == '\r' || bytes[i] == '\t')) {
            i++;
        }
        return i;
    }

    private static int skipValue(byte[] bytes, int at, int end, int depth) {
        if (at >= end || depth > MAX_DEPTH) {
            return NOT_PLAIN;
        }
        return switch (bytes[at]) {
            case '"' -> skipString(bytes, at, end);
            case '{' -> skipContainer(bytes, at, end, depth, '}');
            case '[' -> skipContainer(bytes, at, end, depth, ']');
            case 't' -> literal(bytes, at, end, TRUE);
            case 'f' -> literal(bytes, at, end, FALSE);
            case 'n' -> literal(bytes, at, end, NULL);
            default -> skipNumber(bytes, at, end);
        };
    }

    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};

    private static int literal(byte[] bytes, int at, int end, byte[] word) {
        return at + word.length <= end && is(bytes, at, at + word.length, word) ? at + word.length : NOT_PLAIN;
    }

    /** Any valid string, escapes and UTF-8 included: its content is not looked at, only where it ends. */
    private static int skipString(byte[] bytes, int at, int end) {
        for (int i = at + 1; i < end; i++) {
            byte b = bytes[i];
            if (b == '"') {
                return i + 1;
            }
            if (b >= 0 && b < 0x20) {
                return NOT_PLAIN;
            }
            if (b == '\\') {
                i = skipEscape(bytes, i + 1, end);
                if (i == NOT_PLAIN) {
                    return NOT_PLAIN;
                }
            }
        }
        return NOT_PLAIN;
    }

    /** The escape whose letter is at {@code at}; returns the index of its last byte. */
    private static int skipEscape(byte[] bytes, int at, int end) {
        if (at >= end) {
            return NOT_PLAIN;
        }
        switch (bytes[at]) {
            case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> {
                return at;
            }
            case 'u' -> {
                if (at + 4 >= end) {
                    return NOT_PLAIN;
                }
                for (int i = at + 1; i <= at + 4; i++) {
                    if (Character.digit(bytes[i], 16) < 0) {
                        return NOT_PLAIN;
                    }
                }
                return at + 4;
            }
            default -> {
                return NOT_PLAIN;
            }
        }
    }

    /** An object or array, whatever its keys: {@code close} tells which. */
    private static int skipContainer(byte[] bytes, int at, int end, int depth, char close) {
        int i = whitespace(bytes, at + 1, end);
        if (i < end && bytes[i] == close) {
            return i + 1;
        }
        while (i < end) {
            if (close == '}') {
                int keyEnd = i < end && bytes[i] == '"' ? skipString(bytes, i, end) : NOT_PLAIN;
                i = keyEnd == NOT_PLAIN || keyEnd - i > MAX_KEY_LENGTH ? end : whitespace(bytes, keyEnd, end);
                if (i >= end || bytes[i] != ':') {
                    return NOT_PLAIN;
                }
                i = whitespace(bytes, i + 1, end);
            }
            i = skipValue(bytes, i, end, depth + 1);
            if (i == NOT_PLAIN) {
                return NOT_PLAIN;
            }
            i = whitespace(bytes, i, end);
            if (i < end && bytes[i] == close) {
                return i + 1;
            }
            if (i >= end || bytes[i] != ',') {
                return NOT_PLAIN;
            }
            i = whitespace(bytes, i + 1, end);
        }
        return NOT_PLAIN;
    }

    /** {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?} */
    private static int skipNumber(byte[] bytes, int at, int end) {
        int i = at;
        if (i < end && bytes[i] == '-') {
            i++;
        }
        if (i < end && bytes[i] == '0') {
            i++;
        } else {
            int digits = digits(bytes, i, end);
            if (digits == i) {
                return NOT_PLAIN;
            }
            i = digits;
        }
        if (i < end && bytes[i] == '.') {
            int digits = digits(bytes, i + 1, end);
            if (digits == i + 1) {
                return NOT_PLAIN;
            }
            i = digits;
        }
        if (i < end && (bytes[i] == 'e' || bytes[i] == 'E')) {
            i++;
            if (i < end && (bytes[i] == '+' || bytes[i] == '-')) {
                i++;
            }
            int digits = digits(bytes, i, end);
            if (digits == i) {
                return NOT_PLAIN;
            }
            i = digits;
        }
        return i - at > MAX_NUMBER_LENGTH ? NOT_PLAIN : i;
    }

    private static int digits(byte[] bytes, int at, int end) {
        int i = at;
        while (i < end && bytes[i] >= '0' && bytes[i] <= '9') {
            i++;
        }
        return i;
    }
}
