package dev.lightfast.bench.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The CPU time a process has used, all its threads together, as the kernel counts it in {@code
 * /proc/<pid>/stat} (user and system time, in clock ticks): the server's own work, whatever else
 * the machine is doing, unlike the wall time between two requests.
 */
public final class ProcessCpu {
    private final long pid;
    private final long ticksPerSecond;

    public ProcessCpu(long pid) {
        this.pid = pid;
        this.ticksPerSecond = clockTicks();
    }

    /** User and system time so far. */
    public record Sample(long userNanos, long systemNanos) {
        public long totalNanos() {
            return userNanos + systemNanos;
        }

        public Sample plus(Sample other) {
            return new Sample(userNanos + other.userNanos, systemNanos + other.systemNanos);
        }

        public Sample minus(Sample earlier) {
            return new Sample(userNanos - earlier.userNanos, systemNanos - earlier.systemNanos);
        }
    }

    /** Whether this machine has {@code /proc} to read (Linux). */
    public static boolean available() {
        return Files.isReadable(Path.of("/proc/self/stat"));
    }

    public Sample sample() {
        String stat;
        try {
            stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the CPU time of process " + pid + ": " + e.getMessage(), e);
        }
        // The command name, in parentheses, may hold spaces: the fields are counted after its end.
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // After the name: state(3) ppid pgrp session tty_nr tpgid flags minflt cminflt majflt cmajflt utime(14)
        // stime(15)
        long utime = Long.parseLong(f[11]);
        long stime = Long.parseLong(f[12]);
        return new Sample(utime * 1_000_000_000L / ticksPerSecond, stime * 1_000_000_000L / ticksPerSecond);
    }

    /**
     * CPU time so far by thread name, digits folded ({@code worker-1} and {@code worker-2} are one
     * {@code worker-N}): where the time goes, JIT compilers and garbage collectors included.
     */
    public java.util.Map<String, Sample> byThread() {
        var totals = new java.util.TreeMap<String, Sample>();
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (var task : tasks.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
                            .replaceAll("[0-9]+", "N");
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    var sample = new Sample(
                            Long.parseLong(f[11]) * 1_000_000_000L / ticksPerSecond,
                            Long.parseLong(f[12]) * 1_000_000_000L / ticksPerSecond);
                    totals.merge(name, sample, Sample::plus);
                } catch (IOException gone) {
                    // a thread that ended meanwhile
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list the threads of process " + pid, e);
        }
        return totals;
    }

    /** The kernel's clock ticks per second (USER_HZ), nearly always 100. */
    private static long clockTicks() {
        try {
            var p = new ProcessBuilder("getconf", "CLK_TCK")
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes()).strip();
            p.waitFor();
            return Long.parseLong(out);
        } catch (IOException | NumberFormatException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
