package dev.switchboard.control.logs;

import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.LogContext;
import org.jboss.logmanager.Logger;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** Records every log record of control-api's own loggers with the MDC it was written with. */
final class CapturedLogs extends ExtHandler implements AutoCloseable {

    record Line(String message, String thread, Map<String, String> mdc) {

        String field(String key) {
            return mdc.get(key);
        }
    }

    private final Logger logger = LogContext.getLogContext().getLogger("dev.switchboard");
    private final List<Line> lines = new CopyOnWriteArrayList<>();

    CapturedLogs() {
        logger.addHandler(this);
    }

    @Override
    protected void doPublish(ExtLogRecord record) {
        lines.add(new Line(record.getFormattedMessage(), record.getThreadName(), Map.copyOf(record.getMdcCopy())));
    }

    List<Line> matching(Predicate<String> message) {
        return lines.stream().filter(line -> message.test(line.message())).toList();
    }

    List<Line> all() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
