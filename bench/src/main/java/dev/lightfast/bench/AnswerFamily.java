package dev.lightfast.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The scores of one family of questions in an answer evaluation: how many were asked, the sum of
 * their scores (and precisions, where a family has one), the answer values that cited nothing, the
 * latency of each answer, and what was missed, for {@code --show-misses}.
 */
public final class AnswerFamily {
    final String name;
    int questions;
    double score;
    double precision;
    int uncited;
    final List<Long> micros = new ArrayList<>();
    final List<String> misses = new ArrayList<>();

    public AnswerFamily(String name) {
        this.name = name;
    }

    /** One question scored {@code value} (0 to 1); below 1 it is a miss, described by {@code miss}. */
    public void score(double value, String miss) {
        questions++;
        score += value;
        precision += value;
        if (value < 1) {
            misses.add(miss);
        }
    }

    /** One question scored by recall and precision of the values it should have named. */
    public void prf(Set<String> got, Set<String> truth, String question) {
        long right = got.stream().filter(truth::contains).count();
        double recall = (double) right / truth.size();
        double p = got.isEmpty() ? 0 : (double) right / got.size();
        questions++;
        score += recall;
        precision += p;
        if (recall < 1 || p < 1) {
            misses.add(String.format(
                    Locale.ROOT, "%s -> %d of %d, %d extra", question, right, truth.size(), got.size() - right));
        }
    }

    /** An answer's latency and its values that cite nothing. */
    void answered(long micros, int uncitedValues) {
        this.micros.add(micros);
        this.uncited += uncitedValues;
    }

    public double share() {
        return questions == 0 ? 0 : score / questions;
    }

    /**
     * The table of families, the latency over all answers, and the CPU the process spent per
     * answer (the server runs in this process, so this is the server's cost plus a little client).
     */
    public static void print(List<AnswerFamily> families, Cpu cpu, boolean showMisses) {
        System.out.println(
                "| family                   | questions | score  | precision | uncited values | answer p50 ms | p99 ms |");
        System.out.println(
                "|--------------------------|-----------|--------|-----------|----------------|---------------|--------|");
        List<Long> all = new ArrayList<>();
        for (AnswerFamily f : families) {
            all.addAll(f.micros);
            System.out.printf(
                    Locale.ROOT,
                    "| %-24s | %9d | %6.3f | %9.3f | %14d | %13s | %6s |%n",
                    f.name,
                    f.questions,
                    f.questions == 0 ? 0 : f.score / f.questions,
                    f.questions == 0 ? 0 : f.precision / f.questions,
                    f.uncited,
                    f.micros.isEmpty() ? "-" : ms(percentile(f.micros, 50)),
                    f.micros.isEmpty() ? "-" : ms(percentile(f.micros, 99)));
        }
        if (!all.isEmpty()) {
            System.out.printf(
                    Locale.ROOT,
                    "%nAnswer latency over %d questions (POST /v1/answer over loopback HTTP): p50 %s ms, p99 %s ms,"
                            + " max %s ms%n",
                    all.size(),
                    ms(percentile(all, 50)),
                    ms(percentile(all, 99)),
                    ms(percentile(all, 100)));
            System.out.printf(
                    Locale.ROOT,
                    "CPU: %.1f ms per answer (this process, %d cores, %.1f s of CPU over %.1f s);"
                            + " machine load average %.1f at the start, %.1f at the end%n",
                    cpu.cpuMillis() / all.size(),
                    cpu.cores,
                    cpu.cpuMillis() / 1000,
                    cpu.wallMillis() / 1000,
                    cpu.loadAtStart,
                    cpu.loadNow());
        }
        if (showMisses) {
            for (AnswerFamily f : families) {
                System.out.println("\nMisses, " + f.name + ":");
                f.misses.stream().limit(40).forEach(m -> System.out.println("  " + m));
            }
        }
    }

    static String ms(long micros) {
        return String.format(Locale.ROOT, "%.1f", micros / 1000.0);
    }

    static long percentile(List<Long> values, int p) {
        List<Long> sorted = values.stream().sorted().toList();
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    /**
     * The CPU this process spent from its start, and the machine's load: timings on a shared
     * machine are noisy, CPU per answer much less so.
     */
    public static final class Cpu {
        private final com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        private final long cpuAtStart = os.getProcessCpuTime();
        private final long wallAtStart = System.nanoTime();
        final double loadAtStart = os.getSystemLoadAverage();
        final int cores = os.getAvailableProcessors();

        public static Cpu start() {
            return new Cpu();
        }

        double cpuMillis() {
            return (os.getProcessCpuTime() - cpuAtStart) / 1e6;
        }

        double wallMillis() {
            return (System.nanoTime() - wallAtStart) / 1e6;
        }

        double loadNow() {
            return os.getSystemLoadAverage();
        }
    }
}
