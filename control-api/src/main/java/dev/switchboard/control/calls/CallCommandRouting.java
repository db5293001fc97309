package dev.switchboard.control.calls;

/** Runs a command on a live call where the call is held: this replica, or another one sharing the database. */
public interface CallCommandRouting {

    /** Runs {@code command}; throws what the REST endpoint maps, wherever it ran. Blocking: call it from a worker. */
    void run(CallCommand command);
}
