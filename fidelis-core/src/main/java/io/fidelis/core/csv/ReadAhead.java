package io.fidelis.core.csv;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads its source in a background thread a few chunks ahead, so that decompressing a gzipped file and parsing it
 * use two cores. Errors of the source are thrown by the reading side, where they would have been without it.
 */
public final class ReadAhead extends InputStream {
    private static final byte[] END = new byte[0];
    private static final int CHUNK = 1 << 18;
    private final InputStream source;
    private final BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(8);
    private final Thread thread;
    private volatile IOException failure;
    private byte[] current;
    private int position;

    public ReadAhead(InputStream source) {
        this.source = source;
        this.thread = new Thread(this::fill, "fidelis-read-ahead");
        thread.setDaemon(true);
        thread.start();
    }

    private void fill() {
        try {
            while (true) {
                byte[] chunk = new byte[CHUNK];
                int n = source.readNBytes(chunk, 0, CHUNK);
                if (n > 0) {
                    queue.put(n == CHUNK ? chunk : Arrays.copyOf(chunk, n));
                }
                if (n < CHUNK) {
                    break;
                }
            }
        } catch (IOException e) {
            failure = e;
        } catch (InterruptedException e) {
            return; // closed
        }
        try {
            queue.put(END);
        } catch (InterruptedException e) {
            // closed
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (current == null || position == current.length) {
            if (current == END) {
                return -1;
            }
            try {
                current = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while reading");
            }
            position = 0;
            if (current == END) {
                if (failure != null) {
                    throw failure;
                }
                return -1;
            }
        }
        int n = Math.min(len, current.length - position);
        System.arraycopy(current, position, b, off, n);
        position += n;
        return n;
    }

    @Override
    public void close() throws IOException {
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        source.close();
    }
}
