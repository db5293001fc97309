package dev.switchboard.e2e.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** One form of the gateway to benchmark: the fast-jar on this JVM's java, or a native executable; and its port. */
record GatewayTarget(String name, List<String> command, int port) {

    /** The fast-jar built under {@code root}, with extra JVM options (a heap size, a profiler agent). */
    static GatewayTarget jar(Path root, String javaOptions, int port) {
        Path jar = root.resolve("call-gateway/target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build the gateway first");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(split(javaOptions));
        command.addAll(List.of("-jar", jar.toString()));
        return new GatewayTarget("jar", command, port);
    }

    /** A native executable at any path, so one built elsewhere (another worktree, a release) can be measured. */
    static GatewayTarget nativeExecutable(Path executable, String options, int port) {
        if (!Files.isExecutable(executable)) {
            throw new IllegalStateException(executable + " is not an executable");
        }
        List<String> command = new ArrayList<>();
        command.add(executable.toAbsolutePath().toString());
        command.addAll(split(options));
        return new GatewayTarget("native", command, port);
    }

    private static List<String> split(String options) {
        return Arrays.stream(options == null ? new String[0] : options.trim().split("\\s+"))
                .filter(option -> !option.isEmpty()).toList();
    }
}
