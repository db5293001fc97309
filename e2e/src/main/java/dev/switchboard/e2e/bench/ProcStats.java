package dev.switchboard.e2e.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time and resident memory of a Linux process, read from /proc (utime + stime in clock ticks; VmRSS). */
final class ProcStats {

    /** USER_HZ; 100 on every mainstream Linux build. */
    private static final double TICKS_PER_SECOND = 100.0;

    private final long pid;

    ProcStats(long pid) {
        this.pid = pid;
    }

    /** CPU seconds the process has spent in user space and in the kernel so far. */
    record CpuTime(double user, double system) {

        double total() {
            return user + system;
        }

        CpuTime minus(CpuTime earlier) {
            return new CpuTime(user - earlier.user, system - earlier.system);
        }
    }

    CpuTime cpu() throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // Fields after "(comm)": state is index 0, so utime (field 14) is index 11 and stime index 12.
        return new CpuTime(Long.parseLong(fields[11]) / TICKS_PER_SECOND,
                Long.parseLong(fields[12]) / TICKS_PER_SECOND);
    }

    /** Seconds all CPUs have spent in softirq (the {@code cpu} line of /proc/stat, seventh value). */
    static double machineSoftirqSeconds() throws IOException {
        String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        return Long.parseLong(fields[7]) / TICKS_PER_SECOND;
    }

    /** Resident set size in kilobytes. */
    long rssKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new IOException("no VmRSS for " + pid);
    }
}
