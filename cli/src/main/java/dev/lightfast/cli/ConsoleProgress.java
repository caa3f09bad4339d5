package dev.lightfast.cli;

import dev.lightfast.core.progress.Progress;
import dev.lightfast.core.progress.ProgressReport;
import java.io.PrintStream;

/**
 * Progress of a long command on stderr (stdout stays for the command's results): on a terminal a
 * live line rewritten in place a few times a second, elsewhere (a pipe, a CI log) a plain line every
 * five seconds.
 */
final class ConsoleProgress implements ProgressReport {
    private static final long LIVE_INTERVAL_NANOS = 250_000_000L;

    private final PrintStream out;
    private long last;

    private ConsoleProgress(PrintStream out) {
        this.out = out;
    }

    /** A live line when stderr is a terminal, else a plain line every five seconds. */
    static ProgressReport onStderr() {
        // System.console() is null when stdin or stdout is redirected; isTerminal() asks about the
        // console itself, which is what the live line needs (JDK 22+; on 21 every console counts).
        var console = System.console();
        if (console != null && isTerminal(console)) {
            return new ConsoleProgress(System.err);
        }
        return ProgressReport.everySeconds(5, System.err::println);
    }

    private static boolean isTerminal(java.io.Console console) {
        try {
            return (boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    @Override
    public synchronized void update(Progress progress) {
        long now = System.nanoTime();
        if (now - last >= LIVE_INTERVAL_NANOS) {
            last = now;
            out.print("\r\033[K" + progress.line());
            out.flush();
        }
    }

    @Override
    public synchronized void finish(Progress progress) {
        out.print("\r\033[K");
        out.println(progress.doneLine());
    }
}
