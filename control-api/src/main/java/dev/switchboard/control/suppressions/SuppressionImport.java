package dev.switchboard.control.suppressions;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.control.errors.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Bulk import of numbers, parsed entry by entry from the request body and written in batches, so the list is never
 * built as one object (the body itself is bounded by quarkus.http.limits.max-body-size). An invalid entry is
 * reported and skipped; the others are added.
 */
@ApplicationScoped
class SuppressionImport {

    static final int MAX_ERRORS = 1000;
    private static final int BATCH = 500;

    private final SuppressionStore store;
    private final ObjectMapper json;

    SuppressionImport(SuppressionStore store, ObjectMapper json) {
        this.store = store;
        this.json = json;
    }

    /** A JSON array of numbers ({@code "+1415…"}) or objects ({@code {"number": "+1415…", "reason": "…"}}). */
    ImportReport fromJson(InputStream body) {
        Batch batch = new Batch();
        try (JsonParser parser = json.getFactory().createParser(body)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new InvalidInputException("body", "must be a JSON array of numbers");
            }
            long entry = 0;
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                if (token == null) {
                    throw new InvalidInputException("body", "ends before the array does");
                }
                entry++;
                if (token == JsonToken.VALUE_STRING) {
                    batch.offer(entry, parser.getText(), null);
                } else if (token == JsonToken.START_OBJECT) {
                    JsonNode object = json.readTree(parser);
                    JsonNode reason = object.path("reason");
                    batch.offer(entry, object.path("number").isTextual() ? object.get("number").asText() : null,
                            reason.isTextual() ? reason.asText() : null);
                } else {
                    parser.skipChildren();
                    batch.refuse(entry, token.asString(), "must be a number string or an object with a number");
                }
            }
        } catch (IOException e) {
            throw new InvalidInputException("body", "is not valid JSON (entries before the error were imported)");
        }
        return batch.finish();
    }

    /** CSV: one number per line, optionally followed by {@code ,reason}; a first line {@code number,…} is a header. */
    ImportReport fromCsv(InputStream body) {
        Batch batch = new Batch();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            long line = 0;
            for (String text = lines.readLine(); text != null; text = lines.readLine()) {
                line++;
                if (text.isBlank() || (line == 1 && text.strip().toLowerCase().startsWith("number"))) {
                    continue;
                }
                int comma = text.indexOf(',');
                String number = unquote(comma < 0 ? text : text.substring(0, comma));
                batch.offer(line, number, comma < 0 ? null : unquote(text.substring(comma + 1)));
            }
        } catch (IOException e) {
            throw new InvalidInputException("body", "could not be read (entries before the error were imported)");
        }
        return batch.finish();
    }

    private static String unquote(String cell) {
        String stripped = cell.strip();
        return stripped.length() >= 2 && stripped.startsWith("\"") && stripped.endsWith("\"")
                ? stripped.substring(1, stripped.length() - 1).replace("\"\"", "\"") : stripped;
    }

    /** Collects valid rows and writes them {@value #BATCH} at a time; counts the outcome. */
    private final class Batch {

        private final List<Suppression> rows = new ArrayList<>(BATCH);
        private final List<ImportReport.EntryError> errors = new ArrayList<>();
        private long added;
        private long already;
        private long invalid;

        void offer(long entry, String number, String reason) {
            if (!Suppressions.valid(number)) {
                refuse(entry, number, "number " + Suppressions.INVALID_NUMBER);
                return;
            }
            rows.add(new Suppression(number, Suppressions.trim(reason), Suppression.IMPORT, null, Instant.now()));
            if (rows.size() == BATCH) {
                flush();
            }
        }

        void refuse(long entry, String value, String message) {
            invalid++;
            if (errors.size() < MAX_ERRORS) {
                String shown = value == null ? null : value.length() > 40 ? value.substring(0, 40) : value;
                errors.add(new ImportReport.EntryError(entry, shown, message));
            }
        }

        ImportReport finish() {
            flush();
            return new ImportReport(added, already, invalid, List.copyOf(errors), invalid > errors.size());
        }

        private void flush() {
            if (rows.isEmpty()) {
                return;
            }
            for (boolean created : store.addAll(rows)) {
                if (created) {
                    added++;
                } else {
                    already++;
                }
            }
            rows.clear();
        }
    }
}
