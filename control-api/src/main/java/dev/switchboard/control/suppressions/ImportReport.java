package dev.switchboard.control.suppressions;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/**
 * What a bulk import did: {@code added} new numbers, {@code alreadySuppressed} ones that were on the list,
 * {@code invalid} entries refused; {@code errors} names the first {@value SuppressionImport#MAX_ERRORS} of them
 * ({@code errorsTruncated} when there were more).
 */
@RegisterForReflection
public record ImportReport(long added, long alreadySuppressed, long invalid, List<EntryError> errors,
                           boolean errorsTruncated) {

    /**
     * One refused entry: {@code entry} is its position (1-based: the array element, or the CSV line), {@code value}
     * what it held (cut to 40 characters).
     */
    @RegisterForReflection
    public record EntryError(long entry, String value, String message) { }
}
