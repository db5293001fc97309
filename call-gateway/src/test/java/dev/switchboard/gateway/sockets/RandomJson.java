package dev.switchboard.gateway.sockets;

import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** Valid JSON written in random ways: any member order, whitespace, escapes, nesting; and broken variants of it. */
public final class RandomJson {

    private static final String[] WHITESPACE = {"", "", "", " ", "\n", "\t ", "\r\n  "};
    private static final String SAMPLE = "aZ09 _-:./\"\\/\b\f\n\r\t\u0001\u001f\u007f\u00e9\u20ac\ud83d\ude00\u0000";

    private final Random random;
    /** How often a string is written with escapes where none are needed (0..1). */
    private final double escapes;

    public RandomJson(Random random, double escapes) {
        this.random = random;
        this.escapes = escapes;
    }

    /** An object with these members (name, already-encoded value) in a random order, with random whitespace. */
    public String object(List<String[]> members) {
        List<String[]> shuffled = new ArrayList<>(members);
        Collections.shuffle(shuffled, random);
        StringBuilder json = new StringBuilder(ws()).append('{');
        for (int i = 0; i < shuffled.size(); i++) {
            json.append(i == 0 ? "" : ",").append(ws()).append(string(shuffled.get(i)[0])).append(ws()).append(':')
                    .append(ws()).append(shuffled.get(i)[1]).append(ws());
        }
        return json.append('}').append(ws()).toString();
    }

    /** A member with a random value, under a plain name that is no real field's. */
    public String[] extra() {
        return new String[]{"x" + random.nextInt(1000), value(0)};
    }

    /** Any JSON value. */
    public String value(int depth) {
        int kind = random.nextInt(depth > 3 ? 4 : 6);
        return switch (kind) {
            case 0 -> string(text(random.nextInt(12)));
            case 1 -> number();
            case 2 -> new String[]{"true", "false", "null"}[random.nextInt(3)];
            case 3 -> string(base64(random.nextInt(40)));
            case 4 -> {
                List<String[]> members = new ArrayList<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    members.add(new String[]{text(4), value(depth + 1)});
                }
                yield object(members);
            }
            default -> {
                StringBuilder array = new StringBuilder("[").append(ws());
                for (int i = random.nextInt(4); i > 0; i--) {
                    array.append(value(depth + 1)).append(ws()).append(i > 1 ? "," : "").append(ws());
                }
                yield array.append(']').toString();
            }
        };
    }

    /** A JSON string for {@code text}, some characters escaped at random (always those that must be). */
    public String string(String text) {
        StringBuilder json = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean must = c < 0x20 || c == '"' || c == '\\';
            if (!must && random.nextDouble() >= escapes) {
                json.append(c);
            } else if (c == '/' && random.nextBoolean()) {
                json.append("\\/");
            } else if ("\"\\\b\f\n\r\t".indexOf(c) >= 0 && random.nextBoolean()) {
                json.append('\\').append("\"\\bfnrt".charAt("\"\\\b\f\n\r\t".indexOf(c)));
            } else {
                json.append(String.format(random.nextBoolean() ? "\\u%04x" : "\\u%04X", (int) c));
            }
        }
        return json.append('"').toString();
    }

    /** Random text, with quotes, backslashes, control characters and non-ASCII in it. */
    public String text(int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            char c = SAMPLE.charAt(random.nextInt(SAMPLE.length()));
            if (Character.isHighSurrogate(c)) {
                text.append(c).append('\ude00');
            } else if (!Character.isLowSurrogate(c)) {
                text.append(c);
            }
        }
        return text.toString();
    }

    /** Plain identifier text, as OpenAI and Twilio ids are. */
    public String id(String prefix) {
        return prefix + Long.toString(random.nextLong() & Long.MAX_VALUE, 36);
    }

    public String base64(int bytes) {
        byte[] audio = new byte[bytes];
        random.nextBytes(audio);
        return Base64.getEncoder().encodeToString(audio);
    }

    /** The text changed in one random way: cut, a character dropped, changed or added. */
    public String broken(String json) {
        int at = random.nextInt(json.length() + 1);
        String junks = "{}[]\",:\\ 0aeu-.\u00e9";
        char junk = junks.charAt(random.nextInt(junks.length()));
        return switch (random.nextInt(4)) {
            case 0 -> json.substring(0, at);
            case 1 -> at < json.length() ? json.substring(0, at) + json.substring(at + 1) : json + "x";
            case 2 -> at < json.length() ? json.substring(0, at) + junk + json.substring(at + 1) : json + junk;
            default -> json.substring(0, at) + junk + json.substring(at);
        };
    }

    private String number() {
        return switch (random.nextInt(5)) {
            case 0 -> Integer.toString(random.nextInt());
            case 1 -> "0";
            case 2 -> "-0.5e-3";
            case 3 -> random.nextInt(100) + "." + random.nextInt(100) + "E+" + random.nextInt(9);
            default -> Long.toString(random.nextLong());
        };
    }

    private String ws() {
        return WHITESPACE[random.nextInt(WHITESPACE.length)];
    }
}
