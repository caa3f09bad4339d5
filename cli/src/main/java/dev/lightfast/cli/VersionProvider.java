package dev.lightfast.cli;

import dev.lightfast.server.Lightfast;
import picocli.CommandLine;

final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"lightfast " + Lightfast.version()};
    }
}
