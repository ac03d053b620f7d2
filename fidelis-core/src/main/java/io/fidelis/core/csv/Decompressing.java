package io.fidelis.core.csv;

import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/** Gzip recognised by its content (the magic bytes 1f 8b), whatever the file's name. */
public final class Decompressing {
    private Decompressing() {
    }

    /**
     * The stream itself, or a gunzipping view of it when it starts with the gzip magic bytes.
     *
     * @param in a stream that supports {@link InputStream#mark} (such as a BufferedInputStream)
     */
    public static InputStream ifGzip(InputStream in) throws IOException {
        if (!in.markSupported()) {
            throw new IllegalArgumentException("the stream must support mark and reset");
        }
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        return b1 == 0x1f && b2 == 0x8b ? new GZIPInputStream(in, 1 << 16) : in;
    }
}
