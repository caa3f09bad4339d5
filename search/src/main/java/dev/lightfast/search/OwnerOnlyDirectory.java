package dev.lightfast.search;

import dev.lightfast.core.storage.PrivateFiles;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.EnumSet;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.FilterDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexOutput;
import org.apache.lucene.store.OutputStreamIndexOutput;

/**
 * The index's files, like every file of the data directory, are the owner's alone ({@code 0600})
 * from their first byte: the index holds the text of every event. Lucene creates its files with the
 * process's default mode, so this writes them itself, created owner-only, and leaves every other
 * operation (reading, syncing, renaming, deleting) to the file system directory it wraps.
 */
final class OwnerOnlyDirectory extends FilterDirectory {
    /** Written to the channel in pieces no larger than this, as Lucene's own outputs do. */
    private static final int CHUNK = 8192;

    private final Path dir;
    private final AtomicLong temps = new AtomicLong();

    private OwnerOnlyDirectory(FSDirectory in) {
        super(in);
        this.dir = in.getDirectory();
    }

    /** {@code in}, writing owner-only files where the file system has permissions; files made before are narrowed. */
    static org.apache.lucene.store.Directory of(FSDirectory in) throws IOException {
        if (!PrivateFiles.posix(in.getDirectory())) {
            return in;
        }
        try (var files = Files.list(in.getDirectory())) {
            files.filter(Files::isRegularFile).forEach(PrivateFiles::restrict);
        }
        // Lucene's lock factory takes an existing lock file as it is: made here first, it is owner-only too.
        PrivateFiles.createIfAbsent(in.getDirectory().resolve(IndexWriter.WRITE_LOCK_NAME));
        return new OwnerOnlyDirectory(in);
    }

    @Override
    public IndexOutput createOutput(String name, IOContext context) throws IOException {
        ensureOpen();
        return output(name);
    }

    @Override
    public IndexOutput createTempOutput(String prefix, String suffix, IOContext context) throws IOException {
        ensureOpen();
        while (true) {
            try {
                return output(getTempFileName(prefix, suffix, temps.getAndIncrement()));
            } catch (FileAlreadyExistsException taken) {
                // another writer has that name: take the next
            }
        }
    }

    private IndexOutput output(String name) throws IOException {
        Path path = dir.resolve(name);
        var channel = Files.newByteChannel(
                path, EnumSet.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW), PrivateFiles.ownerOnly());
        OutputStream out = new FilterOutputStream(Channels.newOutputStream(channel)) {
            @Override
            public void write(byte[] b, int offset, int length) throws IOException {
                while (length > 0) {
                    int n = Math.min(length, CHUNK);
                    out.write(b, offset, n);
                    offset += n;
                    length -= n;
                }
            }
        };
        return new OutputStreamIndexOutput("OwnerOnlyIndexOutput(path=\"" + path + "\")", name, out, CHUNK);
    }
}
