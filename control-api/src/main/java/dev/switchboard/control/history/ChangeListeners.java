package dev.switchboard.control.history;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import java.sql.SQLException;

/** Hands a change to every {@link CallChanges} (none when the webhooks package is absent, e.g. in a slim test). */
@ApplicationScoped
class ChangeListeners {

    /** One listener call, run on the change's own transaction. */
    interface Notice {
        void tell(CallChanges listener) throws SQLException;
    }

    private final Instance<CallChanges> listeners;

    ChangeListeners(Instance<CallChanges> listeners) {
        this.listeners = listeners;
    }

    boolean none() {
        return listeners.isUnsatisfied();
    }

    void tell(Notice notice) throws SQLException {
        for (CallChanges listener : listeners) {
            notice.tell(listener);
        }
    }
}
