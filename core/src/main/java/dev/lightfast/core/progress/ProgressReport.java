package dev.lightfast.core.progress;

import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Tells someone how a {@link Progress} goes. Work calls {@link #update} as often as it likes (after
 * each page, say); the report decides when a line is worth writing. {@link #everySeconds} writes a
 * plain line every few seconds, which suits logs and pipes; the command line adds a live line for
 * terminals.
 */
public interface ProgressReport {

    void update(Progress progress);

    void finish(Progress progress);

    /** Says nothing: for callers that did not ask. */
    ProgressReport SILENT = new ProgressReport() {
        @Override
        public void update(Progress progress) {}

        @Override
        public void finish(Progress progress) {}
    };

    /** A plain line every {@code seconds}, and the closing line when done. */
    static ProgressReport everySeconds(int seconds, Consumer<String> out) {
        return everySeconds(seconds, out, System::nanoTime);
    }

    static ProgressReport everySeconds(int seconds, Consumer<String> out, LongSupplier nanoClock) {
        long interval = seconds * 1_000_000_000L;
        return new ProgressReport() {
            private long last = nanoClock.getAsLong();

            @Override
            public synchronized void update(Progress progress) {
                long now = nanoClock.getAsLong();
                if (now - last >= interval) {
                    last = now;
                    out.accept(progress.line());
                }
            }

            @Override
            public void finish(Progress progress) {
                out.accept(progress.doneLine());
            }
        };
    }
}
