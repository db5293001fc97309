package dev.switchboard.control.config;

/**
 * A profile request that cannot be carried out, with its HTTP status and problem {@code code} (docs/api.md,
 * Profiles): unknown profile or version, a stale write, the default profile's deletion, a number another profile
 * holds, or a call naming a profile that does not exist.
 */
public class ProfileException extends RuntimeException {

    private final int status;
    private final String code;

    ProfileException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    static ProfileException notFound(String name) {
        return new ProfileException(404, "profile.unknown", "no profile named " + name);
    }

    static ProfileException versionNotFound(String name, long version) {
        return new ProfileException(404, "profile.version-unknown", "profile " + name + " has no version " + version);
    }

    static ProfileException preconditionFailed(String message) {
        return new ProfileException(412, "precondition_failed", message);
    }

    static ProfileException defaultUndeletable() {
        return new ProfileException(409, "profile.default", "the default profile cannot be deleted");
    }

    static ProfileException numberInUse(String number, String holder) {
        return new ProfileException(409, "number_in_use", number + " belongs to profile " + holder);
    }

    /** A call names a profile that does not exist (422: the request is well formed, its profile is not). */
    public static ProfileException unknownForCall(String name) {
        return new ProfileException(422, "unknown_profile", "no profile named " + name);
    }
}
