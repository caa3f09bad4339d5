package dev.lightfast.server;

import java.nio.file.Path;
import java.time.Duration;

/** {@link ChildServer} for tests in other packages: a server in its own JVM, to be killed. */
public final class ChildServers {
    private ChildServers() {}

    /** A killable server on the embedded store in {@code dataDir}. */
    public static Child start(Path dataDir, Duration timeout) {
        return new Child(ChildServer.start(dataDir, null, timeout));
    }

    /** The child's address and its SIGKILL. */
    public static final class Child implements AutoCloseable {
        private final ChildServer server;

        private Child(ChildServer server) {
            this.server = server;
        }

        public String base() {
            return server.base();
        }

        public void kill() {
            server.kill();
        }

        @Override
        public void close() {
            server.kill();
        }
    }
}
