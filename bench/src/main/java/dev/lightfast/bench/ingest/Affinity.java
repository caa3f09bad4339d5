package dev.lightfast.bench.ingest;

import java.io.File;
import java.util.List;

/**
 * Pinning a process to a core with {@code taskset} (util-linux), so that the server and the load
 * generator never take turns on one core and the server's figures are its own.
 */
public final class Affinity {
    private Affinity() {}

    /** Whether {@code taskset} is on the PATH. */
    public static boolean available() {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (new File(dir, "taskset").canExecute()) {
                return true;
            }
        }
        return false;
    }

    /** The command prefix that pins what follows to {@code cpu} (a core list such as {@code 0} or {@code 2-3}), or nothing. */
    public static List<String> pinned(String cpu) {
        if (cpu == null || cpu.isBlank() || cpu.equals("none")) {
            return List.of();
        }
        if (!available()) {
            throw new IllegalStateException("pinning to a core needs taskset (Debian/Ubuntu: apt-get install"
                    + " util-linux); or run with --server-cpu none --load-cpu none");
        }
        return List.of("taskset", "-c", cpu);
    }
}
